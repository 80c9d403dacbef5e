package io.prazo.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.events.ClosedHow;
import io.prazo.events.EscalationReason;
import io.prazo.events.ResolutionApproved;
import io.prazo.events.SlaMetric;
import io.prazo.events.SupportLevel;
import io.prazo.events.TicketAutoClosed;
import io.prazo.events.TicketClosed;
import io.prazo.events.TicketEscalated;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketReopened;
import io.prazo.sla.SlaAction;
import io.prazo.sla.projector.deadline.ActionAttempts;
import io.prazo.sla.projector.deadline.ActionFirer;
import io.prazo.sla.projector.deadline.ProjectorStatus;
import io.prazo.sla.projector.deadline.SlaMetrics;
import io.prazo.sla.projector.deadline.SystemToken;
import io.prazo.sla.projector.deadline.TicketCommandClient;
import io.prazo.sla.projector.projection.TicketClockStore;
import io.prazo.testing.Http;
import io.prazo.web.clock.TestClock;
import io.prazo.web.security.DevTokenIssuer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SLA engine end to end in the standalone: real HTTP, the embedded PostgreSQL, the projector
 * acting through ticket-command, and the test clock stepping through due instants. Each test starts
 * by setting the clock to its own fixed instant (the tests run in order, so time only moves
 * forward); due instants are worked out by hand in the comments. São Paulo is UTC-3 all year.
 *
 * <p>pronnus: URGENT 30 min / 4 h and HIGH 1 h / 8 h on 24x7; business days on br-8x5 (Mon–Fri
 * 08–12 and 13–17, 8 h a day); auto-close after 4 business days.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlaEndToEndIT {
  @TempDir static Path dataDir;
  static ConfigurableApplicationContext app;
  static int port;
  static Http http;
  static String supervisor;
  static String customer;
  static String agent;

  @BeforeAll
  static void start() {
    app =
        PrazoStandalone.start(
            "--server.port=0",
            "--prazo.data-dir=" + dataDir,
            "--prazo.kafka.port=0",
            "--prazo.clock=test",
            "--prazo.clock.start=2026-03-02T11:00:00Z",
            // Only the test clock's moves fire actions here, so a test can hold one back.
            "--prazo.sla.projector.poll-interval=1h");
    port = ((WebServerApplicationContext) app).getWebServer().getPort();
    http = new Http(port);
    supervisor = http.devToken("sofia", "supervisor", null);
    customer = http.devToken("ana", "customer", "acme");
    agent = http.devToken("bruno", "agent", null);
    expect(
        200,
        http.put("/api/organizations/acme/contract", supervisor, "{\"policyId\":\"pronnus\"}"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @Order(1)
  void aBreachEscalatesOncePerMetricAtTheInstantTheTargetRanOut() {
    setClock("2026-03-02T12:00:00Z");
    String id = open("URGENT");
    // First response 30 min and resolution 4 h on 24x7, nobody answers.
    advanceBy("PT6H");
    // The clock's move returns once the escalations are visible to queries, without minVersion.
    Http.Answer shown = http.get("/api/tickets/" + id, agent);
    expect(200, shown);
    assertThat(shown.json().get("escalationLevel").asInt()).isEqualTo(2);
    assertThat(shown.text("level")).isEqualTo("N3");
    assertThat(shown.json().at("/sla/resolution/status").asText()).isEqualTo("BREACHED");
    assertThat(shown.json().at("/sla/resolution/breachedAt").asText())
        .isEqualTo("2026-03-02T16:00:00Z");
    assertThat(http.get("/api/tickets?slaStatus=BREACHED&size=200", agent).json().get("items"))
        .anySatisfy(item -> assertThat(item.get("ticketId").asText()).isEqualTo(id));
    advanceBy("P2D");
    List<TicketEscalated> escalations = events(id, TicketEscalated.class);
    assertThat(escalations)
        .extracting(TicketEscalated::metric, TicketEscalated::occurredAt, TicketEscalated::toLevel)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                SlaMetric.FIRST_RESPONSE, Instant.parse("2026-03-02T12:30:00Z"), SupportLevel.N2),
            org.assertj.core.groups.Tuple.tuple(
                SlaMetric.RESOLUTION, Instant.parse("2026-03-02T16:00:00Z"), SupportLevel.N3));
    assertThat(escalations).allMatch(e -> e.reason() == EscalationReason.SLA_BREACH);
  }

  @Test
  @Order(2)
  void aCustomerRequestedEscalationIsRecordedWithItsReason() {
    setClock("2026-03-05T12:00:00Z");
    String id = open("HIGH");
    reply(id);
    expect(
        200,
        http.post(
            "/api/tickets/" + id + "/escalations",
            customer,
            "{\"reason\":\"CUSTOMER_REQUEST\",\"note\":\"Produção parada\"}"));
    assertThat(events(id, TicketEscalated.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(EscalationReason.CUSTOMER_REQUEST);
              assertThat(e.metric()).isNull();
              assertThat(e.note()).isEqualTo("Produção parada");
              assertThat(e.toLevel()).isEqualTo(SupportLevel.N2);
            });
  }

  @Test
  @Order(3)
  void anUnansweredResolutionClosesItselfAtExactlyFourBusinessDays() {
    // Resolved Mon 2026-03-09 09:00 local: Mon 09-12 + 13-17 = 7 h, Tue, Wed, Thu 8 h each = 31 h,
    // Fri 08:00-09:00 = 32 h = 4 x 8 h: Fri 2026-03-13 09:00 local = 12:00Z.
    setClock("2026-03-09T12:00:00Z");
    String id = open("HIGH");
    reply(id);
    resolve(id);
    advanceTo("2026-03-13T11:59:59.999Z");
    assertThat(events(id, TicketClosed.class)).as("one millisecond before").isEmpty();
    Http.Answer waiting = http.get("/api/tickets/" + id, agent);
    assertThat(waiting.text("status")).isEqualTo("RESOLVED");
    assertThat(waiting.text("autoCloseAt")).isEqualTo("2026-03-13T12:00:00Z");
    advanceTo("2026-03-13T12:00:00Z");
    Http.Answer closed = http.get("/api/tickets/" + id, agent);
    assertThat(closed.text("status")).isEqualTo("CLOSED");
    assertThat(closed.text("closedHow")).isEqualTo("AUTO_CLOSED");
    assertThat(closed.text("closedAt")).isEqualTo("2026-03-13T12:00:00Z");
    assertThat(events(id, TicketAutoClosed.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-03-13T12:00:00Z"));
              assertThat(e.approvalRequestId()).isEqualTo(id + "/approval/1");
            });
    assertThat(events(id, TicketClosed.class))
        .extracting(TicketClosed::how)
        .containsExactly(ClosedHow.AUTO_CLOSED);
    advanceBy("P2D");
    assertThat(events(id, TicketClosed.class)).hasSize(1);
  }

  @Test
  @Order(4)
  void aRejectionBeforeTheInstantCancelsTheAutoCloseAndTheNextResolutionGetsItsOwn() {
    setClock("2026-03-16T12:00:00Z");
    String id = open("HIGH");
    reply(id);
    resolve(id);
    advanceTo("2026-03-18T12:00:00Z");
    expect(
        200,
        http.post(
            "/api/tickets/" + id + "/approval",
            customer,
            "{\"approved\":false,\"comment\":\"Ainda falha\"}"));
    // The first request would have closed it on Fri 2026-03-20 12:00Z.
    advanceTo("2026-03-23T12:00:00Z");
    assertThat(events(id, TicketReopened.class)).hasSize(1);
    assertThat(events(id, TicketClosed.class)).isEmpty();
    // Resolved again Mon 2026-03-23 09:00 local: closes Fri 2026-03-27 09:00 local.
    resolve(id);
    advanceTo("2026-03-27T12:00:00Z");
    assertThat(events(id, TicketAutoClosed.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.approvalRequestId()).isEqualTo(id + "/approval/2");
              assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-03-27T12:00:00Z"));
            });
  }

  @Test
  @Order(5)
  void anApprovalRacingTheAutoCloseEndsInExactlyOneOutcome() throws Exception {
    // Resolved Mon 2026-03-30 09:00 local; Fri 2026-04-03 is Good Friday, so the auto-close is
    // due Mon 2026-04-06 09:00 local = 12:00Z.
    setClock("2026-03-30T12:00:00Z");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = open("HIGH");
      reply(id);
      resolve(id);
      ids.add(id);
    }
    advanceTo("2026-04-06T11:59:59.990Z");
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Http.Answer>> approvals = new ArrayList<>();
    for (String id : ids) {
      approvals.add(
          CompletableFuture.supplyAsync(
              () -> {
                await(go);
                return http.post(
                    "/api/tickets/" + id + "/approval", customer, "{\"approved\":true}");
              }));
    }
    CompletableFuture<Http.Answer> clock =
        CompletableFuture.supplyAsync(
            () -> {
              await(go);
              return http.post(
                  "/api/test-clock", supervisor, "{\"setTo\":\"2026-04-06T12:00:00Z\"}");
            });
    go.countDown();
    expect(200, clock.get());
    // Whatever is left due after the race is settled by the next move.
    advanceBy("PT1M");
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      Http.Answer approval = approvals.get(i).get();
      List<TicketClosed> closed = events(id, TicketClosed.class);
      assertThat(closed).as("ticket %s closes once", id).hasSize(1);
      if (approval.status() == 200) {
        assertThat(closed.get(0).how()).isEqualTo(ClosedHow.APPROVED);
        assertThat(events(id, TicketAutoClosed.class)).isEmpty();
      } else {
        assertThat(approval.status()).as(approval.toString()).isEqualTo(409);
        assertThat(approval.raw().body()).contains("not awaiting approval");
        assertThat(closed.get(0).how()).isEqualTo(ClosedHow.AUTO_CLOSED);
        assertThat(events(id, ResolutionApproved.class)).isEmpty();
        assertThat(events(id, TicketAutoClosed.class).get(0).occurredAt())
            .isEqualTo(Instant.parse("2026-04-06T12:00:00Z"));
      }
    }
  }

  @Test
  @Order(6)
  void anAutoCloseCountsOnlyBusinessDaysAcrossHolidays() {
    // Resolved Mon 2026-04-20 09:00 local; Tue 2026-04-21 is Tiradentes: Mon 7 h, Wed, Thu, Fri 24
    // h
    // = 31 h, Mon 2026-04-27 08:00-09:00 = 32 h: 12:00Z.
    setClock("2026-04-20T12:00:00Z");
    String id = open("HIGH");
    reply(id);
    resolve(id);
    advanceTo("2026-04-27T11:59:59Z");
    assertThat(events(id, TicketClosed.class)).isEmpty();
    advanceTo("2026-04-27T12:30:00Z");
    assertThat(events(id, TicketAutoClosed.class))
        .extracting(TicketAutoClosed::occurredAt)
        .containsExactly(Instant.parse("2026-04-27T12:00:00Z"));
  }

  @Test
  @Order(7)
  void aProjectorKilledBetweenSendingAndRecordingTheAnswerHasOneEffectAfterItsRestart()
      throws Exception {
    // Resolved Mon 2026-05-04 09:00 local: auto-close due Fri 2026-05-08 12:00Z.
    setClock("2026-05-04T12:00:00Z");
    String id = open("HIGH");
    reply(id);
    resolve(id);
    advanceTo("2026-05-08T11:00:00Z");
    // Time reaches the due instant without the advancer, so nothing has fired yet.
    app.getBean(TestClock.class).moveTo(Instant.parse("2026-05-08T12:00:00Z"));

    DevTokenIssuer issuer = app.getBean(DevTokenIssuer.class);
    URI base = URI.create("http://127.0.0.1:" + port);
    TicketCommandClient dying =
        new TicketCommandClient(() -> base, SystemToken.issuedBy(issuer)) {
          @Override
          public Answer send(SlaAction action) throws java.io.IOException, InterruptedException {
            super.send(action);
            throw new KilledException();
          }
        };
    ActionFirer beforeTheKill = firer(dying);
    try {
      beforeTheKill.fireDue();
    } catch (KilledException expected) {
      // The command reached ticket-command; its answer was never recorded.
    }
    assertThat(events(id, TicketAutoClosed.class)).hasSize(1);
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM sla.action_attempt WHERE action_id = ?",
                Integer.class,
                id + "/approval/1/auto-close"))
        .as("no answer was recorded")
        .isZero();

    // Restarted, the projector sends the action again before it has seen the event: the
    // idempotency key gives it the first answer, not a second effect.
    TicketCommandClient.Answer again =
        new TicketCommandClient(() -> base, SystemToken.issuedBy(issuer))
            .send(
                new SlaAction.AutoClose(
                    id, id + "/approval/1", Instant.parse("2026-05-08T12:00:00Z")));
    assertThat(again.status()).isEqualTo(200);
    // And left to itself it settles with nothing more to do.
    advanceBy("PT1H");
    assertThat(events(id, TicketAutoClosed.class)).hasSize(1);
    assertThat(events(id, TicketClosed.class)).hasSize(1);
  }

  @Test
  @Order(8)
  void aRebuildEndsInTheSameStateAndFiresNothingAgain() throws Exception {
    setClock("2026-05-11T12:00:00Z");
    String running = open("URGENT"); // owes two escalations in the future
    String paused = open("HIGH");
    expect(
        200,
        http.post(
            "/api/tickets/" + paused + "/pause", agent, "{\"reason\":\"AWAITING_CUSTOMER\"}"));
    String awaiting = open("HIGH");
    reply(awaiting);
    resolve(awaiting); // owes an auto-close
    advanceBy("PT0S"); // returns once the projection has processed everything
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    String dump = "SELECT * FROM sla.ticket_clock ORDER BY ticket_id";
    List<Map<String, Object>> before = jdbc.queryForList(dump);
    List<Map<String, Object>> attemptsBefore =
        jdbc.queryForList("SELECT * FROM sla.action_attempt ORDER BY action_id");
    long eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    assertThat(before).hasSizeGreaterThan(5);

    expect(202, http.post("/api/admin/projections/sla-projector/rebuild", supervisor, "{}"));
    ProjectionWaits.awaitCaughtUp(http, supervisor, "sla-projector");
    assertThat(jdbc.queryForList(dump)).isEqualTo(before);
    // Moving on fires nothing that had fired before.
    advanceBy("PT1M");
    assertThat(jdbc.queryForList("SELECT * FROM sla.action_attempt ORDER BY action_id"))
        .isEqualTo(attemptsBefore);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
        .isEqualTo(eventsBefore);
    assertThat(jdbc.queryForList(dump)).isEqualTo(before);
    // And what is still owed happens once, at its instant.
    advanceTo("2026-05-11T16:00:00Z");
    assertThat(events(running, TicketEscalated.class))
        .extracting(TicketEscalated::occurredAt)
        .containsExactly(
            Instant.parse("2026-05-11T12:30:00Z"), Instant.parse("2026-05-11T16:00:00Z"));
    assertThat(events(paused, TicketEscalated.class)).isEmpty();
  }

  @Test
  @Order(9)
  void projectionsReportTheirPositionAndLagToSupervisorsOnly() {
    Http.Answer list = http.get("/api/admin/projections", supervisor);
    expect(200, list);
    assertThat(list.json().findValuesAsText("name")).contains("sla-projector");
    assertThat(http.get("/api/admin/projections", agent).status()).isEqualTo(403);
    assertThat(http.post("/api/admin/projections/sla-projector/rebuild", agent, "{}").status())
        .isEqualTo(403);
    assertThat(http.post("/api/admin/projections/nope/rebuild", supervisor, "{}").status())
        .isEqualTo(404);
  }

  // ---- helpers ----

  private static ActionFirer firer(TicketCommandClient client) {
    return new ActionFirer(
        app.getBean(TicketClockStore.class),
        app.getBean(ActionAttempts.class),
        app.getBean(ProjectorStatus.class),
        client,
        app.getBean(TestClock.class),
        Duration.ofSeconds(1),
        app.getBean(SlaMetrics.class),
        io.micrometer.tracing.Tracer.NOOP);
  }

  private static String open(String priority) {
    Http.Answer opened =
        http.post(
            "/api/tickets",
            customer,
            "{\"organizationId\":\"acme\",\"requester\":{\"id\":\"ana\",\"name\":\"Ana\"},"
                + "\"subject\":\"NF-e rejeitada\",\"channel\":\"PORTAL\",\"priority\":\""
                + priority
                + "\"}");
    expect(201, opened);
    return opened.text("ticketId");
  }

  private static void reply(String id) {
    expect(
        200,
        http.post("/api/tickets/" + id + "/replies", agent, "{\"body\":\"Olá\",\"public\":true}"));
  }

  private static void resolve(String id) {
    expect(
        200,
        http.post(
            "/api/tickets/" + id + "/resolution",
            agent,
            "{\"category\":\"PRODUCT_ERROR\",\"summary\":\"Corrigido\"}"));
  }

  private static void setClock(String instant) {
    advanceTo(instant);
  }

  private static void advanceTo(String instant) {
    expect(200, http.post("/api/test-clock", supervisor, "{\"setTo\":\"" + instant + "\"}"));
  }

  private static void advanceBy(String duration) {
    expect(200, http.post("/api/test-clock", supervisor, "{\"advanceBy\":\"" + duration + "\"}"));
  }

  private static <T extends TicketEvent> List<T> events(String ticketId, Class<T> type) {
    return app.getBean(EventStore.class)
        .readEvents(ticketId)
        .asStream()
        .map(m -> m.getPayload())
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void expect(int status, Http.Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
  }

  private static final class KilledException extends RuntimeException {
    KilledException() {
      super("the projector died here");
    }
  }
}
