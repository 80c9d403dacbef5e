package io.prazo.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.sla.projector.projection.TicketClockStore;
import io.prazo.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Metrics, trace ids and JSON logs of the standalone, read the way an operator reads them: a few
 * commands (accepted, refused by the state, a stale If-Match), an SLA breach and an auto-close
 * through the test clock, a rebuild of the projector, then {@code /actuator/prometheus} and the
 * console. Logs are JSON ({@code --prazo.log-format=json}).
 */
class ObservabilityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPEN_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CLOCK_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final Path DASHBOARD =
      Path.of("..", "deploy", "grafana", "dashboards", "prazo.json");

  @TempDir static Path dataDir;
  static ConfigurableApplicationContext app;
  static Http http;
  static String supervisor;
  static PrintStream originalOut;
  static final ByteArrayOutputStream console = new ByteArrayOutputStream();
  static String afterSla;
  static String afterRebuild;
  static String urgent;
  static Map<String, Long> dueBeforeTheClockMoved;
  static Map<String, Long> dueAtOpening;
  static Map<String, Long> dueAtFirstResponse;

  @BeforeAll
  static void run() throws InterruptedException {
    originalOut = System.out;
    System.setOut(new PrintStream(new Tee(originalOut, console), true, StandardCharsets.UTF_8));
    app =
        PrazoStandalone.start(
            "--server.port=0",
            "--prazo.data-dir=" + dataDir,
            "--prazo.kafka.port=0",
            "--prazo.clock=test",
            "--prazo.clock.start=2026-03-02T11:00:00Z",
            "--prazo.sla.projector.poll-interval=1h",
            "--prazo.log-format=json",
            // A line per request inside the request's trace, and the projector's accepted actions.
            "--logging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG",
            "--logging.level.io.prazo.sla.projector.deadline=DEBUG");
    http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
    supervisor = http.devToken("sofia", "supervisor", null);
    String customer = http.devToken("ana", "customer", "acme");
    String agent = http.devToken("bruno", "agent", null);
    expect(
        200,
        http.put("/api/organizations/acme/contract", supervisor, "{\"policyId\":\"pronnus\"}"));

    Http.Answer opened =
        http.post(
            "/api/tickets",
            customer,
            openBody("URGENT"),
            "traceparent",
            "00-" + OPEN_TRACE + "-00f067aa0ba902b7-01",
            "X-Correlation-Id",
            "obs-it-open");
    expect(201, opened);
    urgent = opened.text("ticketId");
    // Refused by the ticket's state (409): nothing awaits approval.
    expect(409, http.post("/api/tickets/" + urgent + "/approval", customer, "{\"approved\":true}"));
    // A stale If-Match (412).
    expect(
        412,
        http.post(
            "/api/tickets/" + urgent + "/replies",
            agent,
            "{\"body\":\"Olá\",\"public\":true}",
            "If-Match",
            "\"9\""));

    Http.Answer high = http.post("/api/tickets", customer, openBody("HIGH"));
    expect(201, high);
    String resolved = high.text("ticketId");
    expect(
        200,
        http.post(
            "/api/tickets/" + resolved + "/replies", agent, "{\"body\":\"Olá\",\"public\":true}"));
    expect(
        200,
        http.post(
            "/api/tickets/" + resolved + "/resolution",
            agent,
            "{\"category\":\"PRODUCT_ERROR\",\"summary\":\"Corrigido\"}"));

    // What the due gauges read, at an instant past every due action, before the clock moves.
    ProjectionWaits.awaitCaughtUp(http, supervisor, "sla-projector");
    TicketClockStore clocks = app.getBean(TicketClockStore.class);
    dueBeforeTheClockMoved = clocks.unsettledDueCounts(Instant.parse("2026-03-20T00:00:00Z"));
    dueAtOpening = clocks.unsettledDueCounts(Instant.parse("2026-03-02T11:29:59.999Z"));
    dueAtFirstResponse = clocks.unsettledDueCounts(Instant.parse("2026-03-02T11:30:00Z"));

    // URGENT: first response due 11:30Z, resolution 15:00Z (24x7); HIGH resolved Mon 08:00 local
    // closes itself 4 business days later, Fri 2026-03-06.
    expect(
        200,
        http.post(
            "/api/test-clock",
            supervisor,
            "{\"advanceBy\":\"P7D\"}",
            "traceparent",
            "00-" + CLOCK_TRACE + "-b7ad6b7169203331-01"));
    afterSla = scrape();

    expect(202, http.post("/api/admin/projections/sla-projector/rebuild", supervisor, "{}"));
    ProjectionWaits.awaitCaughtUp(http, supervisor, "sla-projector");
    expect(200, http.post("/api/test-clock", supervisor, "{\"advanceBy\":\"P1D\"}"));
    afterRebuild = scrape();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    System.setOut(originalOut);
  }

  @Test
  void commandsAreTimedByTypeAndOutcomeWithHistogramBuckets() {
    assertThat(commands(afterSla, "OpenTicket", "accepted")).isEqualTo(2);
    assertThat(commands(afterSla, "AnswerApproval", "rejected")).isEqualTo(1);
    assertThat(commands(afterSla, "AddReply", "conflict")).isEqualTo(1);
    assertThat(commands(afterSla, "AddReply", "accepted")).isEqualTo(1);
    assertThat(commands(afterSla, "EscalateTicket", "accepted")).isEqualTo(2);
    assertThat(commands(afterSla, "AutoCloseTicket", "accepted")).isEqualTo(1);
    double sum =
        value(afterSla, "prazo_commands_seconds_sum", "type", "OpenTicket", "outcome", "accepted");
    assertThat(sum).isGreaterThan(0).isLessThan(30);
    assertThat(
            value(
                afterSla,
                "prazo_commands_seconds_bucket",
                "type",
                "OpenTicket",
                "outcome",
                "accepted",
                "le",
                "+Inf"))
        .isEqualTo(2);
    assertThat(afterSla).doesNotContain("outcome=\"error\"");
  }

  @Test
  void eventsAreCountedOncePerCommittedEventByType() {
    assertThat(value(afterSla, "prazo_events_appended_total", "type", "io.prazo.ticket.opened"))
        .isEqualTo(2);
    assertThat(value(afterSla, "prazo_events_appended_total", "type", "io.prazo.ticket.escalated"))
        .isEqualTo(2);
    assertThat(
            value(afterSla, "prazo_events_appended_total", "type", "io.prazo.ticket.auto-closed"))
        .isEqualTo(1);
    assertThat(value(afterSla, "prazo_events_appended_total", "type", "io.prazo.ticket.resolved"))
        .isEqualTo(1);
    assertThat(value(afterSla, "prazo_events_appended_total", "type", "io.prazo.ticket.cancelled"))
        .isZero();
  }

  @Test
  void breachesAndActionsAreCountedOnceAndNotAgainAfterARebuild() {
    for (String scrape : List.of(afterSla, afterRebuild)) {
      assertThat(
              value(
                  scrape,
                  "prazo_sla_breaches_total",
                  "metric",
                  "FIRST_RESPONSE",
                  "priority",
                  "URGENT",
                  "policy",
                  "pronnus"))
          .isEqualTo(1);
      assertThat(
              value(
                  scrape,
                  "prazo_sla_breaches_total",
                  "metric",
                  "RESOLUTION",
                  "priority",
                  "URGENT",
                  "policy",
                  "pronnus"))
          .isEqualTo(1);
      assertThat(
              value(
                  scrape,
                  "prazo_sla_actions_fired_total",
                  "type",
                  "ESCALATION",
                  "outcome",
                  "acknowledged"))
          .isEqualTo(2);
      assertThat(
              value(
                  scrape,
                  "prazo_sla_actions_fired_total",
                  "type",
                  "AUTO_CLOSE",
                  "outcome",
                  "acknowledged"))
          .isEqualTo(1);
      assertThat(
              value(
                  scrape,
                  "prazo_sla_actions_fired_total",
                  "type",
                  "ESCALATION",
                  "outcome",
                  "retry"))
          .isZero();
      assertThat(value(scrape, "prazo_sla_actions_due", "type", "ESCALATION")).isZero();
      assertThat(value(scrape, "prazo_sla_actions_due", "type", "AUTO_CLOSE")).isZero();
    }
    assertThat(lines(afterSla, "prazo_sla_breaches_total")).hasSize(2);
  }

  @Test
  void dueActionsAreCountedByTypeUntilTicketCommandSettlesThem() {
    assertThat(dueBeforeTheClockMoved)
        .containsEntry("ESCALATION", 2L)
        .containsEntry("AUTO_CLOSE", 1L);
    assertThat(dueAtOpening).as("nothing is due before its instant").isEmpty();
    assertThat(dueAtFirstResponse).containsExactly(Map.entry("ESCALATION", 1L));
    assertThat(
            app.getBean(TicketClockStore.class)
                .unsettledDueCounts(Instant.parse("2026-03-20T00:00:00Z")))
        .as("every action was acknowledged")
        .isEmpty();
  }

  @Test
  void projectionLagIsThereForEveryProjectionAndCaughtUpAfterTheClockMoved() {
    for (String projection : List.of("ticket-query", "sla-projector", "kafka-publisher")) {
      double lag = value(afterRebuild, "prazo_projection_lag", "projection", projection);
      assertThat(lag).as(projection).isGreaterThanOrEqualTo(0);
    }
    assertThat(value(afterRebuild, "prazo_projection_lag", "projection", "ticket-query")).isZero();
    assertThat(value(afterRebuild, "prazo_projection_lag", "projection", "sla-projector")).isZero();
    assertThat(lines(afterRebuild, "prazo_kafka_publish_lag")).isNotEmpty();
    assertThat(lines(afterRebuild, "prazo_kafka_published_total")).isNotEmpty();
    assertThat(lines(afterRebuild, "prazo_kafka_publish_failures_total")).isNotEmpty();
  }

  @Test
  void everyPrazoMeterCarriesTheApplicationTag() {
    List<String> prazo = lines(afterSla, "prazo_");
    assertThat(prazo).isNotEmpty().allMatch(line -> line.contains("application=\"prazo\""));
  }

  @Test
  void everyMetricTheDashboardQueriesIsInTheScrape() throws IOException {
    JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD));
    assertThat(dashboard.at("/templating/list/0/name").asText()).isEqualTo("datasource");
    Set<String> queried = new TreeSet<>();
    Pattern metric = Pattern.compile("\\b((?:prazo|jvm|http_server)_[a-z0-9_]+)\\b");
    for (JsonNode expr : dashboard.findValues("expr")) {
      Matcher m = metric.matcher(expr.asText());
      while (m.find()) {
        queried.add(m.group(1));
      }
    }
    assertThat(queried).contains("prazo_commands_seconds_bucket", "prazo_sla_breaches_total");
    for (String name : queried) {
      assertThat(lines(afterRebuild, name)).as(name + " in the scrape").isNotEmpty();
    }
    for (JsonNode datasource : dashboard.findValues("datasource")) {
      if (datasource.has("uid")) {
        assertThat(datasource.get("uid").asText()).isEqualTo("${datasource}");
      }
    }
  }

  @Test
  void logLinesAreJsonObjectsWithTheCallersTraceIdAndCorrelationId() throws IOException {
    List<JsonNode> opening = logLines(OPEN_TRACE);
    assertThat(opening).isNotEmpty();
    for (JsonNode line : opening) {
      assertThat(line.get("traceId").asText()).isEqualTo(OPEN_TRACE);
      assertThat(line.get("spanId").asText()).hasSize(16);
      assertThat(line.get("correlationId").asText()).isEqualTo("obs-it-open");
      assertThat(line.has("@timestamp")).isTrue();
      assertThat(line.has("message")).isTrue();
    }
  }

  @Test
  void theProjectorsCallsToTicketCommandCarryTheTraceOfTheClockMove() throws IOException {
    List<JsonNode> traced = logLines(CLOCK_TRACE);
    // ticket-command's own request lines for the projector's commands (correlation id = action id)
    assertThat(traced)
        .anySatisfy(
            line ->
                assertThat(line.path("correlationId").asText())
                    .isEqualTo(urgent + "/escalation/FIRST_RESPONSE"))
        .anySatisfy(
            line -> assertThat(line.path("correlationId").asText()).endsWith("/auto-close"));
  }

  // ---- helpers ----

  private static List<JsonNode> logLines(String traceId) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    for (String line : console.toString(StandardCharsets.UTF_8).split("\\R")) {
      if (line.contains(traceId)) {
        JsonNode node = JSON.readTree(line);
        assertThat(node.isObject()).as(line).isTrue();
        found.add(node);
      }
    }
    return found;
  }

  private static String scrape() {
    Http.Answer answer = http.get("/actuator/prometheus", supervisor);
    expect(200, answer);
    return answer.raw().body();
  }

  private static List<String> lines(String scrape, String name) {
    return scrape
        .lines()
        .filter(
            l ->
                l.startsWith(name + "{")
                    || l.startsWith(name + " ")
                    || (name.endsWith("_") && l.startsWith(name)))
        .toList();
  }

  /** The value of the one series of a metric with these labels (among others). */
  private static double value(String scrape, String name, String... labels) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (int i = 0; i + 1 < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    List<String> matching =
        lines(scrape, name).stream()
            .filter(
                line ->
                    wanted.entrySet().stream()
                        .allMatch(e -> line.contains(e.getKey() + "=\"" + e.getValue() + "\"")))
            .toList();
    assertThat(matching).as(name + " " + wanted).hasSize(1);
    String line = matching.get(0);
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  /** How many commands of {@code type} ended with {@code outcome}, in a scrape. */
  private static double commands(String scrape, String type, String outcome) {
    return value(scrape, "prazo_commands_seconds_count", "type", type, "outcome", outcome);
  }

  private static String openBody(String priority) {
    return "{\"organizationId\":\"acme\",\"requester\":{\"id\":\"ana\",\"name\":\"Ana\"},"
        + "\"subject\":\"Sem acesso\",\"channel\":\"CHAT\",\"priority\":\""
        + priority
        + "\"}";
  }

  private static void expect(int status, Http.Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
  }

  /** Everything written to the console, also kept for the test. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      synchronized (second) {
        second.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      synchronized (second) {
        second.write(b, off, len);
      }
    }
  }
}
