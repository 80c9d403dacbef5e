package io.prazo.sla;

import static io.prazo.events.PauseReason.AWAITING_CUSTOMER;
import static io.prazo.events.SlaMetric.FIRST_RESPONSE;
import static io.prazo.events.SlaMetric.RESOLUTION;
import static io.prazo.sla.ClockFixture.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prazo.events.EscalationReason;
import io.prazo.events.ResumeTrigger;
import io.prazo.events.SupportLevel;
import io.prazo.events.SurveyAnswered;
import io.prazo.events.TicketAssigned;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketPaused;
import io.prazo.events.TicketResumed;
import io.prazo.sla.ClockFixture.History;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fold of a ticket's events into its SLA history, and its JSON form. */
class TicketSlaTest {

  private final History ticket = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));

  @Test
  void openingStartsBothClocksAtTheOpeningPriority() {
    TicketSla sla = ticket.sla();

    assertThat(sla.ticketId()).isEqualTo("T-1");
    assertThat(sla.priority()).isEqualTo("URGENT");
    assertThat(sla.terms().policyId()).isEqualTo("pronnus");
    assertThat(sla.terms().policyVersion()).isEqualTo(1);
    assertThat(sla.version()).isEqualTo(1);
    assertThat(sla.lastEventAt()).isEqualTo(utc("2026-03-09T12:00"));
    assertThat(sla.isFinal()).isFalse();
    assertThat(sla.pendingApprovalRequestId()).isEmpty();
    assertThat(sla.isLive(FIRST_RESPONSE)).isTrue();
    assertThat(sla.isLive(RESOLUTION)).isTrue();
  }

  @Test
  void versionCountsEveryEventAndTheLastInstantFollowsThem() {
    ticket.agentReply(utc("2026-03-09T12:10")).resolve(utc("2026-03-09T13:00"));

    // TicketOpened, ReplyAdded, FirstResponseRecorded, TicketResolved, ApprovalRequested
    assertThat(ticket.sla().version()).isEqualTo(5);
    assertThat(ticket.sla().lastEventAt()).isEqualTo(utc("2026-03-09T13:00"));
    assertThat(ticket.sla().pendingApprovalRequestId()).contains("T-1/approval/1");
  }

  @Test
  void eventsThatDoNotMatterChangeOnlyTheVersionAndInstant() {
    TicketSla before = ticket.sla();
    TicketSla after =
        before
            .apply(new TicketAssigned("T-1", utc("2026-03-09T12:05"), "agent-2", SupportLevel.N2))
            .apply(new SurveyAnswered("T-1", utc("2026-03-09T12:06"), "s", 5, "ok"))
            .apply(
                new io.prazo.events.TicketEscalated(
                    "T-1",
                    utc("2026-03-09T12:07"),
                    SupportLevel.N2,
                    SupportLevel.N3,
                    1,
                    EscalationReason.CUSTOMER_REQUEST,
                    null,
                    null));

    assertThat(after.version()).isEqualTo(before.version() + 3);
    assertThat(after.lastEventAt()).isEqualTo(utc("2026-03-09T12:07"));
    assertThat(after.spans()).isSameAs(before.spans());
    assertThat(after.priorityHistory()).isSameAs(before.priorityHistory());
    assertThat(withoutVersion(after.toJson())).isEqualTo(withoutVersion(before.toJson()));
  }

  private static String withoutVersion(String json) {
    return json.replaceAll("\"v\":\\d+,\"at\":\\d+,", "");
  }

  @Test
  void eventsAtOneInstantLeaveNoEmptySpan() {
    // Paused and resumed by a customer reply at one instant: the timeline is back to one span.
    TicketSla sla =
        ticket
            .sla()
            .apply(new TicketPaused("T-1", utc("2026-03-09T12:30"), AWAITING_CUSTOMER))
            .apply(new TicketResumed("T-1", utc("2026-03-09T12:30"), ResumeTrigger.CUSTOMER_REPLY));

    assertThat(sla.spans()).hasSize(1);
    assertThat(sla.version()).isEqualTo(3);
  }

  @Test
  void aReopeningAndANewResolutionAtOneInstantMoveTheStopInstant() {
    // Found by SlaClocksProperties: the timeline has no span for the zero-length reopening, but
    // the resolution clock did stop again at 14:37, and that is when it was met.
    ticket.agentReply(utc("2026-03-09T12:10")).resolve(utc("2026-03-09T12:46"));
    ticket.reject(utc("2026-03-09T14:37")).resolve(utc("2026-03-09T14:37"));

    TicketSla sla = ticket.sla();

    assertThat(sla.spans()).hasSize(3);
    assertThat(sla.stoppedAt(RESOLUTION)).isEqualTo(utc("2026-03-09T14:37"));
    assertThat(sla.stoppedAt(FIRST_RESPONSE)).isEqualTo(utc("2026-03-09T12:10"));
    assertThat(ticket.at(utc("2026-03-09T15:00")).resolution().metAt())
        .isEqualTo(utc("2026-03-09T14:37"));
  }

  @Test
  void aFirstResponseAtTheOpeningInstantStopsTheClockThere() {
    ticket.agentReply(utc("2026-03-09T12:00"));

    TicketSla sla = ticket.sla();

    assertThat(sla.spans()).hasSize(1);
    assertThat(sla.isLive(FIRST_RESPONSE)).isFalse();
    assertThat(sla.stoppedAt(FIRST_RESPONSE)).isEqualTo(utc("2026-03-09T12:00"));
  }

  @Test
  void anEventEarlierThanTheLastOneIsTakenAtTheLastInstant() {
    TicketSla sla =
        ticket
            .sla()
            .apply(new TicketAssigned("T-1", utc("2026-03-09T13:00"), "a", SupportLevel.N1))
            .apply(new TicketPaused("T-1", utc("2026-03-09T12:59"), AWAITING_CUSTOMER));

    assertThat(sla.lastEventAt()).isEqualTo(utc("2026-03-09T13:00"));
    assertThat(sla.spans()[1].start()).isEqualTo(utc("2026-03-09T13:00"));
  }

  @Test
  void closingEndsEverythingAndLaterPriorityChangesAreIgnored() {
    ticket.agentReply(utc("2026-03-09T12:10")).resolve(utc("2026-03-09T13:00"));
    ticket.approve(utc("2026-03-09T14:00"));
    ticket.changePriority("URGENT", "LOW", utc("2026-03-09T15:00"));

    TicketSla sla = ticket.sla();

    assertThat(sla.isFinal()).isTrue();
    assertThat(sla.pendingApprovalRequestId()).isEmpty();
    assertThat(sla.priority()).isEqualTo("URGENT");
    assertThat(sla.stoppedAt(RESOLUTION)).isEqualTo(utc("2026-03-09T13:00"));
  }

  @Test
  void refusesAnotherTicketsEventAndASecondOpening() {
    TicketSla sla = ticket.sla();
    TicketEvent foreign = new TicketAssigned("T-2", utc("2026-03-09T12:05"), "a", SupportLevel.N1);

    assertThatThrownBy(() -> sla.apply(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("T-2");
    assertThatThrownBy(() -> sla.apply(ticket.events().get(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TicketOpened");
  }

  @Test
  void jsonIsCompactAndDeterministic() {
    ticket
        .pause(AWAITING_CUSTOMER, utc("2026-03-09T12:20"))
        .resume(utc("2026-03-09T12:40"))
        .changePriority("URGENT", "LOW", utc("2026-03-09T12:50"))
        .escalate(EscalationReason.SLA_BREACH, RESOLUTION, utc("2026-03-09T13:00"))
        .resolve(utc("2026-03-09T13:10"));

    String json = ticket.sla().toJson();

    // 1773057600000 = 2026-03-09T12:00:00Z in epoch milliseconds; live bits 3 = both clocks.
    assertThat(json)
        .isEqualTo(
            "{\"id\":\"T-1\",\"p\":\"pronnus\",\"pv\":1,\"cv\":{\"24x7\":1,\"br-8x5\":1},"
                + "\"v\":7,\"at\":1773061800000,"
                + "\"pr\":[[1773057600000,\"URGENT\"],[1773060600000,\"LOW\"]],"
                + "\"tl\":[[1773057600000,3],[1773058800000,3,\"AWAITING_CUSTOMER\"],"
                + "[1773060000000,3],[1773061800000,0]],"
                + "\"sf\":1773061800000,\"sr\":1773061800000,"
                + "\"ap\":\"T-1/approval/1\",\"apAt\":1773061800000,\"esc\":[\"RESOLUTION\"]}");
    assertThat(TicketSla.fromJson(json)).isEqualTo(ticket.sla());
    assertThat(TicketSla.fromJson(json).toJson()).isEqualTo(json);
  }

  @Test
  void subMillisecondInstantsSurviveTheRoundTrip() {
    Instant precise = Instant.parse("2026-03-09T12:00:01.123456789Z");
    TicketSla sla = ticket.sla().apply(new TicketPaused("T-1", precise, AWAITING_CUSTOMER));

    String json = sla.toJson();

    assertThat(json).contains("\"2026-03-09T12:00:01.123456789Z\"");
    assertThat(TicketSla.fromJson(json)).isEqualTo(sla).hasSameHashCodeAs(sla);
  }

  @Test
  void refusesJsonOfAnotherShape() {
    for (String bad :
        List.of(
            "",
            "[]",
            "{}",
            "{\"id\":\"T-1\",\"p\":\"x\",\"pv\":1,\"cv\":{},\"v\":1,\"at\":0,\"pr\":[],\"tl\":[[0,3]]}",
            "{\"id\":\"T-1\",\"p\":\"x\",\"pv\":1,\"cv\":{},\"v\":1,\"at\":0,\"pr\":[[0,\"P\"]],"
                + "\"tl\":[[0,9]]}",
            "{\"id\":\"T-1\",\"p\":\"x\",\"pv\":1,\"cv\":{},\"v\":1,\"at\":\"yesterday\","
                + "\"pr\":[[0,\"P\"]],\"tl\":[[0,3]]}")) {
      assertThatThrownBy(() -> TicketSla.fromJson(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void equalHistoriesAreEqualStates() {
    History same = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
    ticket.agentReply(utc("2026-03-09T12:10"));
    same.agentReply(utc("2026-03-09T12:10"));

    assertThat(same.sla()).isEqualTo(ticket.sla()).hasSameHashCodeAs(ticket.sla());
    assertThat(same.sla()).isNotEqualTo(ticket.sla().apply(same.events().get(1)));
    assertThat(ticket.sla().toString())
        .isEqualTo(
            "TicketSla[T-1 v3 pronnus v1 priority=URGENT timeline=[2026-03-09T12:00:00Z FR+RES,"
                + " 2026-03-09T12:10:00Z RES]]");
  }
}
