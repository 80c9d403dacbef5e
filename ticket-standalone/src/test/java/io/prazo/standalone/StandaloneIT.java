package io.prazo.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.events.EventTypes;
import io.prazo.events.MetadataKeys;
import io.prazo.testing.Http;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The launcher as a user runs it: real HTTP, the embedded PostgreSQL, a restart on the same data.
 */
class StandaloneIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void aTicketLivesItsWholeLifeThroughHttpAndSurvivesARestart() throws Exception {
    String ticketId;
    List<String> types;
    try (ConfigurableApplicationContext app = start("system")) {
      Http http = new Http(port(app));
      String supervisor = http.devToken("sofia", "supervisor", null);
      String customer = http.devToken("ana", "customer", "acme");
      String agent = http.devToken("bruno", "agent", null);
      expect(
          200,
          http.put("/api/organizations/acme/contract", supervisor, "{\"policyId\":\"pronnus\"}"));

      Http.Answer opened =
          http.post(
              "/api/tickets",
              customer,
              "{\"organizationId\":\"acme\",\"requester\":{\"id\":\"ana\",\"name\":\"Ana\"},"
                  + "\"subject\":\"NF-e rejeitada\",\"channel\":\"PORTAL\",\"priority\":\"HIGH\"}",
              "X-Correlation-Id",
              "corr-open");
      expect(201, opened);
      ticketId = opened.text("ticketId");
      String t = "/api/tickets/" + ticketId;
      expect(200, http.post(t + "/replies", agent, "{\"body\":\"Olhando\",\"public\":true}"));
      expect(200, http.post(t + "/pause", agent, "{\"reason\":\"AWAITING_CUSTOMER\"}"));
      expect(200, http.post(t + "/resume", agent, "{}"));
      expect(
          200,
          http.post(
              t + "/resolution", agent, "{\"category\":\"PRODUCT_ERROR\",\"summary\":\"Feito\"}"));
      expect(
          200,
          http.post(t + "/approval", customer, "{\"approved\":false,\"comment\":\"Ainda não\"}"));
      expect(
          200,
          http.post(
              t + "/resolution",
              agent,
              "{\"category\":\"PRODUCT_ERROR\",\"summary\":\"Agora sim\"}"));
      expect(200, http.post(t + "/approval", customer, "{\"approved\":true}"));
      expect(200, http.post(t + "/survey", customer, "{\"score\":4,\"comment\":\"Bom\"}"));

      List<Map<String, String>> rows = events(ticketId);
      types = rows.stream().map(r -> r.get("type")).toList();
      assertThat(types)
          .containsExactly(
              "io.prazo.ticket.opened",
              "io.prazo.ticket.reply-added",
              "io.prazo.ticket.first-response-recorded",
              "io.prazo.ticket.paused",
              "io.prazo.ticket.resumed",
              "io.prazo.ticket.resolved",
              "io.prazo.ticket.approval-requested",
              "io.prazo.ticket.resolution-rejected",
              "io.prazo.ticket.reopened",
              "io.prazo.ticket.resolved",
              "io.prazo.ticket.approval-requested",
              "io.prazo.ticket.resolution-approved",
              "io.prazo.ticket.closed",
              "io.prazo.ticket.survey-requested",
              "io.prazo.ticket.survey-answered");
      assertThat(rows.get(0).get("meta"))
          .contains("\"" + MetadataKeys.ACTOR_ID + "\":\"ana\"")
          .contains("\"" + MetadataKeys.ACTOR_ROLE + "\":\"customer\"")
          .contains("\"" + MetadataKeys.CORRELATION_ID + "\":\"corr-open\"")
          .contains("\"" + MetadataKeys.CAUSATION_ID + "\"");
      assertThat(rows.get(1).get("meta"))
          .contains("\"actorId\":\"bruno\"", "\"actorRole\":\"agent\"");
      assertThat(publishedTypes(ticketId, types.size()))
          .as("a stock Kafka consumer reads the ticket's events from the embedded broker")
          .isEqualTo(
              types.stream().map(n -> EventTypes.named(n).orElseThrow().versionedName()).toList());
    }

    try (ConfigurableApplicationContext app = start("system")) {
      assertThat(events(ticketId).stream().map(r -> r.get("type")).toList())
          .as("a restart keeps every event")
          .isEqualTo(types);
      Http http = new Http(port(app));
      String customer = http.devToken("ana", "customer", "acme");
      Http.Answer again =
          http.post("/api/tickets/" + ticketId + "/survey", customer, "{\"score\":5}");
      assertThat(again.status())
          .as("the restarted service knows the survey was answered")
          .isEqualTo(409);
      Http.Answer second =
          http.post(
              "/api/tickets",
              customer,
              "{\"organizationId\":\"acme\",\"requester\":{\"id\":\"ana\",\"name\":\"Ana\"},"
                  + "\"subject\":\"Outra\",\"channel\":\"EMAIL\",\"priority\":\"LOW\"}");
      expect(201, second);
      assertThat(second.text("number")).isEqualTo("TCK-000002");
      assertThat(publishedTypes(second.text("ticketId"), 1))
          .as("the restarted broker and publisher go on")
          .containsExactly("io.prazo.ticket.opened.v2");
      assertThat(publishedTypes(ticketId, types.size()))
          .as("the broker kept the records published before the restart")
          .hasSize(types.size());
    }
  }

  @Test
  void theTestClockMovesOnlyForwardAndOnlyForSupervisorsOrTheSystem() throws SQLException {
    try (ConfigurableApplicationContext app =
        start("test", "--prazo.clock.start=2026-03-02T12:00:00Z")) {
      Http http = new Http(port(app));
      String supervisor = http.devToken("sofia", "supervisor", null);
      String agent = http.devToken("bruno", "agent", null);
      assertThat(http.get("/api/test-clock", agent).text("now")).isEqualTo("2026-03-02T12:00:00Z");
      Http.Answer moved = http.post("/api/test-clock", supervisor, "{\"advanceBy\":\"PT26H\"}");
      expect(200, moved);
      assertThat(moved.text("now")).isEqualTo("2026-03-03T14:00:00Z");
      expect(200, http.post("/api/test-clock", supervisor, "{\"setTo\":\"2026-03-04T00:00:00Z\"}"));
      assertThat(
              http.post("/api/test-clock", supervisor, "{\"setTo\":\"2026-03-01T00:00:00Z\"}")
                  .status())
          .isEqualTo(400);
      assertThat(http.post("/api/test-clock", supervisor, "{}").status()).isEqualTo(400);
      assertThat(http.post("/api/test-clock", agent, "{\"advanceBy\":\"PT1H\"}").status())
          .isEqualTo(403);
      assertThat(http.get("/api/test-clock", agent).text("now")).isEqualTo("2026-03-04T00:00:00Z");

      String customer = http.devToken("ana", "customer", "acme");
      expect(
          200,
          http.put("/api/organizations/acme/contract", supervisor, "{\"policyId\":\"standard\"}"));
      String ticketId =
          http.post(
                  "/api/tickets",
                  customer,
                  "{\"organizationId\":\"acme\",\"requester\":{\"id\":\"ana\",\"name\":\"Ana\"},"
                      + "\"subject\":\"x\",\"channel\":\"CHAT\",\"priority\":\"P2\"}")
              .text("ticketId");
      assertThat(events(ticketId).get(0).get("data"))
          .as("events carry the test clock's reading")
          .contains("\"occurredAt\":\"2026-03-04T00:00:00Z\"");
    }
  }

  @Test
  void theTestClockDoesNotExistOnTheSystemClock() {
    try (ConfigurableApplicationContext app = start("system")) {
      Http http = new Http(port(app));
      String supervisor = http.devToken("sofia", "supervisor", null);
      assertThat(http.get("/api/test-clock", supervisor).status()).isEqualTo(404);
      assertThat(http.post("/api/test-clock", supervisor, "{\"advanceBy\":\"PT1H\"}").status())
          .isEqualTo(404);
      assertThat(http.get("/v3/api-docs", null).status()).isEqualTo(200);
    }
  }

  private ConfigurableApplicationContext start(String clock, String... more) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--prazo.data-dir=" + dataDir);
    args.add("--prazo.kafka.port=0");
    args.add("--prazo.clock=" + clock);
    args.addAll(List.of(more));
    return PrazoStandalone.start(args.toArray(String[]::new));
  }

  /**
   * The CloudEvents types of a ticket's records on the topic, first copies in arrival order, read
   * with a stock consumer configured from {@code kafka.properties} as a user would.
   */
  private List<String> publishedTypes(String ticketId, int expected) throws IOException {
    Properties settings = new Properties();
    try (Reader in = Files.newBufferedReader(dataDir.resolve("kafka.properties"))) {
      settings.load(in);
    }
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "standalone-it-" + UUID.randomUUID());
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> ids = new ArrayList<>();
    List<String> typesSeen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("tickets.events.v1"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (typesSeen.size() < expected && System.nanoTime() - deadline < 0) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          JsonNode event = JSON.readTree(record.value());
          if (record.key().equals(ticketId) && !ids.contains(event.path("id").asText())) {
            ids.add(event.path("id").asText());
            typesSeen.add(event.path("type").asText());
          }
        }
      }
    }
    return typesSeen;
  }

  private static int port(ConfigurableApplicationContext app) {
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  private List<Map<String, String>> events(String ticketId) throws SQLException {
    Properties connection = new Properties();
    try (Reader in = Files.newBufferedReader(dataDir.resolve("postgres.properties"))) {
      connection.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<Map<String, String>> rows = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(
                connection.getProperty("url"),
                connection.getProperty("user"),
                connection.getProperty("password"));
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT payload_type, convert_from(meta_data, 'UTF8') AS meta,"
                    + " convert_from(payload, 'UTF8') AS data FROM domain_event_entry"
                    + " WHERE aggregate_identifier = '"
                    + ticketId.replaceAll("[^a-f0-9-]", "")
                    + "' ORDER BY sequence_number")) {
      while (rs.next()) {
        rows.add(Map.of("type", rs.getString(1), "meta", rs.getString(2), "data", rs.getString(3)));
      }
    }
    return rows;
  }

  private static void expect(int status, Http.Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
  }
}
