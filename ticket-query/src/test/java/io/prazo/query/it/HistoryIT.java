package io.prazo.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prazo.query.config.QueryConfiguration;
import io.prazo.testing.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GET /api/tickets/{id}/history: every event of a ticket from the event store, in order, with its
 * contract name, who acted, and the request it belongs to.
 */
class HistoryIT extends QueryIT {
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String organization = "history-" + run;

  @Autowired EventProcessingConfiguration processing;

  @Test
  void recordsEveryEventInOrderWithItsContractActorAndData() {
    contract(organization, "pronnus");
    Instant opened = clock.instant();
    String id = open(organization, "HIGH");
    Instant assigned = step();
    assign(id);
    Instant replied = step();
    reply(id);
    Instant paused = step();
    pause(id);
    Instant resumed = step();
    resume(id);
    Instant escalated = step();
    command(id, "escalations", supervisor(), Map.of("reason", "MANUAL", "note", "cliente chave"));
    Instant resolved = step();
    resolve(id);
    Instant approved = step();
    approve(id, organization);
    Instant answered = step();
    command(id, "survey", customer(organization), Map.of("score", 4, "comment", "bom"));

    JsonNode history =
        expect(200, http.get("/api/tickets/" + id + "/history", supervisor())).json();

    assertThat(field(history, "type"))
        .containsExactly(
            "TicketOpened",
            "TicketAssigned",
            "ReplyAdded",
            "FirstResponseRecorded",
            "TicketPaused",
            "TicketResumed",
            "TicketEscalated",
            "TicketResolved",
            "ApprovalRequested",
            "ResolutionApproved",
            "TicketClosed",
            "SurveyRequested",
            "SurveyAnswered");
    assertThat(field(history, "schema"))
        .containsExactly(
            "io.prazo.ticket.opened.v2",
            "io.prazo.ticket.assigned.v1",
            "io.prazo.ticket.reply-added.v1",
            "io.prazo.ticket.first-response-recorded.v1",
            "io.prazo.ticket.paused.v1",
            "io.prazo.ticket.resumed.v1",
            "io.prazo.ticket.escalated.v1",
            "io.prazo.ticket.resolved.v1",
            "io.prazo.ticket.approval-requested.v1",
            "io.prazo.ticket.resolution-approved.v1",
            "io.prazo.ticket.closed.v1",
            "io.prazo.ticket.survey-requested.v1",
            "io.prazo.ticket.survey-answered.v1");
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i).get("sequence").asLong()).isEqualTo(i);
      assertThat(history.get(i).at("/data/ticketId").asText()).isEqualTo(id);
      assertThat(history.get(i).get("redacted").asBoolean()).isFalse();
    }
    assertThat(new HashSet<>(field(history, "eventId")))
        .hasSize(history.size())
        .allSatisfy(eventId -> assertThat(eventId).isNotBlank());

    assertThat(field(history, "occurredAt").stream().map(Instant::parse))
        .containsExactly(
            opened, assigned, replied, replied, paused, resumed, escalated, resolved, resolved,
            approved, approved, approved, answered);
    assertThat(history.at("/0/data/occurredAt").asText()).isEqualTo(opened.toString());

    String customer =
        "{\"id\":\"cust-"
            + organization
            + "\",\"role\":\"customer\",\"organizationId\":\""
            + organization
            + "\"}";
    String agent = "{\"id\":\"agent-1\",\"role\":\"agent\",\"organizationId\":null}";
    String supervisor = "{\"id\":\"sup-1\",\"role\":\"supervisor\",\"organizationId\":null}";
    assertThat(field(history, "actor"))
        .containsExactly(
            customer,
            agent,
            agent,
            agent,
            agent,
            agent,
            supervisor,
            agent,
            agent,
            customer,
            customer,
            customer,
            customer);

    JsonNode openedData = history.at("/0/data");
    assertThat(openedData.get("organizationId").asText()).isEqualTo(organization);
    assertThat(openedData.get("subject").asText()).isEqualTo("NF-e rejeitada");
    assertThat(openedData.get("priority").asText()).isEqualTo("HIGH");
    assertThat(openedData.at("/sla/policyId").asText()).isEqualTo("pronnus");
    assertThat(openedData.at("/requester/id").asText()).isEqualTo("cust-" + organization);
    assertThat(history.at("/1/data/assignee").asText()).isEqualTo("agent-1");
    assertThat(history.at("/1/data/level").asText()).isEqualTo("N1");
    assertThat(history.at("/2/data/body").asText()).isEqualTo("Olá, estamos verificando.");
    assertThat(history.at("/2/data/public").asBoolean()).isTrue();
    assertThat(history.at("/4/data/reason").asText()).isEqualTo("AWAITING_CUSTOMER");
    assertThat(history.at("/6/data/reason").asText()).isEqualTo("MANUAL");
    assertThat(history.at("/6/data/toLevel").asText()).isEqualTo("N2");
    assertThat(history.at("/7/data/category").asText()).isEqualTo("PRODUCT_ERROR");
    assertThat(history.at("/10/data/how").asText()).isEqualTo("APPROVED");
    assertThat(history.at("/12/data/score").asInt()).isEqualTo(4);

    JsonNode forAgent = expect(200, http.get("/api/tickets/" + id + "/history", agent())).json();
    assertThat(field(forAgent, "sequence")).containsExactlyElementsOf(field(history, "sequence"));
  }

  @Test
  void theEventsOfOneCommandCarryItsCorrelationIdAndCausation() {
    contract(organization, "pronnus");
    String openedBy = "hist-open-" + UUID.randomUUID();
    Http.Answer opened =
        http.post(
            "/api/tickets",
            customer(organization),
            openBody(organization, "HIGH"),
            "X-Correlation-Id",
            openedBy);
    expect(201, opened);
    assertThat(opened.header("X-Correlation-Id")).isEqualTo(openedBy);
    String id = opened.text("ticketId");
    expect(200, ticket(id, supervisor(), opened.version()));
    assign(id);
    advance(Duration.ofMinutes(5));
    String resolvedBy = "hist-resolve-" + UUID.randomUUID();
    send(id, "resolution", agent(), Map.of("category", "COURTESY", "summary", "ok"), resolvedBy);
    advance(Duration.ofMinutes(5));
    String approvedBy = "hist-approve-" + UUID.randomUUID();
    send(id, "approval", customer(organization), Map.of("approved", true), approvedBy);
    advance(Duration.ofMinutes(5));
    send(id, "survey", customer(organization), Map.of("score", 5), "not a sane id!");

    JsonNode history = expect(200, http.get("/api/tickets/" + id + "/history", auditor())).json();
    assertThat(field(history, "type"))
        .containsExactly(
            "TicketOpened",
            "TicketAssigned",
            "TicketResolved",
            "ApprovalRequested",
            "ResolutionApproved",
            "TicketClosed",
            "SurveyRequested",
            "SurveyAnswered");
    List<String> correlation = field(history, "correlationId");
    List<String> causation = field(history, "causationId");
    assertThat(correlation.get(0)).isEqualTo(openedBy);
    assertThat(correlation.subList(2, 4)).containsOnly(resolvedBy);
    assertThat(correlation.subList(4, 7)).containsOnly(approvedBy);
    // A request without a usable id gets a fresh one of its own.
    assertThat(correlation.get(1)).isNotBlank().isNotIn(openedBy, resolvedBy, approvedBy);
    assertThat(correlation.get(7))
        .isNotBlank()
        .isNotEqualTo("not a sane id!")
        .isNotIn(openedBy, resolvedBy, approvedBy, correlation.get(1));

    assertThat(causation).allSatisfy(c -> assertThat(c).isNotBlank());
    assertThat(causation.get(2)).isEqualTo(causation.get(3));
    assertThat(causation.get(4)).isEqualTo(causation.get(5)).isEqualTo(causation.get(6));
    assertThat(
            Set.of(
                causation.get(0),
                causation.get(1),
                causation.get(2),
                causation.get(4),
                causation.get(7)))
        .as("one causation per command")
        .hasSize(5);
  }

  @Test
  void historyReadsTheEventStoreSoItHasEventsTheReadModelHasNotYetProcessed() throws Exception {
    contract(organization, "pronnus");
    String id = open(organization, "HIGH");
    StreamingEventProcessor processor =
        processing
            .eventProcessor(QueryConfiguration.PROCESSOR, StreamingEventProcessor.class)
            .orElseThrow();
    processor.shutdownAsync().get(30, TimeUnit.SECONDS);
    long version;
    try {
      Http.Answer assigned =
          http.post(
              "/api/tickets/" + id + "/assignment",
              agent(),
              Http.json(Map.of("assignee", "agent-7", "level", "N2")));
      expect(200, assigned);
      version = assigned.version();

      assertThat(expect(200, ticket(id, agent())).json().get("version").asLong()).isZero();
      JsonNode history = expect(200, http.get("/api/tickets/" + id + "/history", agent())).json();
      assertThat(field(history, "type")).containsExactly("TicketOpened", "TicketAssigned");
      assertThat(history.at("/1/data/assignee").asText()).isEqualTo("agent-7");
      JsonNode asOf =
          expect(200, http.get("/api/tickets/" + id + "?asOf=" + clock.instant(), agent())).json();
      assertThat(asOf.get("version").asLong()).isEqualTo(version);
      assertThat(asOf.get("assignee").asText()).isEqualTo("agent-7");
    } finally {
      processor.start();
    }
    JsonNode caughtUp = expect(200, ticket(id, agent(), version)).json();
    assertThat(caughtUp.get("assignee").asText()).isEqualTo("agent-7");
  }

  @Test
  void anUnknownTicketHasNoHistory() {
    Http.Answer answer =
        expect(404, http.get("/api/tickets/" + UUID.randomUUID() + "/history", auditor()));
    assertThat(answer.text("title")).isEqualTo("Unknown ticket");
    expect(400, http.get("/api/tickets/" + UUID.randomUUID() + "/history?since=3", auditor()));
  }

  /** Moves the clock a minute, so each command has an instant of its own; returns it. */
  private Instant step() {
    advance(Duration.ofMinutes(1));
    return clock.instant();
  }

  private void send(
      String id, String path, String token, Map<String, ?> body, String correlationId) {
    Http.Answer answer =
        http.post(
            "/api/tickets/" + id + "/" + path,
            token,
            Http.json(body),
            "X-Correlation-Id",
            correlationId);
    expect(200, answer);
    expect(200, ticket(id, supervisor(), answer.version()));
  }

  private static List<String> field(JsonNode entries, String name) {
    List<String> values = new ArrayList<>();
    for (JsonNode entry : entries) {
      JsonNode value = entry.get(name);
      values.add(value.isValueNode() ? value.asText() : value.toString());
    }
    return values;
  }
}
