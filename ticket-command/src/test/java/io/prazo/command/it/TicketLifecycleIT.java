package io.prazo.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prazo.events.MetadataKeys;
import io.prazo.events.Role;
import io.prazo.testing.Http;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TicketLifecycleIT extends CommandServiceIT {
  @Autowired Serializer serializer;

  @BeforeEach
  void acmeIsOnPronnus() {
    contract("acme", "pronnus");
  }

  @Test
  void aTicketGoesThroughItsWholeLifeAndTheStoreHoldsExactlyThoseEvents() {
    Http.Answer opened = open();
    assertThat(opened.status()).isEqualTo(201);
    String id = opened.text("ticketId");
    assertThat(opened.header("Location")).isEqualTo("/api/tickets/" + id);
    assertThat(opened.header("ETag")).isEqualTo("\"0\"");
    assertThat(opened.text("number")).matches("TCK-\\d{6}");
    assertThat(opened.text("policyId")).isEqualTo("pronnus");
    assertThat(opened.json().get("policyVersion").asInt()).isEqualTo(1);
    assertThat(opened.text("priority")).isEqualTo("HIGH");

    String t = "/api/tickets/" + id;
    String correlation = "walk-through-1";
    expect(
        200,
        http.post(
            t + "/replies",
            agent(),
            "{\"body\":\"Looking\",\"public\":true}",
            "X-Correlation-Id",
            correlation));
    expect(200, http.post(t + "/pause", agent(), "{\"reason\":\"AWAITING_CUSTOMER\"}"));
    expect(200, http.post(t + "/resume", agent(), "{}"));
    expect(
        200,
        http.post(
            t + "/resolution",
            agent(),
            "{\"category\":\"PRODUCT_ERROR\",\"summary\":\"Patched\"}"));
    expect(
        200,
        http.post(
            t + "/approval", customer(), "{\"approved\":false,\"comment\":\"Still broken\"}"));
    expect(
        200,
        http.post(
            t + "/resolution",
            agent(),
            "{\"category\":\"PRODUCT_ERROR\",\"summary\":\"Really patched\"}"));
    Http.Answer approved = http.post(t + "/approval", customer(), "{\"approved\":true}");
    expect(200, approved);
    Http.Answer surveyed =
        http.post(t + "/survey", customer(), "{\"score\":5,\"comment\":\"Great\"}");
    expect(200, surveyed);
    assertThat(surveyed.version()).isEqualTo(14);
    assertThat(surveyed.header("ETag")).isEqualTo("\"14\"");

    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT sequence_number, payload_type, payload_revision, meta_data FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number",
            id);
    assertThat(rows.stream().map(r -> r.get("payload_type")))
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
    assertThat(rows.stream().map(r -> ((Number) r.get("sequence_number")).longValue()))
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
    assertThat(rows.get(0).get("payload_revision")).isEqualTo("2");

    List<Map<String, Object>> metadata =
        rows.stream().map(r -> metadata((byte[]) r.get("meta_data"))).toList();
    assertThat(metadata.get(0))
        .containsEntry(MetadataKeys.ACTOR_ID, "cust-1")
        .containsEntry(MetadataKeys.ACTOR_ROLE, "customer")
        .containsEntry(MetadataKeys.ACTOR_ORGANIZATION, "acme")
        .containsKeys(MetadataKeys.CORRELATION_ID, MetadataKeys.CAUSATION_ID);
    assertThat(metadata.get(1))
        .containsEntry(MetadataKeys.ACTOR_ID, "agent-1")
        .containsEntry(MetadataKeys.ACTOR_ROLE, "agent")
        .containsEntry(MetadataKeys.CORRELATION_ID, correlation);
    assertThat(metadata.get(2).get(MetadataKeys.CAUSATION_ID))
        .as("the reply and the first response come from one command")
        .isEqualTo(metadata.get(1).get(MetadataKeys.CAUSATION_ID));
    assertThat(metadata.get(3).get(MetadataKeys.CAUSATION_ID))
        .isNotEqualTo(metadata.get(1).get(MetadataKeys.CAUSATION_ID));
    metadata.forEach(
        m -> assertThat(MetadataKeys.read(m).actor().role()).isIn((Object[]) Role.values()));
  }

  @Test
  void theStoreRefusesToChangeOrDeleteAnEvent() {
    String id = open().text("ticketId");
    assertThatThrownBy(
            () ->
                jdbc.update(
                    "UPDATE domain_event_entry SET payload_type = 'x' WHERE aggregate_identifier = ?",
                    id))
        .hasMessageContaining("events are immutable");
    assertThatThrownBy(
            () -> jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", id))
        .hasMessageContaining("events are immutable");
  }

  @Test
  void snapshotsAreTakenAndTheTicketStillLoadsFromThem() {
    String id = open().text("ticketId");
    String t = "/api/tickets/" + id;
    for (int i = 0; i < 12; i++) {
      expect(
          200,
          http.post(t + "/replies", customer(), "{\"body\":\"ping " + i + "\",\"public\":true}"));
    }
    Integer snapshots =
        jdbc.queryForObject(
            "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
            Integer.class,
            id);
    assertThat(snapshots).isPositive();
    Http.Answer next = http.post(t + "/replies", agent(), "{\"body\":\"pong\",\"public\":true}");
    expect(200, next);
    assertThat(next.version()).isEqualTo(14);
  }

  @Test
  void anEventStoredInItsOldShapeStillLoads() {
    String id = "legacy-ticket-1";
    String v1 =
        "{\"ticketId\":\"legacy-ticket-1\",\"occurredAt\":\"2025-01-06T12:00:00Z\",\"number\":\"TCK-900001\","
            + "\"organizationId\":\"acme\",\"requester\":{\"id\":\"cust-1\",\"name\":\"Ana\"},"
            + "\"subject\":\"Old one\",\"description\":\"\",\"channel\":\"EMAIL\",\"priority\":\"HIGH\","
            + "\"policyId\":\"pronnus\",\"policyVersion\":1,\"level\":\"N1\"}";
    String meta =
        "{\"actorId\":\"cust-1\",\"actorRole\":\"customer\",\"actorOrganization\":\"acme\","
            + "\"correlationId\":\"c\",\"causationId\":\"c\"}";
    jdbc.update(
        "INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
            + " meta_data, payload, payload_revision, payload_type, time_stamp)"
            + " VALUES (?, 0, 'TicketAggregate', ?, ?, ?, '1', 'io.prazo.ticket.opened', '2025-01-06T12:00:00Z')",
        id,
        "legacy-event-1",
        meta.getBytes(),
        v1.getBytes());
    Http.Answer escalated =
        http.post(
            "/api/tickets/" + id + "/priority",
            agent(),
            "{\"priority\":\"URGENT\",\"reason\":\"Sales stopped\"}");
    expect(200, escalated);
    assertThat(escalated.version()).isEqualTo(1);
  }

  private Map<String, Object> metadata(byte[] bytes) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(bytes, Map.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static void expect(int status, Http.Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
  }
}
