package io.prazo.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.events.TicketEscalated;
import io.prazo.testing.Http;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The projector cannot reach ticket-command: a due action is retried, never dropped, and the test
 * clock says it could not settle instead of pretending the action fired.
 */
class SlaUnreachableCommandsIT {
  @TempDir Path dataDir;

  @Test
  void aDueActionThatCannotBeDeliveredIsRetriedAndTheClockAnswers503() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    try (ConfigurableApplicationContext app =
        PrazoStandalone.start(
            "--server.port=0",
            "--prazo.data-dir=" + dataDir,
            "--prazo.kafka.port=0",
            "--prazo.clock=test",
            "--prazo.clock.start=2026-03-02T12:00:00Z",
            "--prazo.sla.projector.command-url=http://127.0.0.1:" + deadPort,
            "--prazo.sla.projector.advance-timeout=3s")) {
      Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
      String supervisor = http.devToken("sofia", "supervisor", null);
      String customer = http.devToken("ana", "customer", "acme");
      assertThat(
              http.put("/api/organizations/acme/contract", supervisor, "{\"policyId\":\"pronnus\"}")
                  .status())
          .isEqualTo(200);
      String id =
          http.post(
                  "/api/tickets",
                  customer,
                  "{\"organizationId\":\"acme\",\"requester\":{\"id\":\"ana\",\"name\":\"Ana\"},"
                      + "\"subject\":\"Fora do ar\",\"channel\":\"PHONE\",\"priority\":\"URGENT\"}")
              .text("ticketId");

      Http.Answer moved = http.post("/api/test-clock", supervisor, "{\"advanceBy\":\"PT1H\"}");
      assertThat(moved.status()).as(moved.toString()).isEqualTo(503);
      assertThat(moved.header("Content-Type")).startsWith("application/problem+json");
      assertThat(moved.text("type")).isEqualTo("urn:prazo:problem:clock-not-settled");
      assertThat(http.get("/api/test-clock", supervisor).text("now"))
          .as("the clock stopped at the undelivered action's instant")
          .isEqualTo("2026-03-02T12:30:00Z");

      Map<String, Object> attempt =
          app.getBean(JdbcTemplate.class)
              .queryForMap(
                  "SELECT attempts, outcome FROM sla.action_attempt WHERE action_id = ?",
                  id + "/escalation/FIRST_RESPONSE");
      assertThat(attempt.get("outcome")).isEqualTo("RETRYING");
      assertThat((Integer) attempt.get("attempts")).isGreaterThanOrEqualTo(2);
      assertThat(
              app.getBean(EventStore.class)
                  .readEvents(id)
                  .asStream()
                  .filter(m -> m.getPayload() instanceof TicketEscalated))
          .isEmpty();
    }
  }
}
