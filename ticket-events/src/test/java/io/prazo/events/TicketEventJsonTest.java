package io.prazo.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TicketEventJsonTest {
  private static final Instant AT = Instant.parse("2025-05-02T22:30:00Z");
  private final TicketEventJson json = TicketEventJson.standard();

  static List<TicketEvent> oneOfEach() {
    String t = "t-1";
    return List.of(
        new TicketOpened(
            t,
            AT,
            "TCK-000123",
            "acme",
            new Requester("c-1", "Ana", "ana@acme.example"),
            "Subject",
            "Description",
            Channel.EMAIL,
            "fiscal",
            "HIGH",
            "MEDIUM",
            "LOW",
            "P1",
            true,
            new SlaTerms("presence", 3, Map.of("br-8x5", 2)),
            SupportLevel.N1),
        new TicketAssigned(t, AT, "agent-1", SupportLevel.N2),
        new ReplyAdded(t, AT, "t-1/reply/1", "agent-1", Role.AGENT, "Hello", true),
        new FirstResponseRecorded(t, AT, "t-1/reply/1", "agent-1"),
        new TicketPaused(t, AT, PauseReason.AWAITING_CUSTOMER),
        new TicketResumed(t, AT, ResumeTrigger.CUSTOMER_REPLY),
        new PriorityChanged(t, AT, "P1", "P0", "Sales stopped", "Ana"),
        new TicketEscalated(
            t,
            AT,
            SupportLevel.N1,
            SupportLevel.N2,
            1,
            EscalationReason.SLA_BREACH,
            SlaMetric.RESOLUTION,
            null),
        new TicketResolved(t, AT, ClosingCategory.PRODUCT_ERROR, "Patched", "agent-1"),
        new ApprovalRequested(t, AT, "t-1/approval/1"),
        new ResolutionApproved(t, AT, "t-1/approval/1", "ok"),
        new ResolutionRejected(t, AT, "t-1/approval/1", "no"),
        new TicketReopened(t, AT),
        new TicketAutoClosed(t, AT, "t-1/approval/1"),
        new TicketClosed(t, AT, ClosedHow.AUTO_CLOSED),
        new SurveyRequested(t, AT, "t-1/survey"),
        new SurveyAnswered(t, AT, "t-1/survey", 5, "Great"),
        new TicketCancelled(t, AT, "duplicate"));
  }

  @Test
  void everyEventTypeHasAnExampleHere() {
    List<String> examples = oneOfEach().stream().map(e -> e.getClass().getName()).toList();
    List<String> types = EventTypes.all().stream().map(t -> t.javaType().getName()).toList();
    assertThat(examples).containsExactlyInAnyOrderElementsOf(types);
  }

  @Test
  void everyEventSurvivesARoundTripAtItsCurrentVersion() {
    for (TicketEvent event : oneOfEach()) {
      EventTypes.Type type = EventTypes.of(event.getClass());
      assertThat(json.read(type.name(), type.version(), json.write(event))).isEqualTo(event);
    }
  }

  @Test
  void writesInstantsAsIsoStringsAndTheReplyVisibilityAsPublic() {
    String written =
        new String(
            json.write(new ReplyAdded("t", AT, "r", "a", Role.AGENT, "b", false)),
            StandardCharsets.UTF_8);
    assertThat(written).contains("\"occurredAt\":\"2025-05-02T22:30:00Z\"");
    assertThat(written).contains("\"public\":false").contains("\"authorRole\":\"agent\"");
  }

  @Test
  void loadsATicketOpenedOfVersionOneThroughItsUpcaster() {
    String v1 =
        """
        {"ticketId":"t-9","occurredAt":"2024-11-04T12:00:00Z","number":"TCK-000009",
         "organizationId":"acme","requester":{"id":"c-1","name":"Ana"},"subject":"Old",
         "description":"","channel":"PHONE","priority":"P2","policyId":"presence",
         "policyVersion":1,"level":"N1"}
        """;
    TicketEvent event = json.read("io.prazo.ticket.opened", 1, v1.getBytes(StandardCharsets.UTF_8));
    assertThat(event).isInstanceOf(TicketOpened.class);
    TicketOpened opened = (TicketOpened) event;
    assertThat(opened.sla()).isEqualTo(new SlaTerms("presence", 1, Map.of()));
    assertThat(opened.sla().calendarVersion("br-8x5")).isEqualTo(1);
    assertThat(opened.priority()).isEqualTo("P2");
    assertThat(opened.priorityDerived()).isFalse();
    assertThat(opened.number()).isEqualTo("TCK-000009");
  }

  @Test
  void refusesAVersionOneTicketOpenedWithoutItsPolicy() {
    String broken = "{\"ticketId\":\"t\",\"occurredAt\":\"2024-11-04T12:00:00Z\"}";
    assertThatThrownBy(
            () -> json.read("io.prazo.ticket.opened", 1, broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("policyId");
  }

  @Test
  void refusesAnUnknownTypeAndAVersionFromTheFuture() {
    assertThatThrownBy(() -> json.read("io.prazo.ticket.teleported", 1, "{}".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown event type");
    assertThatThrownBy(() -> json.read("io.prazo.ticket.paused", 2, "{}".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("newer than this code");
  }

  @Test
  void ignoresFieldsANewerProducerAdded() {
    String withExtra =
        "{\"ticketId\":\"t\",\"occurredAt\":\"2025-05-02T22:30:00Z\",\"reason\":\"AWAITING_CUSTOMER\","
            + "\"expectedBack\":\"tomorrow\"}";
    assertThat(json.read("io.prazo.ticket.paused", 1, withExtra.getBytes()))
        .isEqualTo(new TicketPaused("t", AT, PauseReason.AWAITING_CUSTOMER));
  }
}
