package io.prazo.sla;

import static io.prazo.events.PauseReason.AWAITING_CUSTOMER;
import static io.prazo.events.PauseReason.AWAITING_DEVELOPMENT;
import static io.prazo.events.PauseReason.AWAITING_THIRD_PARTY;
import static io.prazo.events.SlaMetric.FIRST_RESPONSE;
import static io.prazo.events.SlaMetric.RESOLUTION;
import static io.prazo.sla.ClockFixture.sp;
import static io.prazo.sla.ClockFixture.utc;
import static io.prazo.sla.ClockStatus.AT_RISK;
import static io.prazo.sla.ClockStatus.BREACHED;
import static io.prazo.sla.ClockStatus.MET;
import static io.prazo.sla.ClockStatus.NOT_APPLICABLE;
import static io.prazo.sla.ClockStatus.PAUSED;
import static io.prazo.sla.ClockStatus.RUNNING;
import static io.prazo.sla.SlaFixture.interval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prazo.events.EscalationReason;
import io.prazo.events.SlaMetric;
import io.prazo.sla.ClockFixture.History;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-checked clocks for the preset policies and calendars of 2026 (sla.md sections 3 and 4,
 * docs/clocks.md). São Paulo is UTC-03:00 all year since 2019, so {@code sp("... 09:00")} is
 * 12:00Z. 2026 dates used: Fri 6 Mar, Mon 9 Mar; Wed 1 Apr, Thu 2 Apr, Fri 3 Apr (Good Friday,
 * holiday), Fri 17 Apr, Mon 20 Apr, Tue 21 Apr (Tiradentes, holiday). br-8x5 works Mon-Fri 08-12
 * and 13-17.
 */
class SlaClocksTest {

  private static Duration h(long hours) {
    return Duration.ofHours(hours);
  }

  private static Duration m(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  private static ClockView running(
      SlaMetric metric, ClockStatus status, Duration target, Duration elapsed, Instant dueAt) {
    return new ClockView(metric, status, target, elapsed, target.minus(elapsed), dueAt, null, null);
  }

  private static ClockView met(SlaMetric metric, Duration target, Duration elapsed, Instant metAt) {
    return new ClockView(metric, MET, target, elapsed, target.minus(elapsed), null, metAt, null);
  }

  private static ClockView paused(SlaMetric metric, Duration target, Duration elapsed) {
    return new ClockView(metric, PAUSED, target, elapsed, target.minus(elapsed), null, null, null);
  }

  private static ClockView breached(
      SlaMetric metric, Duration target, Duration elapsed, Instant breachedAt) {
    return new ClockView(
        metric, BREACHED, target, elapsed, Duration.ZERO, breachedAt, null, breachedAt);
  }

  private static ClockView notApplicable(SlaMetric metric, Duration elapsed) {
    return new ClockView(metric, NOT_APPLICABLE, null, elapsed, null, null, null, null);
  }

  private static SlaAction.Escalation escalation(SlaMetric metric, Instant dueAt) {
    return new SlaAction.Escalation(ClockFixture.TICKET, metric, dueAt);
  }

  @Nested
  class Presence {

    // P0: 4 h on br-8x5, no first-response target. Opened Friday 6 March 18:00, after hours.
    // Nothing is worked until Monday 08:00; 08:00-12:00 is exactly 4 h, so the due instant is
    // Monday 12:00 (the end of the morning interval), not 13:00 after lunch.
    private final History ticket = History.open("presence", "P0", sp("2026-03-06T18:00"));
    private final Instant due = sp("2026-03-09T12:00");

    static Stream<Arguments> p0OpenedFridayEvening() {
      return Stream.of(
          // now                    status    elapsed
          Arguments.of("2026-03-06T18:00", RUNNING, h(0)),
          Arguments.of("2026-03-07T10:00", RUNNING, h(0)), // Saturday
          Arguments.of("2026-03-09T10:00", RUNNING, h(2)), // Mon 08-10
          Arguments.of("2026-03-09T10:59:59.999", RUNNING, h(3).minusMillis(1)),
          Arguments.of("2026-03-09T11:00", AT_RISK, h(3)), // 3 h = 0.75 x 4 h
          Arguments.of("2026-03-09T12:00", AT_RISK, h(4))); // at the due instant: not yet late
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("p0OpenedFridayEvening")
    void p0OpenedAfterHoursIsDueMondayNoon(String now, ClockStatus status, Duration elapsed) {
      SlaClocks clocks = ticket.at(sp(now));

      assertThat(clocks.resolution()).isEqualTo(running(RESOLUTION, status, h(4), elapsed, due));
      // No first-response target: elapsed is measured on the business-day calendar, br-8x5.
      assertThat(clocks.firstResponse()).isEqualTo(notApplicable(FIRST_RESPONSE, elapsed));
      assertThat(clocks.pendingActions()).containsExactly(escalation(RESOLUTION, due));
    }

    @Test
    void p0RunningDuringLunchAfterItsDueInstantIsBreached() {
      // Due 12:00; at 12:30 no working time has passed since (lunch), but the clock ran past its
      // due instant: BREACHED at 12:00 (docs/clocks.md, "Breach instant").
      SlaClocks clocks = ticket.at(sp("2026-03-09T12:30"));

      assertThat(clocks.resolution()).isEqualTo(breached(RESOLUTION, h(4), h(4), due));
    }

    @Test
    void resolvedAtTheDueInstantIsMetAndOneMillisecondLaterIsBreached() {
      History onTime = History.open("presence", "P0", sp("2026-03-06T18:00"));
      onTime.resolve(due);
      History late = History.open("presence", "P0", sp("2026-03-06T18:00"));
      late.resolve(due.plusMillis(1)); // in the lunch gap: elapsed is still exactly 4 h

      assertThat(onTime.at(sp("2026-03-09T15:00")).resolution())
          .isEqualTo(met(RESOLUTION, h(4), h(4), due));
      assertThat(late.at(sp("2026-03-09T15:00")).resolution())
          .isEqualTo(breached(RESOLUTION, h(4), h(4), due));
    }

    @Test
    void pauseAcrossGoodFridayAndTheWeekendMovesTheDueInstant() {
      // P3: 56 h. Opened Wed 1 Apr 09:00: Wed 09-12, 13-17 = 7 h; Thu 2 Apr 08-10 = 2 h -> 9 h.
      History p3 = History.open("presence", "P3", sp("2026-04-01T09:00"));
      p3.pause(AWAITING_CUSTOMER, sp("2026-04-02T10:00"));

      // During the pause (Mon 6 Apr): elapsed frozen at 9 h, no due instant, no escalation.
      SlaClocks pausedClocks = p3.at(sp("2026-04-06T15:00"));
      assertThat(pausedClocks.resolution()).isEqualTo(paused(RESOLUTION, h(56), h(9)));
      assertThat(pausedClocks.pendingActions()).isEmpty();

      // Resumed Wed 8 Apr 11:00, 47 h left: Wed 11-12, 13-17 = 5 (42 left); Thu 9, Fri 10, Mon 13,
      // Tue 14, Wed 15 = 40 (2 left); Thu 16 Apr 08-10 -> due Thu 16 Apr 10:00.
      p3.resume(sp("2026-04-08T11:00"));
      SlaClocks resumed = p3.at(sp("2026-04-08T11:00"));
      assertThat(resumed.resolution())
          .isEqualTo(running(RESOLUTION, RUNNING, h(56), h(9), sp("2026-04-16T10:00")));
      assertThat(resumed.pendingActions())
          .containsExactly(escalation(RESOLUTION, sp("2026-04-16T10:00")));
    }

    @Test
    void dueInstantSkipsTiradentesAfterAPauseOverTheWeekend() {
      // P1: 12 h. Opened Fri 17 Apr 13:00; paused 15:00 (2 h); resumed Mon 20 Apr 16:00.
      // 10 h left: Mon 16-17 = 1 (9 left); Tue 21 Apr is Tiradentes; Wed 22 = 8 (1 left);
      // Thu 23 Apr 08-09 -> due Thu 23 Apr 09:00.
      History p1 = History.open("presence", "P1", sp("2026-04-17T13:00"));
      p1.pause(AWAITING_CUSTOMER, sp("2026-04-17T15:00")).resume(sp("2026-04-20T16:00"));

      assertThat(p1.at(sp("2026-04-21T12:00")).resolution())
          .isEqualTo(running(RESOLUTION, RUNNING, h(12), h(3), sp("2026-04-23T09:00")));
    }

    @Test
    void autoClosesFourBusinessDaysAfterTheApprovalRequestSkippingGoodFriday() {
      // Resolved Thu 2 Apr 15:00. 4 business days of br-8x5 = 32 h: Thu 15-17 = 2 (30 left);
      // Fri 3 Apr Good Friday; Mon 6, Tue 7, Wed 8 = 24 (6 left); Thu 9 08-12, 13-15 -> 15:00.
      History p2 = History.open("presence", "P2", sp("2026-04-01T09:00"));
      p2.resolve(sp("2026-04-02T15:00"));

      SlaClocks clocks = p2.at(sp("2026-04-02T15:00"));

      Instant autoClose = sp("2026-04-09T15:00");
      assertThat(clocks.autoCloseAt()).contains(autoClose);
      assertThat(clocks.pendingActions())
          .containsExactly(new SlaAction.AutoClose("T-1", "T-1/approval/1", autoClose));
      assertThat(clocks.pendingActions().get(0).id()).isEqualTo("T-1/approval/1/auto-close");
      // Resolution (40 h): Wed 09-12, 13-17 = 7 h; Thu 08-12, 13-15 = 6 h -> met with 13 h.
      assertThat(clocks.resolution())
          .isEqualTo(met(RESOLUTION, h(40), h(13), sp("2026-04-02T15:00")));
    }
  }

  @Nested
  class TwentyFourSeven {

    @Test
    void watiP2FirstResponseLateAndResolutionAtRisk() {
      // P2: first response 1 h, resolution 8 h, both 24x7. Opened Sat 7 Mar 22:00Z.
      History p2 = History.open("wati-business-plus", "P2", utc("2026-03-07T22:00"));
      p2.agentReply(utc("2026-03-07T23:30")); // 1.5 h: late by 30 min

      SlaClocks clocks = p2.at(utc("2026-03-08T05:00")); // 7 h >= 0.75 x 8 h

      assertThat(clocks.firstResponse())
          .isEqualTo(breached(FIRST_RESPONSE, h(1), m(90), utc("2026-03-07T23:00")));
      assertThat(clocks.resolution())
          .isEqualTo(running(RESOLUTION, AT_RISK, h(8), h(7), utc("2026-03-08T06:00")));
      assertThat(clocks.pendingActions())
          .containsExactly(
              escalation(FIRST_RESPONSE, utc("2026-03-07T23:00")),
              escalation(RESOLUTION, utc("2026-03-08T06:00")));
    }

    @Test
    void watiP3ResolutionIsOneBusinessDayOfWeekdayTime() {
      // P3: resolution 1bd on br-weekdays = 24 h of Mon-Fri time. Opened Fri 6 Mar 20:00 SP:
      // Fri 20-24 = 4 h; weekend; Mon 00-20 = 20 h -> due Mon 9 Mar 20:00 SP.
      History p3 = History.open("wati-business-plus", "P3", sp("2026-03-06T20:00"));

      SlaClocks clocks = p3.at(sp("2026-03-08T12:00"));

      assertThat(clocks.resolution())
          .isEqualTo(running(RESOLUTION, RUNNING, h(24), h(4), sp("2026-03-09T20:00")));
      // First response 2 h on 24x7: due Fri 22:00 SP, run past.
      assertThat(clocks.firstResponse())
          .isEqualTo(breached(FIRST_RESPONSE, h(2), h(40), sp("2026-03-06T22:00")));
    }

    @Test
    void metAtExactlyTheDueInstantAndBreachedOneMillisecondLater() {
      // pronnus URGENT: resolution 4 h on 24x7 from 12:00Z -> due 16:00Z.
      Instant due = utc("2026-03-09T16:00");
      History onTime = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      onTime.agentReply(utc("2026-03-09T12:10")).resolve(due);
      History late = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      late.agentReply(utc("2026-03-09T12:10")).resolve(due.plusMillis(1));

      SlaClocks onTimeClocks = onTime.at(utc("2026-03-09T18:00"));
      SlaClocks lateClocks = late.at(utc("2026-03-09T18:00"));

      assertThat(onTimeClocks.resolution()).isEqualTo(met(RESOLUTION, h(4), h(4), due));
      assertThat(onTimeClocks.firstResponse())
          .isEqualTo(met(FIRST_RESPONSE, m(30), m(10), utc("2026-03-09T12:10")));
      assertThat(lateClocks.resolution())
          .isEqualTo(breached(RESOLUTION, h(4), h(4).plusMillis(1), due));
      // The breach still owes its escalation; the on-time ticket owes only the auto-close.
      assertThat(onTimeClocks.pendingActions())
          .extracting(SlaAction::id)
          .containsExactly("T-1/approval/1/auto-close");
      assertThat(lateClocks.pendingActions())
          .extracting(SlaAction::id)
          .containsExactly("T-1/escalation/RESOLUTION", "T-1/approval/1/auto-close");
    }

    @Test
    void atRiskFromExactlyThreeQuartersOfTheTarget() {
      History urgent = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      urgent.agentReply(utc("2026-03-09T12:05"));
      Instant due = utc("2026-03-09T16:00");

      assertThat(urgent.at(utc("2026-03-09T14:59:59.999")).resolution())
          .isEqualTo(running(RESOLUTION, RUNNING, h(4), h(3).minusMillis(1), due));
      assertThat(urgent.at(utc("2026-03-09T15:00")).resolution())
          .isEqualTo(running(RESOLUTION, AT_RISK, h(4), h(3), due));
    }

    @Test
    void customerReplyResumesAPausedTicket() {
      // wati P1: first response 30 min, resolution 4 h, 24x7.
      History p1 = History.open("wati-business-plus", "P1", utc("2026-03-09T12:00"));
      p1.agentReply(utc("2026-03-09T12:10")).pause(AWAITING_CUSTOMER, utc("2026-03-09T13:00"));
      assertThat(p1.at(utc("2026-03-09T14:00")).resolution())
          .isEqualTo(paused(RESOLUTION, h(4), h(1)));

      p1.customerReply(utc("2026-03-09T15:00"), true); // ReplyAdded + TicketResumed(CUSTOMER_REPLY)

      // 12-13 and 15-16: 2 h elapsed, 2 h left -> due 18:00Z.
      assertThat(p1.at(utc("2026-03-09T16:00")).resolution())
          .isEqualTo(running(RESOLUTION, RUNNING, h(4), h(2), utc("2026-03-09T18:00")));
    }

    @Test
    void pauseWithAReasonThePolicyDoesNotCountLeavesTheClocksRunning() {
      // The presets count only AWAITING_CUSTOMER.
      History urgent = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      urgent.pause(AWAITING_THIRD_PARTY, utc("2026-03-09T13:00"));

      SlaClocks clocks = urgent.at(utc("2026-03-09T14:00"));

      assertThat(clocks.resolution())
          .isEqualTo(running(RESOLUTION, RUNNING, h(4), h(2), utc("2026-03-09T16:00")));
      assertThat(clocks.firstResponse())
          .isEqualTo(breached(FIRST_RESPONSE, m(30), h(2), utc("2026-03-09T12:30")));
    }

    @Test
    void pauseReasonsCountPerPolicy() {
      SlaPolicy counting =
          SlaPolicy.builder("pronnus", "Pronnus counting third parties")
              .version(2)
              .businessDayCalendar("br-8x5")
              .pauseReasons(AWAITING_THIRD_PARTY)
              .priority(preset("pronnus").priority("URGENT").orElseThrow())
              .build(SlaFixture.KNOWN_CALENDARS);
      History third =
          History.open(counting, ClockFixture.PRESET_CALENDARS, "URGENT", utc("2026-03-09T12:00"));
      third
          .agentReply(utc("2026-03-09T12:10"))
          .pause(AWAITING_THIRD_PARTY, utc("2026-03-09T13:00"));
      History development =
          History.open(counting, ClockFixture.PRESET_CALENDARS, "URGENT", utc("2026-03-09T12:00"));
      development
          .agentReply(utc("2026-03-09T12:10"))
          .pause(AWAITING_DEVELOPMENT, utc("2026-03-09T13:00"));

      assertThat(third.at(utc("2026-03-09T15:00")).resolution())
          .isEqualTo(paused(RESOLUTION, h(4), h(1)));
      assertThat(development.at(utc("2026-03-09T15:00")).resolution())
          .isEqualTo(running(RESOLUTION, AT_RISK, h(4), h(3), utc("2026-03-09T16:00")));
    }

    @Test
    void rejectionReopensTheResolutionClockWithoutCountingTheApprovalWait() {
      // wati P1 (24x7), resolved after 2 h; the customer rejects the next day.
      History p1 = History.open("wati-business-plus", "P1", utc("2026-03-09T12:00"));
      p1.agentReply(utc("2026-03-09T12:10")).resolve(utc("2026-03-09T14:00"));

      SlaClocks waiting = p1.at(utc("2026-03-10T11:00"));
      assertThat(waiting.resolution())
          .isEqualTo(met(RESOLUTION, h(4), h(2), utc("2026-03-09T14:00")));
      // Auto-close: wati's business days are br-weekdays, 4 x 24 h of weekday time from
      // Mon 9 Mar 11:00 SP: Mon 13 h, Tue 24, Wed 24, Thu 24 (11 left) -> Fri 13 Mar 11:00 SP.
      assertThat(waiting.autoCloseAt()).contains(sp("2026-03-13T11:00"));

      p1.reject(utc("2026-03-10T12:00"));
      SlaClocks reopened = p1.at(utc("2026-03-10T13:00"));

      // 2 h before the resolution + 1 h since the reopening; the 22 h wait does not count.
      assertThat(reopened.resolution())
          .isEqualTo(running(RESOLUTION, AT_RISK, h(4), h(3), utc("2026-03-10T14:00")));
      assertThat(reopened.firstResponse())
          .isEqualTo(met(FIRST_RESPONSE, m(30), m(10), utc("2026-03-09T12:10")));
      assertThat(reopened.autoCloseAt()).isEmpty();
      assertThat(reopened.pendingActions())
          .containsExactly(escalation(RESOLUTION, utc("2026-03-10T14:00")));
    }

    @Test
    void resolutionStopsAFirstResponseClockThatIsStillRunningAndAReopenDoesNotRestartIt() {
      History p1 = History.open("wati-business-plus", "P1", utc("2026-03-09T12:00"));
      p1.resolve(utc("2026-03-09T12:20")).reject(utc("2026-03-09T13:00"));

      assertThat(p1.at(utc("2026-03-09T18:00")).firstResponse())
          .isEqualTo(met(FIRST_RESPONSE, m(30), m(20), utc("2026-03-09T12:20")));
    }
  }

  @Nested
  class PriorityChanges {

    @Test
    void raisedAfterTheNewTargetPassedIsBreachedAtThePastInstant() {
      // pronnus LOW (first response 4 h, resolution 48 h on br-8x5), opened Mon 9 Mar 09:00 SP.
      History ticket = History.open("pronnus", "LOW", sp("2026-03-09T09:00"));
      SlaClocks before = ticket.at(sp("2026-03-09T14:00"));
      // br-8x5: 09-12 + 13-14 = 4 h of 4 h: first response at its due instant, not late yet.
      assertThat(before.firstResponse())
          .isEqualTo(running(FIRST_RESPONSE, AT_RISK, h(4), h(4), sp("2026-03-09T14:00")));

      // Raised to URGENT at 14:00: 24x7 now measures the whole history, 5 h. First response
      // (30 min) was reached at 09:30, resolution (4 h) at 13:00 -- both in the past.
      ticket.changePriority("LOW", "URGENT", sp("2026-03-09T14:00"));
      SlaClocks after = ticket.at(sp("2026-03-09T14:00"));

      assertThat(after.firstResponse())
          .isEqualTo(breached(FIRST_RESPONSE, m(30), h(5), sp("2026-03-09T09:30")));
      assertThat(after.resolution())
          .isEqualTo(breached(RESOLUTION, h(4), h(5), sp("2026-03-09T13:00")));
      assertThat(after.pendingActions())
          .containsExactly(
              escalation(FIRST_RESPONSE, sp("2026-03-09T09:30")),
              escalation(RESOLUTION, sp("2026-03-09T13:00")));
    }

    @Test
    void raisedMeasuresOnlyTheTimeTheClockRan() {
      // LOW opened Mon 9 Mar 09:00 SP, paused 10:00-15:00, raised to URGENT at 16:00.
      // Running time on 24x7: 09-10 and 15-16 = 2 h; resolution (4 h) not reached: due 18:00.
      History ticket = History.open("pronnus", "LOW", sp("2026-03-09T09:00"));
      ticket
          .agentReply(sp("2026-03-09T09:10"))
          .pause(AWAITING_CUSTOMER, sp("2026-03-09T10:00"))
          .resume(sp("2026-03-09T15:00"))
          .changePriority("LOW", "URGENT", sp("2026-03-09T16:00"));

      assertThat(ticket.at(sp("2026-03-09T16:00")).resolution())
          .isEqualTo(running(RESOLUTION, RUNNING, h(4), h(2), sp("2026-03-09T18:00")));
    }

    @Test
    void loweredAfterABreachStaysBreached() {
      // URGENT opened Mon 9 Mar 09:00 SP; resolution breached at 13:00 (4 h of 24x7).
      History ticket = History.open("pronnus", "URGENT", sp("2026-03-09T09:00"));
      ticket.agentReply(sp("2026-03-09T09:10"));
      ticket.changePriority("URGENT", "LOW", sp("2026-03-09T13:30"));

      SlaClocks clocks = ticket.at(sp("2026-03-09T14:00"));

      // Elapsed now on LOW's br-8x5: 09-12 + 13-14 = 4 h of 48 h -- but the breach stays.
      assertThat(clocks.resolution())
          .isEqualTo(breached(RESOLUTION, h(48), h(4), sp("2026-03-09T13:00")));
      // First response was met at 09:10 and stays met on the new target (09:00-09:10 on br-8x5).
      assertThat(clocks.firstResponse())
          .isEqualTo(met(FIRST_RESPONSE, h(4), m(10), sp("2026-03-09T09:10")));
    }

    @Test
    void loweredBeforeTheBreachRunsOnTheNewTargetAndCalendar() {
      // Lowered at 12:59, before the 13:00 breach: LOW applies to the whole history.
      // br-8x5: 09-12 = 3 h (12-12:59 is lunch); 45 h left from Mon 13:00: Mon 4 (41), Tue-Fri
      // 10-13 Mar 32 (9), Mon 16 Mar 8 (1), Tue 17 Mar 08-09 -> due Tue 17 Mar 09:00.
      History ticket = History.open("pronnus", "URGENT", sp("2026-03-09T09:00"));
      ticket.agentReply(sp("2026-03-09T09:10"));
      ticket.changePriority("URGENT", "LOW", sp("2026-03-09T12:59"));

      assertThat(ticket.at(sp("2026-03-09T12:59")).resolution())
          .isEqualTo(running(RESOLUTION, RUNNING, h(48), h(3), sp("2026-03-17T09:00")));
    }

    @Test
    void loweredAtExactlyTheBreachInstantIsNotYetBreached() {
      // A clock that reaches its target at 13:00 has not run past it at 13:00 (like a resolution
      // at 13:00, which is met), so lowering the priority at 13:00 takes effect.
      History ticket = History.open("pronnus", "URGENT", sp("2026-03-09T09:00"));
      ticket.agentReply(sp("2026-03-09T09:10"));
      ticket.changePriority("URGENT", "LOW", sp("2026-03-09T13:00"));

      assertThat(ticket.at(sp("2026-03-09T13:00")).resolution().status()).isEqualTo(RUNNING);
    }

    @Test
    void changeMovesTheClocksToAnotherCalendar() {
      // URGENT (24x7) opened Fri 6 Mar 16:00 SP, lowered at 16:20 to LOW (br-8x5) -- before
      // the 30 min first-response target was reached on 24x7.
      History ticket = History.open("pronnus", "URGENT", sp("2026-03-06T16:00"));
      ticket.changePriority("URGENT", "LOW", sp("2026-03-06T16:20"));

      SlaClocks clocks = ticket.at(sp("2026-03-07T10:00")); // Saturday

      // br-8x5 over the whole history: Fri 16-17 = 1 h (24x7 would say 18 h).
      // First response 4 h: 3 h left -> Mon 9 Mar 08-11 -> 11:00.
      assertThat(clocks.firstResponse())
          .isEqualTo(running(FIRST_RESPONSE, RUNNING, h(4), h(1), sp("2026-03-09T11:00")));
      // Resolution 48 h: 47 h left -> Mon 9..Fri 13 Mar = 40 (7 left), Mon 16 Mar 08-12, 13-16.
      assertThat(clocks.resolution())
          .isEqualTo(running(RESOLUTION, RUNNING, h(48), h(1), sp("2026-03-16T16:00")));
    }

    @Test
    void priorityWithoutTargetAfterABreachKeepsTheBreach() {
      SlaPolicy policy =
          SlaPolicy.builder("mixed", "Mixed")
              .businessDayCalendar("br-8x5")
              .priority(Priority.of("HIGH", "High", null, null, SlaTarget.parse("PT1H", "24x7")))
              .priority(Priority.of("NONE", "None", null, null, null))
              .build(SlaFixture.KNOWN_CALENDARS);
      History ticket =
          History.open(policy, ClockFixture.PRESET_CALENDARS, "HIGH", sp("2026-03-09T09:00"));
      ticket.changePriority("HIGH", "NONE", sp("2026-03-09T11:00"));

      SlaClocks clocks = ticket.at(sp("2026-03-09T11:00"));

      // Elapsed on the business-day calendar br-8x5: 09-11 = 2 h.
      assertThat(clocks.resolution())
          .isEqualTo(
              new ClockView(
                  RESOLUTION,
                  BREACHED,
                  null,
                  h(2),
                  null,
                  sp("2026-03-09T10:00"),
                  null,
                  sp("2026-03-09T10:00")));
      assertThat(clocks.firstResponse()).isEqualTo(notApplicable(FIRST_RESPONSE, h(2)));
    }
  }

  @Nested
  class Standard {

    @Test
    void everyClockIsNotApplicableButElapsedIsTrackedAndTheTicketStillAutoCloses() {
      // Opened Fri 6 Mar 16:00 SP; on br-8x5 (standard's business-day calendar):
      // Fri 16-17 + Mon 08-09 = 2 h.
      History ticket = History.open("standard", "P1", sp("2026-03-06T16:00"));

      SlaClocks clocks = ticket.at(sp("2026-03-09T09:00"));

      assertThat(clocks.firstResponse()).isEqualTo(notApplicable(FIRST_RESPONSE, h(2)));
      assertThat(clocks.resolution()).isEqualTo(notApplicable(RESOLUTION, h(2)));
      assertThat(clocks.pendingActions()).isEmpty();

      ticket.resolve(sp("2026-03-09T09:00"));
      // 32 h of br-8x5 from Mon 09:00: Mon 7 (25 left), Tue-Thu 24 (1 left), Fri 13 Mar 08-09.
      assertThat(ticket.at(sp("2026-03-09T09:00")).pendingActions())
          .containsExactly(
              new SlaAction.AutoClose("T-1", "T-1/approval/1", sp("2026-03-13T09:00")));
    }
  }

  @Nested
  class DaylightSaving {

    private SlaPolicy policyOn(String calendarId) {
      return SlaPolicy.builder("dst", "DST")
          .businessDayCalendar(calendarId)
          .priority(Priority.of("P1", "P1", null, null, SlaTarget.parse("PT2H", calendarId)))
          .build(id -> true);
    }

    @Test
    void lisbonSpringForwardShiftsTheDueInstantByTheNewOffset() {
      // Every day 09:00-18:00 Europe/Lisbon. Summer time starts Sun 29 Mar 2026 at 01:00 UTC.
      Map<DayOfWeek, List<LocalTimeInterval>> week = new EnumMap<>(DayOfWeek.class);
      for (DayOfWeek day : DayOfWeek.values()) {
        week.put(day, List.of(interval("09:00", "18:00")));
      }
      BusinessCalendar lisbon =
          BusinessCalendar.of(
              "pt-9-18", 1, "Lisbon", ZoneId.of("Europe/Lisbon"), h(9), week, List.of());
      // Opened Sat 28 Mar 17:00 WET (17:00Z): Sat 17-18 = 1 h; Sun 09:00 WEST = 08:00Z, + 1 h
      // -> due 09:00Z (a fixed +00:00 offset would say 10:00Z).
      History ticket =
          History.open(
              policyOn("pt-9-18"),
              SlaFixture.calendarSource(List.of(lisbon)),
              "P1",
              utc("2026-03-28T17:00"));

      assertThat(ticket.at(utc("2026-03-29T08:15")).resolution())
          .isEqualTo(running(RESOLUTION, RUNNING, h(2), m(75), utc("2026-03-29T09:00")));
    }

    @Test
    void historicSaoPauloSummerTimeEndIsTakenFromTheZoneDatabase() {
      // br-8x5 hours in America/Sao_Paulo; summer time (-02:00) ended Sun 18 Feb 2018 00:00.
      BusinessCalendar hours = SlaFixture.businessHours();
      // Opened Fri 16 Feb 2018 16:00 -02:00 (18:00Z): Fri 16-17 = 1 h; Mon 19 Feb 08:00 -03:00
      // = 11:00Z, + 1 h -> due 12:00Z (the old -02:00 offset would say 11:00Z).
      Instant opened =
          LocalDateTime.parse("2018-02-16T16:00").atZone(SlaFixture.SAO_PAULO).toInstant();
      assertThat(opened).isEqualTo(utc("2018-02-16T18:00"));
      History ticket =
          History.open(policyOn("br-8x5"), SlaFixture.calendarSource(List.of(hours)), "P1", opened);

      assertThat(ticket.at(utc("2018-02-19T11:15")).resolution())
          .isEqualTo(running(RESOLUTION, RUNNING, h(2), m(75), utc("2018-02-19T12:00")));
    }
  }

  @Nested
  class Cancelling {

    @Test
    void cancelStopsBothClocksForGoodAndOwesNothing() {
      History ticket = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      ticket.pause(AWAITING_CUSTOMER, utc("2026-03-09T12:20")).cancel(utc("2026-03-09T13:00"));

      SlaClocks clocks = ticket.at(utc("2026-03-10T13:00"));

      assertThat(clocks.firstResponse())
          .isEqualTo(met(FIRST_RESPONSE, m(30), m(20), utc("2026-03-09T13:00")));
      assertThat(clocks.resolution())
          .isEqualTo(met(RESOLUTION, h(4), m(20), utc("2026-03-09T13:00")));
      assertThat(clocks.pendingActions()).isEmpty();
      assertThat(ticket.sla().isFinal()).isTrue();
    }

    @Test
    void cancelAfterABreachStaysBreachedWithoutEscalation() {
      History ticket = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      ticket.agentReply(utc("2026-03-09T12:05")).cancel(utc("2026-03-09T17:00"));

      SlaClocks clocks = ticket.at(utc("2026-03-09T18:00"));

      assertThat(clocks.resolution())
          .isEqualTo(breached(RESOLUTION, h(4), h(5), utc("2026-03-09T16:00")));
      assertThat(clocks.pendingActions()).isEmpty();
    }
  }

  @Nested
  class PendingActions {

    private final History ticket = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));

    @Test
    void escalationsAreOwedFromTheOpeningOrderedByDueInstantAndDoNotDependOnNow() {
      List<SlaAction> expected =
          List.of(
              escalation(FIRST_RESPONSE, utc("2026-03-09T12:30")),
              escalation(RESOLUTION, utc("2026-03-09T16:00")));

      assertThat(ticket.at(utc("2026-03-09T12:00")).pendingActions()).isEqualTo(expected);
      assertThat(ticket.at(utc("2026-03-09T20:00")).pendingActions()).isEqualTo(expected);
      assertThat(expected)
          .extracting(SlaAction::id)
          .containsExactly("T-1/escalation/FIRST_RESPONSE", "T-1/escalation/RESOLUTION");
    }

    @Test
    void anSlaBreachEscalationSettlesItsMetricForTheWholeTicket() {
      ticket.escalate(EscalationReason.SLA_BREACH, FIRST_RESPONSE, utc("2026-03-09T12:30"));
      ticket.escalate(EscalationReason.CUSTOMER_REQUEST, null, utc("2026-03-09T12:40"));
      assertThat(ticket.at(utc("2026-03-09T12:40")).pendingActions())
          .containsExactly(escalation(RESOLUTION, utc("2026-03-09T16:00")));

      ticket.escalate(EscalationReason.SLA_BREACH, RESOLUTION, utc("2026-03-09T16:00"));
      assertThat(ticket.at(utc("2026-03-09T16:00")).pendingActions()).isEmpty();

      // A rejected resolution reopens the breached clock; it is not escalated a second time.
      ticket.resolve(utc("2026-03-09T17:00")).reject(utc("2026-03-09T18:00"));
      SlaClocks reopened = ticket.at(utc("2026-03-09T19:00"));
      assertThat(reopened.resolution().status()).isEqualTo(BREACHED);
      assertThat(reopened.pendingActions()).isEmpty();
    }

    @Test
    void aClockResolvedOnTimeOwesNoEscalationAndTheApprovalOwesAnAutoClose() {
      ticket.agentReply(utc("2026-03-09T12:10")).resolve(utc("2026-03-09T13:00"));

      SlaClocks clocks = ticket.at(utc("2026-03-09T13:00"));

      // pronnus: 4 business days of br-8x5 from Mon 9 Mar 10:00 SP: Mon 6 h (26 left),
      // Tue-Thu 24 h (2 left), Fri 13 Mar 08-10 -> 10:00 SP = 13:00Z.
      assertThat(clocks.pendingActions())
          .containsExactly(
              new SlaAction.AutoClose("T-1", "T-1/approval/1", utc("2026-03-13T13:00")));
      assertThat(ticket.sla().pendingApprovalRequestId()).contains("T-1/approval/1");
    }

    @Test
    void approvalRejectionAndAutoCloseEachSettleTheAutoClose() {
      History approved = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      approved.agentReply(utc("2026-03-09T12:10")).resolve(utc("2026-03-09T13:00"));
      approved.approve(utc("2026-03-09T14:00"));
      History rejected = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      rejected.agentReply(utc("2026-03-09T12:10")).resolve(utc("2026-03-09T13:00"));
      rejected.reject(utc("2026-03-09T14:00"));
      History autoClosed = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      autoClosed.agentReply(utc("2026-03-09T12:10")).resolve(utc("2026-03-09T13:00"));
      autoClosed.autoClose(utc("2026-03-13T13:00"));

      assertThat(approved.at(utc("2026-03-09T14:00")).pendingActions()).isEmpty();
      assertThat(approved.sla().pendingApprovalRequestId()).isEmpty();
      assertThat(approved.at(utc("2026-03-09T14:00")).resolution())
          .isEqualTo(met(RESOLUTION, h(4), h(1), utc("2026-03-09T13:00")));
      // Rejected: 1 h used, reopened at 14:00 -> due 17:00.
      assertThat(rejected.at(utc("2026-03-09T14:00")).pendingActions())
          .containsExactly(escalation(RESOLUTION, utc("2026-03-09T17:00")));
      assertThat(autoClosed.at(utc("2026-03-13T13:00")).pendingActions()).isEmpty();
      assertThat(autoClosed.sla().isFinal()).isTrue();
    }

    @Test
    void aPausedClockThatHasNotBreachedOwesNoEscalation() {
      ticket.agentReply(utc("2026-03-09T12:10")).pause(AWAITING_CUSTOMER, utc("2026-03-09T13:00"));

      assertThat(ticket.at(utc("2026-03-10T13:00")).pendingActions()).isEmpty();
    }
  }

  /**
   * {@link SlaClocks#atRiskAt} and {@link SlaClocks#statusAt}: the instants at which a running
   * clock's status changes with no further event, and the status they give at a later instant,
   * checked against evaluating again at that instant.
   */
  @Nested
  class StatusLater {

    /** Asserts statusAt for each (later, status) pair, and that evaluating at later agrees. */
    private void assertStatusesLater(
        History ticket, SlaClocks clocks, SlaMetric metric, Later... cases) {
      for (Later later : cases) {
        assertThat(clocks.statusAt(metric, later.at()))
            .as("%s at %s", metric, later.at())
            .isEqualTo(later.status());
        assertThat(ticket.at(later.at()).clock(metric).status())
            .as("%s evaluated at %s", metric, later.at())
            .isEqualTo(later.status());
      }
    }

    private record Later(Instant at, ClockStatus status) {}

    private static Later later(Instant at, ClockStatus status) {
      return new Later(at, status);
    }

    @Test
    void urgentOnTwentyFourSevenIsAtRiskThreeHoursAfterTheOpening() {
      // pronnus URGENT: resolution 4 h on 24x7, warnAt 0.75 -> at risk at 12:00Z + 3 h = 15:00Z.
      History urgent = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      urgent.agentReply(utc("2026-03-09T12:05"));

      SlaClocks clocks = urgent.at(utc("2026-03-09T12:05"));

      assertThat(clocks.evaluatedAt()).isEqualTo(utc("2026-03-09T12:05"));
      assertThat(clocks.resolution().status()).isEqualTo(RUNNING);
      assertThat(clocks.atRiskAt(RESOLUTION)).contains(utc("2026-03-09T15:00"));
      assertThat(clocks.resolution().dueAt()).isEqualTo(utc("2026-03-09T16:00"));
      // First response met at 12:05: no at-risk instant, and MET for ever.
      assertThat(clocks.firstResponse().status()).isEqualTo(MET);
      assertThat(clocks.atRiskAt(FIRST_RESPONSE)).isEmpty();
      assertThat(clocks.statusAt(FIRST_RESPONSE, utc("2026-03-10T12:00"))).isEqualTo(MET);
      assertStatusesLater(
          urgent,
          clocks,
          RESOLUTION,
          later(utc("2026-03-09T12:05"), RUNNING),
          later(utc("2026-03-09T14:59:59.999"), RUNNING),
          later(utc("2026-03-09T15:00").minusNanos(1), RUNNING),
          later(utc("2026-03-09T15:00"), AT_RISK),
          later(utc("2026-03-09T16:00"), AT_RISK), // at the due instant: not yet late
          later(utc("2026-03-09T16:00").plusNanos(1), BREACHED),
          later(utc("2026-03-10T16:00"), BREACHED));
    }

    @Test
    void firstResponseOfThirtyMinutesIsAtRiskAfterTwentyTwoAndAHalf() {
      History urgent = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));

      SlaClocks clocks = urgent.at(utc("2026-03-09T12:00"));

      assertThat(clocks.atRiskAt(FIRST_RESPONSE)).contains(utc("2026-03-09T12:22:30"));
      assertStatusesLater(
          urgent,
          clocks,
          FIRST_RESPONSE,
          later(utc("2026-03-09T12:22:29.999"), RUNNING),
          later(utc("2026-03-09T12:22:30"), AT_RISK),
          later(utc("2026-03-09T12:30:00.001"), BREACHED));
    }

    @Test
    void onBusinessHoursTheThresholdFallsAfterTheNight() {
      // pronnus LOW: first response 4 h, resolution 48 h, both br-8x5; warnAt 0.75.
      // Opened Mon 9 Mar 16:00 SP. First response, 3 h: Mon 16-17 = 1 h, Tue 08-10 = 2 h ->
      // at risk Tue 10 Mar 10:00, due Tue 11:00. Resolution, 36 h: Mon 1 (35 left), Tue 10 - Fri
      // 13 Mar 32 (3 left), Mon 16 Mar 08-11 -> at risk Mon 16 Mar 11:00; due (47 h after Mon
      // 17:00) Tue 17 Mar 16:00.
      History low = History.open("pronnus", "LOW", sp("2026-03-09T16:00"));

      SlaClocks clocks = low.at(sp("2026-03-09T16:00"));

      assertThat(clocks.atRiskAt(FIRST_RESPONSE)).contains(sp("2026-03-10T10:00"));
      assertThat(clocks.firstResponse().dueAt()).isEqualTo(sp("2026-03-10T11:00"));
      assertThat(clocks.atRiskAt(RESOLUTION)).contains(sp("2026-03-16T11:00"));
      assertThat(clocks.resolution().dueAt()).isEqualTo(sp("2026-03-17T16:00"));
      assertStatusesLater(
          low,
          clocks,
          FIRST_RESPONSE,
          later(sp("2026-03-09T17:00"), RUNNING),
          later(sp("2026-03-10T03:00"), RUNNING), // the night: no working time passes
          later(sp("2026-03-10T09:59:59.999"), RUNNING),
          later(sp("2026-03-10T10:00"), AT_RISK),
          later(sp("2026-03-10T11:00"), AT_RISK),
          later(sp("2026-03-10T11:00:00.001"), BREACHED));
      assertStatusesLater(
          low,
          clocks,
          RESOLUTION,
          later(sp("2026-03-16T10:59:59.999"), RUNNING),
          later(sp("2026-03-16T11:00"), AT_RISK),
          later(sp("2026-03-17T16:00"), AT_RISK),
          later(sp("2026-03-17T16:00:00.001"), BREACHED));
    }

    @Test
    void aThresholdReachedAtTheEndOfTheDayIsAtRiskThroughTheNight() {
      // pronnus LOW opened Mon 9 Mar 14:00 SP: 3 h of br-8x5 are reached at 17:00, the end of the
      // working day -- the earliest such instant, not Tue 08:00.
      History low = History.open("pronnus", "LOW", sp("2026-03-09T14:00"));

      SlaClocks clocks = low.at(sp("2026-03-09T14:00"));

      assertThat(clocks.atRiskAt(FIRST_RESPONSE)).contains(sp("2026-03-09T17:00"));
      assertThat(clocks.firstResponse().dueAt()).isEqualTo(sp("2026-03-10T09:00"));
      assertStatusesLater(
          low,
          clocks,
          FIRST_RESPONSE,
          later(sp("2026-03-09T16:59:59.999"), RUNNING),
          later(sp("2026-03-09T17:00"), AT_RISK),
          later(sp("2026-03-10T07:59"), AT_RISK));
    }

    @Test
    void aClockAlreadyAtRiskHasItsThresholdInThePast() {
      // URGENT resolution (24x7): 12:00-15:30 = 3.5 h, paused, resumed 17:00 -> AT_RISK since
      // 15:00 (before the last event, in the earlier running period), due 17:30.
      History urgent = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      urgent
          .agentReply(utc("2026-03-09T12:05"))
          .pause(AWAITING_CUSTOMER, utc("2026-03-09T15:30"))
          .resume(utc("2026-03-09T17:00"));

      SlaClocks clocks = urgent.at(utc("2026-03-09T17:00"));

      assertThat(clocks.resolution())
          .isEqualTo(running(RESOLUTION, AT_RISK, h(4), m(210), utc("2026-03-09T17:30")));
      assertThat(clocks.atRiskAt(RESOLUTION)).contains(utc("2026-03-09T15:00"));
      assertStatusesLater(
          urgent,
          clocks,
          RESOLUTION,
          later(utc("2026-03-09T17:00"), AT_RISK),
          later(utc("2026-03-09T17:30"), AT_RISK),
          later(utc("2026-03-09T17:30").plusNanos(1), BREACHED));
    }

    @Test
    void pausedBreachedAndNotApplicableClocksHaveNoThresholdAndKeepTheirStatus() {
      History paused = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      paused.pause(AWAITING_CUSTOMER, utc("2026-03-09T12:20"));
      SlaClocks pausedClocks = paused.at(utc("2026-03-09T13:00"));
      History late = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      SlaClocks lateClocks = late.at(utc("2026-03-09T13:00"));
      History standard = History.open("standard", "P1", utc("2026-03-09T12:00"));
      SlaClocks standardClocks = standard.at(utc("2026-03-09T13:00"));

      assertThat(pausedClocks.resolution().status()).isEqualTo(PAUSED);
      assertThat(pausedClocks.atRiskAt(RESOLUTION)).isEmpty();
      assertStatusesLater(paused, pausedClocks, RESOLUTION, later(utc("2026-03-20T13:00"), PAUSED));
      assertThat(lateClocks.firstResponse().status()).isEqualTo(BREACHED);
      assertThat(lateClocks.atRiskAt(FIRST_RESPONSE)).isEmpty();
      assertStatusesLater(
          late, lateClocks, FIRST_RESPONSE, later(utc("2026-03-20T13:00"), BREACHED));
      assertThat(standardClocks.atRiskAt(RESOLUTION)).isEmpty();
      assertStatusesLater(
          standard, standardClocks, RESOLUTION, later(utc("2026-03-20T13:00"), NOT_APPLICABLE));
    }

    @Test
    void reopenedAfterAResolutionAtTheDueInstantIsAtRiskThenBreachedTheNextInstant() {
      // Resolved exactly at the 16:00Z due instant (met), reopened at 17:00Z: the clock runs again
      // with elapsed = target, so it is AT_RISK at 17:00 with dueAt 16:00 before it, and
      // BREACHED from the next instant on. The only case where dueAt precedes the evaluated
      // instant of a running clock, and where the SQL rule needs t > evaluatedAt.
      History urgent = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      urgent.agentReply(utc("2026-03-09T12:05")).resolve(utc("2026-03-09T16:00"));
      urgent.reject(utc("2026-03-09T17:00"));

      SlaClocks clocks = urgent.at(utc("2026-03-09T17:00"));

      assertThat(clocks.resolution())
          .isEqualTo(running(RESOLUTION, AT_RISK, h(4), h(4), utc("2026-03-09T16:00")));
      assertThat(clocks.atRiskAt(RESOLUTION)).contains(utc("2026-03-09T15:00"));
      assertStatusesLater(
          urgent,
          clocks,
          RESOLUTION,
          later(utc("2026-03-09T17:00"), AT_RISK),
          later(utc("2026-03-09T17:00").plusNanos(1), BREACHED));
    }

    @Test
    void thresholdIsExactToTheNanosecondUnderTheDoubleComparison() {
      // 0.55 is a little more than 55/100 as a double: warnAt x 1 h = 1 980 000 000 000.000244 ns,
      // so elapsed must be 33 min + 1 ns, not 33 min, to be at risk.
      SlaPolicy policy = onTwentyFourSeven(0.55, "PT1H");
      History ticket =
          History.open(policy, ClockFixture.PRESET_CALENDARS, "P1", utc("2026-03-09T12:00"));

      SlaClocks clocks = ticket.at(utc("2026-03-09T12:00"));

      Instant atRisk = utc("2026-03-09T12:33").plusNanos(1);
      assertThat(clocks.atRiskAt(RESOLUTION)).contains(atRisk);
      assertStatusesLater(
          ticket, clocks, RESOLUTION, later(atRisk.minusNanos(1), RUNNING), later(atRisk, AT_RISK));
    }

    @Test
    void thresholdBeyondTwoToTheFiftyThreeNanosecondsFollowsTheDoubleRounding() {
      // 200 days: 0.7 x target = 1.2096e16 ns, above 2^53, where a long converts to the nearest
      // even double: 140 days - 1 ns already compares as 1.2096e16, so it is at risk.
      SlaPolicy policy = onTwentyFourSeven(0.7, "200bd");
      History ticket =
          History.open(policy, ClockFixture.PRESET_CALENDARS, "P1", utc("2026-03-09T12:00"));

      SlaClocks clocks = ticket.at(utc("2026-03-09T12:00"));

      Instant atRisk = utc("2026-03-09T12:00").plus(Duration.ofDays(140)).minusNanos(1);
      assertThat(clocks.atRiskAt(RESOLUTION)).contains(atRisk);
      assertStatusesLater(
          ticket, clocks, RESOLUTION, later(atRisk.minusNanos(1), RUNNING), later(atRisk, AT_RISK));
    }

    @Test
    void refusesAnInstantBeforeTheEvaluatedOneWhichIsNeverBeforeTheLastEvent() {
      History urgent = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
      urgent.assign(utc("2026-03-09T13:00"));

      SlaClocks clocks = urgent.at(utc("2026-03-09T12:30"));

      assertThat(clocks.evaluatedAt()).isEqualTo(utc("2026-03-09T13:00"));
      assertThatThrownBy(() -> clocks.statusAt(RESOLUTION, utc("2026-03-09T12:59:59.999")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2026-03-09T13:00:00Z");
      assertThatThrownBy(() -> clocks.statusAt(RESOLUTION, null))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> clocks.atRiskAt(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalityAndDescriptionIncludeTheThresholds() {
      History urgent = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));

      SlaClocks clocks = urgent.at(utc("2026-03-09T12:00"));

      assertThat(clocks).isEqualTo(urgent.at(utc("2026-03-09T12:00")));
      assertThat(clocks).hasSameHashCodeAs(urgent.at(utc("2026-03-09T12:00")));
      assertThat(clocks.toString())
          .contains("at=2026-03-09T12:00:00Z")
          .contains("firstResponseAtRiskAt=2026-03-09T12:22:30Z")
          .contains("resolutionAtRiskAt=2026-03-09T15:00:00Z");
    }

    private SlaPolicy onTwentyFourSeven(double warnAt, String resolution) {
      return SlaPolicy.builder("precise", "Precise")
          .businessDayCalendar("br-8x5")
          .warnAt(warnAt)
          .priority(Priority.of("P1", "P1", null, null, SlaTarget.parse(resolution, "24x7")))
          .build(SlaFixture.KNOWN_CALENDARS);
    }
  }

  @Test
  void docsWorkedExample() {
    // docs/clocks.md, "Worked example".
    History ticket = History.open("pronnus", "LOW", sp("2026-03-09T09:00"));
    ticket
        .pause(AWAITING_CUSTOMER, sp("2026-03-09T10:00"))
        .customerReply(sp("2026-03-09T11:00"), true);

    SlaClocks before = ticket.at(sp("2026-03-09T14:00"));
    assertThat(before.firstResponse())
        .isEqualTo(running(FIRST_RESPONSE, AT_RISK, h(4), h(3), sp("2026-03-09T15:00")));
    assertThat(before.resolution())
        .isEqualTo(running(RESOLUTION, RUNNING, h(48), h(3), sp("2026-03-17T10:00")));
    assertThat(before.pendingActions())
        .containsExactly(
            escalation(FIRST_RESPONSE, sp("2026-03-09T15:00")),
            escalation(RESOLUTION, sp("2026-03-17T10:00")));

    ticket.changePriority("LOW", "URGENT", sp("2026-03-09T14:30"));
    SlaClocks after = ticket.at(sp("2026-03-09T14:30"));
    Duration elapsed = h(4).plus(m(30));
    assertThat(after.firstResponse())
        .isEqualTo(breached(FIRST_RESPONSE, m(30), elapsed, sp("2026-03-09T09:30")));
    assertThat(after.resolution())
        .isEqualTo(breached(RESOLUTION, h(4), elapsed, sp("2026-03-09T14:00")));
    assertThat(after.pendingActions())
        .extracting(SlaAction::id)
        .containsExactly("T-1/escalation/FIRST_RESPONSE", "T-1/escalation/RESOLUTION");

    ticket
        .escalate(EscalationReason.SLA_BREACH, FIRST_RESPONSE, sp("2026-03-09T14:30"))
        .escalate(EscalationReason.SLA_BREACH, RESOLUTION, sp("2026-03-09T14:30"));
    assertThat(ticket.at(sp("2026-03-09T14:30")).pendingActions()).isEmpty();

    // Raised at exactly 14:00 instead: resolution reached its target but has not run past it.
    History atB = History.open("pronnus", "LOW", sp("2026-03-09T09:00"));
    atB.pause(AWAITING_CUSTOMER, sp("2026-03-09T10:00"))
        .customerReply(sp("2026-03-09T11:00"), true);
    atB.changePriority("LOW", "URGENT", sp("2026-03-09T14:00"));
    assertThat(atB.at(sp("2026-03-09T14:00")).resolution())
        .isEqualTo(running(RESOLUTION, AT_RISK, h(4), h(4), sp("2026-03-09T14:00")));
    assertThat(atB.at(sp("2026-03-09T14:00").plusMillis(1)).resolution())
        .isEqualTo(breached(RESOLUTION, h(4), h(4).plusMillis(1), sp("2026-03-09T14:00")));
  }

  @Test
  void refusesAPolicyOtherThanTheTicketsVersion() {
    History ticket = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));

    assertThatThrownBy(
            () ->
                SlaClocks.evaluate(
                    ticket.sla(),
                    preset("pronnus").withVersion(2),
                    ClockFixture.PRESET_CALENDARS,
                    utc("2026-03-09T12:00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pronnus v1");
  }

  @Test
  void refusesAnUnknownCalendar() {
    History ticket = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));

    assertThatThrownBy(
            () ->
                SlaClocks.evaluate(
                    ticket.sla(),
                    preset("pronnus"),
                    SlaFixture.calendarSource(List.of()),
                    utc("2026-03-09T12:00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("24x7");
  }

  @Test
  void evaluatingBeforeTheLastEventIsEvaluatingAtIt() {
    History ticket = History.open("pronnus", "URGENT", utc("2026-03-09T12:00"));
    ticket.assign(utc("2026-03-09T13:00"));

    assertThat(ticket.at(utc("2026-03-09T12:30"))).isEqualTo(ticket.at(utc("2026-03-09T13:00")));
  }

  private static SlaPolicy preset(String id) {
    return ClockFixture.preset(id);
  }
}
