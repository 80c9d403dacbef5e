package io.prazo.apart;

import static io.prazo.apart.PrometheusText.Expected.positive;
import static io.prazo.apart.PrometheusText.Expected.present;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.testing.EventContractValidator;
import io.prazo.testing.Http;
import io.prazo.testing.process.ServiceProcess;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three services apart, each in its own JVM, on PostgreSQL and a Kafka broker in processes of
 * their own, secured by the test's own token issuer ({@link PrazoApart}). A ticket is opened,
 * resolved and closed by the projector across the process boundaries on a policy whose business day
 * lasts {@value #DAY_LENGTH}: no test clock, real time only.
 */
@ExtendWith(PrintProcessLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServicesApartIT {
  static final String DAY_LENGTH = "PT2S";
  static final int AUTO_CLOSE_DAYS = 4;
  static final String ORGANIZATION = "apart-co";
  static final Duration WAIT = Duration.ofSeconds(60);

  /**
   * What each service's {@code /actuator/prometheus} must show, one list per service: add a line
   * here for a new metric. The publisher's counter {@code prazo.kafka.published} has the base unit
   * {@code events}, hence its name.
   */
  static final Map<String, List<PrometheusText.Expected>> EXPECTED_SERIES =
      Map.of(
          "ticket-command",
          List.of(
              present("jvm_memory_used_bytes").withLabel("application", "ticket-command"),
              positive("http_server_requests_seconds_count"),
              positive("prazo_kafka_published_total"),
              present("prazo_kafka_publish_lag"),
              positive("prazo_commands_seconds_count")
                  .withLabel("type", "OpenTicket")
                  .withLabel("outcome", "accepted"),
              positive("prazo_events_appended_total").withLabel("type", "io.prazo.ticket.opened"),
              present("prazo_projection_lag").withLabel("projection", "kafka-publisher")),
          "ticket-query",
          List.of(
              present("jvm_memory_used_bytes").withLabel("application", "ticket-query"),
              positive("http_server_requests_seconds_count"),
              present("prazo_projection_lag").withLabel("projection", "ticket-query")),
          "sla-projector",
          List.of(
              present("jvm_memory_used_bytes").withLabel("application", "sla-projector"),
              positive("http_server_requests_seconds_count"),
              present("prazo_projection_lag").withLabel("projection", "sla-projector"),
              present("prazo_sla_actions_due").withLabel("type", "AUTO_CLOSE"),
              positive("prazo_sla_actions_fired_total")
                  .withLabel("type", "AUTO_CLOSE")
                  .withLabel("outcome", "acknowledged")));

  static final ObjectMapper JSON = new ObjectMapper();
  static PrazoApart prazo;
  static Http command;
  static Http query;
  static String supervisor;
  static String agent;
  static String customer;

  @BeforeAll
  static void start() throws Exception {
    prazo = PrazoApart.start();
    command = new Http(prazo.command.baseUrl());
    query = new Http(prazo.query.baseUrl());
    supervisor = prazo.issuer.token("sofia", "supervisor", null);
    agent = prazo.issuer.token("bruno", "agent", null);
    customer = prazo.issuer.token("ana", "customer", ORGANIZATION);

    String everyDay =
        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
            .stream()
            .map(day -> "\"" + day + "\":[[\"00:00\",\"24:00\"]]")
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    expect(
        200,
        command.put(
            "/api/calendars/fast",
            supervisor,
            "{\"id\":\"fast\",\"name\":\"Fast days\",\"zone\":\"UTC\",\"dayLength\":\""
                + DAY_LENGTH
                + "\",\"week\":{"
                + everyDay
                + "},\"holidays\":[]}"));
    expect(
        200,
        command.put(
            "/api/policies/fast",
            supervisor,
            "{\"id\":\"fast\",\"name\":\"Fast\",\"businessDayCalendar\":\"fast\","
                + "\"complianceGoal\":0.8,\"warnAt\":0.75,\"autoCloseAfterBusinessDays\":"
                + AUTO_CLOSE_DAYS
                + ",\"pauseReasons\":[\"AWAITING_CUSTOMER\"],\"priorities\":[{\"id\":\"HIGH\","
                + "\"label\":\"Alta\",\"firstResponse\":{\"amount\":\"PT1H\",\"calendar\":\"24x7\"},"
                + "\"resolution\":{\"amount\":\"PT8H\",\"calendar\":\"24x7\"}}]}"));
    expect(
        200,
        command.put(
            "/api/organizations/" + ORGANIZATION + "/contract",
            supervisor,
            "{\"policyId\":\"fast\"}"));
  }

  @AfterAll
  static void stop() {
    if (prazo != null) {
      prazo.close();
    }
  }

  @Test
  @Order(1)
  void aTicketOpenedAndResolvedIsAutoClosedByTheProjectorAcrossTheProcesses() throws Exception {
    Http.Answer opened = open();
    assertThat(opened.text("policyId")).isEqualTo("fast");
    String id = opened.text("ticketId");
    reply(id);
    long resolved = resolve(id).version();

    // ticket-query, another process, shows the resolution and when the ticket will close itself.
    Http.Answer shown = query.get("/api/tickets/" + id + "?minVersion=" + resolved, agent);
    expect(200, shown);
    assertThat(shown.text("status")).isEqualTo("RESOLVED");
    Instant resolvedAt = Instant.parse(shown.text("resolvedAt"));
    Instant autoCloseAt = Instant.parse(shown.text("autoCloseAt"));
    assertThat(Duration.between(resolvedAt, autoCloseAt))
        .as("%d business days of %s on a 24x7 calendar", AUTO_CLOSE_DAYS, DAY_LENGTH)
        .isEqualTo(Duration.parse(DAY_LENGTH).multipliedBy(AUTO_CLOSE_DAYS));

    // sla-projector, a third process, closes it in real time; ticket-query shows it.
    JsonNode closed = awaitClosed(id);
    assertThat(closed.get("closedHow").asText()).isEqualTo("AUTO_CLOSED");
    assertThat(Instant.parse(closed.get("closedAt").asText())).isAfterOrEqualTo(autoCloseAt);

    Http.Answer history = query.get("/api/tickets/" + id + "/history", supervisor);
    expect(200, history);
    List<JsonNode> entries = new ArrayList<>();
    history.json().forEach(entries::add);
    assertThat(entries.stream().map(e -> e.get("type").asText()))
        .containsExactly(
            "TicketOpened",
            "ReplyAdded",
            "FirstResponseRecorded",
            "TicketResolved",
            "ApprovalRequested",
            "TicketAutoClosed",
            "TicketClosed",
            "SurveyRequested");
    for (JsonNode entry : entries.subList(entries.size() - 3, entries.size())) {
      assertThat(entry.at("/actor/id").asText()).as(entry.toString()).isEqualTo("sla-projector");
      assertThat(entry.at("/actor/role").asText()).as(entry.toString()).isEqualTo("system");
    }

    // The same events, in order, on the topic that ticket-command publishes to.
    List<JsonNode> published = readPublished(id, entries.size());
    assertThat(published.stream().map(e -> e.get("sequence").asLong()))
        .containsExactlyElementsOf(entries.stream().map(e -> e.get("sequence").asLong()).toList());
    assertThat(published.stream().map(e -> e.get("type").asText()))
        .containsExactlyElementsOf(entries.stream().map(e -> e.get("schema").asText()).toList())
        .contains("io.prazo.ticket.auto-closed.v1");
    assertThat(published.stream().map(e -> e.get("id").asText()))
        .containsExactlyElementsOf(entries.stream().map(e -> e.get("eventId").asText()).toList());
  }

  @Test
  @Order(2)
  void everyServiceRefusesATokenSignedByAnotherKeyOrNamingAnotherIssuerOrExpired() {
    Map<ServiceProcess, String> protectedPaths = new LinkedHashMap<>();
    protectedPaths.put(prazo.command, "/api/policies");
    protectedPaths.put(prazo.query, "/api/tickets");
    protectedPaths.put(prazo.projector(), "/api/admin/projections");
    Map<String, String> badTokens = new LinkedHashMap<>();
    badTokens.put("signed by another key", prazo.issuer.forgedToken("sofia", "supervisor", null));
    badTokens.put(
        "of another issuer", prazo.issuer.tokenOfAnotherIssuer("sofia", "supervisor", null));
    badTokens.put("expired", prazo.issuer.expiredToken("sofia", "supervisor", null));
    protectedPaths.forEach(
        (service, path) -> {
          Http http = new Http(service.baseUrl());
          assertThat(http.get(path, supervisor).status())
              .as("%s %s with the issuer's token", service.name(), path)
              .isEqualTo(200);
          badTokens.forEach(
              (what, token) -> {
                Http.Answer refused = http.get(path, token);
                if (service == prazo.projector() && what.equals("of another issuer")) {
                  // Given only the JWK set (PrazoApart), it trusts whatever its keys signed.
                  assertThat(refused.status()).as("%s: %s", service.name(), refused).isEqualTo(200);
                  return;
                }
                assertThat(refused.status())
                    .as("%s %s with a token %s: %s", service.name(), path, what, refused)
                    .isEqualTo(401);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
              });
          assertThat(http.get(path, null).status()).isEqualTo(401);
        });
    assertThat(prazo.issuer.jwkSetRequests()).as("the services fetched the JWK set").isPositive();
  }

  @Test
  @Order(3)
  void everyServiceExposesItsOwnSeriesToPrometheus() {
    // Something for the publisher to have published, whatever ran before.
    open();
    for (ServiceProcess service : prazo.services()) {
      List<PrometheusText.Expected> expected = EXPECTED_SERIES.get(service.name());
      Http http = new Http(service.baseUrl());
      Http.Answer[] last = new Http.Answer[1];
      await(
          service.name() + " exposing " + expected,
          () -> {
            last[0] = http.get("/actuator/prometheus", null);
            if (last[0].status() != 200) {
              return false;
            }
            PrometheusText text = PrometheusText.parse(last[0].raw().body());
            return expected.stream().allMatch(series -> series.matches(text));
          },
          () -> "last answer:\n" + last[0]);
      assertThat(last[0].header("Content-Type")).startsWith("text/plain");
    }
  }

  @Test
  @Order(3)
  void noServiceReportsUsageToAxonIQ() throws Exception {
    for (ServiceProcess service : prazo.services()) {
      assertThat(Files.readString(service.logFile()))
          .as("%s's log", service.name())
          .contains("You have opted out of the AxonIQ UpdateChecker")
          .doesNotContain("Reporting anonymous usage data");
    }
  }

  @Test
  @Order(4)
  void aProjectorKilledAfterAResolutionAndStartedAgainAutoClosesTheTicketOnce() throws Exception {
    String id = open().text("ticketId");
    reply(id);
    resolve(id);
    // The projector has taken the resolution in: it owes the auto-close.
    await(
        "sla-projector owing " + id + " its auto-close",
        () -> autoCloseOwed(id),
        () -> "no auto_close_at in sla.ticket_clock");

    prazo.projector().killForcibly();
    String actionId = id + "/approval/1/auto-close";
    assertThat(actionOutcome(actionId)).as("nothing sent before the kill").isNull();
    prazo.restartProjector();

    JsonNode closed = awaitClosed(id);
    assertThat(closed.get("closedHow").asText()).isEqualTo("AUTO_CLOSED");
    await(
        "the projector recording ticket-command's answer to " + actionId,
        () -> "ACCEPTED".equals(actionOutcome(actionId)),
        () -> "outcome " + actionOutcome(actionId));
    Http.Answer history = query.get("/api/tickets/" + id + "/history", supervisor);
    List<String> types = new ArrayList<>();
    history.json().forEach(e -> types.add(e.get("type").asText()));
    assertThat(types).filteredOn("TicketAutoClosed"::equals).hasSize(1);
    assertThat(types).filteredOn("TicketClosed"::equals).hasSize(1);
    assertThat(types.get(types.size() - 1)).isEqualTo("SurveyRequested");
  }

  // ---- helpers ----

  private static Http.Answer open() {
    Http.Answer opened =
        command.post(
            "/api/tickets",
            customer,
            "{\"organizationId\":\""
                + ORGANIZATION
                + "\",\"requester\":{\"id\":\"ana\",\"name\":\"Ana\"},"
                + "\"subject\":\"NF-e rejeitada\",\"channel\":\"PORTAL\",\"priority\":\"HIGH\"}");
    expect(201, opened);
    return opened;
  }

  private static void reply(String id) {
    expect(
        200,
        command.post(
            "/api/tickets/" + id + "/replies", agent, "{\"body\":\"Olá\",\"public\":true}"));
  }

  private static Http.Answer resolve(String id) {
    Http.Answer resolved =
        command.post(
            "/api/tickets/" + id + "/resolution",
            agent,
            "{\"category\":\"PRODUCT_ERROR\",\"summary\":\"Corrigido\"}");
    expect(200, resolved);
    return resolved;
  }

  private static JsonNode awaitClosed(String id) {
    Http.Answer[] last = new Http.Answer[1];
    await(
        "ticket-query showing " + id + " CLOSED",
        () -> {
          last[0] = query.get("/api/tickets/" + id, agent);
          return last[0].status() == 200 && "CLOSED".equals(last[0].text("status"));
        },
        () -> "last answer: " + last[0]);
    return last[0].json();
  }

  /** The ticket's records on the topic, read from the start, without repeats, as they came. */
  private static List<JsonNode> readPublished(String ticketId, int expected) throws Exception {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, prazo.kafka.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "apart-it-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    EventContractValidator contract = new EventContractValidator();
    List<JsonNode> events = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(PrazoApart.TOPIC, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (events.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (!ticketId.equals(record.key())) {
            continue;
          }
          assertThat(contract.validate(record.value())).as("contract violations").isEmpty();
          JsonNode event = JSON.readTree(record.value());
          if (seen.add(event.get("id").asText())) {
            events.add(event);
          }
        }
      }
    }
    assertThat(events).as("records of %s on %s", ticketId, PrazoApart.TOPIC).hasSize(expected);
    return events;
  }

  private static boolean autoCloseOwed(String ticketId) {
    try (Connection db = prazo.database();
        PreparedStatement statement =
            db.prepareStatement("SELECT auto_close_at FROM sla.ticket_clock WHERE ticket_id = ?")) {
      statement.setString(1, ticketId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() && row.getTimestamp(1) != null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String actionOutcome(String actionId) {
    try (Connection db = prazo.database();
        PreparedStatement statement =
            db.prepareStatement("SELECT outcome FROM sla.action_attempt WHERE action_id = ?")) {
      statement.setString(1, actionId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code condition} every 100 ms until it holds; fails at {@link #WAIT}. */
  private static void await(String what, Supplier<Boolean> condition, Supplier<String> state) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + WAIT + ": " + what + "; " + state.get());
      }
      prazo.services().forEach(service -> service.process().requireAlive());
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  private static void expect(int status, Http.Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
  }
}
