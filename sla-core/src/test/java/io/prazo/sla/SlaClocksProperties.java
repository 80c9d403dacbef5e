package io.prazo.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.events.ApprovalRequested;
import io.prazo.events.ClosingCategory;
import io.prazo.events.EscalationReason;
import io.prazo.events.FirstResponseRecorded;
import io.prazo.events.PauseReason;
import io.prazo.events.PriorityChanged;
import io.prazo.events.ResolutionApproved;
import io.prazo.events.ResolutionRejected;
import io.prazo.events.SlaMetric;
import io.prazo.events.TicketAutoClosed;
import io.prazo.events.TicketCancelled;
import io.prazo.events.TicketClosed;
import io.prazo.events.TicketEscalated;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketPaused;
import io.prazo.events.TicketReopened;
import io.prazo.events.TicketResolved;
import io.prazo.events.TicketResumed;
import io.prazo.sla.ClockFixture.History;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of {@link TicketSla} and {@link SlaClocks} on random valid histories: agreement with a
 * separate minute-stepping model of sla.md section 3 (which replays the events minute by minute and
 * asks {@link ReferenceBusinessTime#isWorking} about every minute), and the invariants of
 * docs/clocks.md. Histories are generated command by command with the events the aggregate emits;
 * instants are whole minutes for the model (sub-millisecond for the JSON round trip), spans are a
 * few days so the model stays fast.
 */
class SlaClocksProperties {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final long YEAR_MINUTES = 330L * 24 * 60; // start by late November 2026
  private static final long MAX_HISTORY_MINUTES = 8L * 24 * 60;
  private static final long MAX_LATER_MINUTES = 3L * 24 * 60;

  /** Beyond the last "now", how far due instants may fall (48 h of br-8x5 over holidays). */
  private static final long DUE_HORIZON_MINUTES = 30L * 24 * 60;

  /** A policy with short targets on all three preset calendars, counting two pause reasons. */
  private static final SlaPolicy SHORT_TARGETS =
      SlaPolicy.builder("short", "Short targets")
          .businessDayCalendar(Presets.CALENDAR_BR_8X5)
          .warnAt(0.5)
          .autoCloseAfterBusinessDays(1)
          .pauseReasons(PauseReason.AWAITING_THIRD_PARTY)
          .priority(priority("A", "PT30M", "24x7", "PT2H", "24x7"))
          .priority(priority("B", "PT1H", "br-8x5", "PT4H", "br-8x5"))
          .priority(priority("C", null, null, "1bd", "br-weekdays"))
          .priority(priority("D", null, null, null, null))
          .priority(priority("E", "PT15M", "br-8x5", "PT90M", "24x7"))
          .build(SlaFixture.KNOWN_CALENDARS);

  private static final List<SlaPolicy> POLICIES;

  static {
    List<SlaPolicy> policies = new ArrayList<>(Presets.policies());
    policies.add(SHORT_TARGETS);
    policies.add(SHORT_TARGETS); // weigh the short targets: they breach within the spans
    policies.add(SHORT_TARGETS);
    POLICIES = List.copyOf(policies);
  }

  private static Priority priority(
      String id, String fr, String frCalendar, String res, String resCalendar) {
    return Priority.of(
        id,
        id,
        null,
        fr == null ? null : SlaTarget.parse(fr, frCalendar),
        res == null ? null : SlaTarget.parse(res, resCalendar));
  }

  /** A random valid history and an evaluation instant after each of its events. */
  record Scenario(SlaPolicy policy, List<TicketEvent> events, List<Instant> nows) {

    /** The state after the first {@code count} events. */
    TicketSla prefix(int count) {
      return ClockFixture.fold(events.subList(0, count));
    }

    SlaClocks clocks(TicketSla sla, Instant now) {
      return SlaClocks.evaluate(sla, policy, ClockFixture.PRESET_CALENDARS, now);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(policy.toString());
      for (TicketEvent event : events) {
        sb.append("\n  ").append(event);
      }
      return sb.append("\n  nows=").append(nows).toString();
    }
  }

  @Provide
  Arbitrary<Scenario> minuteScenarios() {
    return Arbitraries.randomValue(random -> scenario(random, true));
  }

  @Provide
  Arbitrary<Scenario> preciseScenarios() {
    return Arbitraries.randomValue(random -> scenario(random, false));
  }

  // ---- properties ----

  @Property(tries = 150)
  void clocksAgreeWithTheMinuteModel(@ForAll("minuteScenarios") Scenario scenario) {
    Model model = new Model(scenario);
    TicketSla sla = null;
    for (int count = 1; count <= scenario.events().size(); count++) {
      TicketEvent event = scenario.events().get(count - 1);
      sla = count == 1 ? scenario.prefix(1) : sla.apply(event);
      for (Instant now : List.of(event.occurredAt(), scenario.nows().get(count - 1))) {
        SlaClocks clocks = scenario.clocks(sla, now);
        Model.Result expected = model.evaluate(count, now);
        String context = "after " + count + " events at " + now + "\n" + sla;
        assertThat(clocks.firstResponse()).as(context).isEqualTo(expected.firstResponse());
        assertThat(clocks.resolution()).as(context).isEqualTo(expected.resolution());
        assertThat(clocks.pendingActions()).as(context).isEqualTo(expected.actions());
        assertThat(clocks.autoCloseAt()).as(context).isEqualTo(expected.autoCloseAt());
        Statistics.label("first response").collect(clocks.firstResponse().status());
        Statistics.label("resolution").collect(clocks.resolution().status());
        Statistics.label("breached under an earlier priority")
            .collect(expected.establishedEarlier());
      }
    }
  }

  @Property(tries = 100)
  void elapsedIsMonotoneInNowAndActionsDoNotDependOnIt(
      @ForAll("preciseScenarios") Scenario scenario) {
    Random random = new Random(scenario.events().size());
    for (int count = 1; count <= scenario.events().size(); count++) {
      TicketSla sla = scenario.prefix(count);
      Instant now = sla.lastEventAt();
      SlaClocks first = scenario.clocks(sla, now);
      SlaClocks previous = first;
      for (int step = 0; step < 6; step++) {
        now = now.plusMillis(random.nextInt(6 * 3_600_000));
        SlaClocks clocks = scenario.clocks(sla, now);
        for (SlaMetric metric : SlaMetric.values()) {
          assertThat(clocks.clock(metric).elapsed())
              .as("%s at %s", metric, now)
              .isGreaterThanOrEqualTo(previous.clock(metric).elapsed());
        }
        assertThat(clocks.pendingActions()).isEqualTo(first.pendingActions());
        assertThat(clocks.autoCloseAt()).isEqualTo(first.autoCloseAt());
        previous = clocks;
      }
    }
  }

  @Property(tries = 100)
  void atTheDueInstantElapsedEqualsTheTargetAndOneMillisecondLaterItIsBreached(
      @ForAll("preciseScenarios") Scenario scenario) {
    for (int count = 1; count <= scenario.events().size(); count++) {
      TicketSla sla = scenario.prefix(count);
      SlaClocks clocks = scenario.clocks(sla, sla.lastEventAt());
      for (SlaMetric metric : SlaMetric.values()) {
        ClockView view = clocks.clock(metric);
        if (view.status() != ClockStatus.RUNNING && view.status() != ClockStatus.AT_RISK) {
          continue;
        }
        ClockView atDue = scenario.clocks(sla, view.dueAt()).clock(metric);
        assertThat(atDue.elapsed()).as("%s at due", metric).isEqualTo(view.target());
        assertThat(atDue.status()).isEqualTo(ClockStatus.AT_RISK);
        assertThat(atDue.remaining()).isEqualTo(Duration.ZERO);
        assertThat(atDue.dueAt()).isEqualTo(view.dueAt());
        ClockView late = scenario.clocks(sla, view.dueAt().plusMillis(1)).clock(metric);
        assertThat(late.status()).isEqualTo(ClockStatus.BREACHED);
        assertThat(late.breachedAt()).isEqualTo(view.dueAt());
      }
    }
  }

  @Property(tries = 150)
  void aBreachOnceBeforeNowStaysWithItsInstant(@ForAll("preciseScenarios") Scenario scenario) {
    Map<SlaMetric, Instant> breaches = new EnumMap<>(SlaMetric.class);
    for (int count = 1; count <= scenario.events().size(); count++) {
      TicketSla sla = scenario.prefix(count);
      // Evaluate at the event and at an instant before the next event.
      for (Instant now : List.of(sla.lastEventAt(), scenario.nows().get(count - 1))) {
        SlaClocks clocks = scenario.clocks(sla, now);
        for (SlaMetric metric : SlaMetric.values()) {
          ClockView view = clocks.clock(metric);
          Instant known = breaches.get(metric);
          if (known != null) {
            assertThat(view.status())
                .as("%s after %d events at %s", metric, count, now)
                .isEqualTo(ClockStatus.BREACHED);
            assertThat(view.breachedAt()).isEqualTo(known);
          } else if (view.status() == ClockStatus.BREACHED) {
            assertThat(view.breachedAt()).isBefore(now);
            breaches.put(metric, view.breachedAt());
          }
        }
      }
    }
  }

  @Property(tries = 150)
  void jsonRoundTripsToAnEqualStateAndIdenticalText(@ForAll("preciseScenarios") Scenario scenario) {
    TicketSla sla = null;
    for (int count = 1; count <= scenario.events().size(); count++) {
      TicketEvent event = scenario.events().get(count - 1);
      sla = count == 1 ? scenario.prefix(1) : sla.apply(event);
      String json = sla.toJson();
      TicketSla read = TicketSla.fromJson(json);
      assertThat(read).isEqualTo(sla).hasSameHashCodeAs(sla);
      assertThat(read.toJson()).isEqualTo(json);
      assertThat(scenario.clocks(read, scenario.nows().get(count - 1)))
          .isEqualTo(scenario.clocks(sla, scenario.nows().get(count - 1)));
    }
  }

  @Property(tries = 100)
  void statusAtALaterInstantIsTheStatusEvaluatedThere(
      @ForAll("preciseScenarios") Scenario scenario) {
    Random random = new Random(scenario.events().hashCode());
    for (int count = 1; count <= scenario.events().size(); count++) {
      TicketSla sla = scenario.prefix(count);
      for (Instant t0 : List.of(sla.lastEventAt(), scenario.nows().get(count - 1))) {
        assertStatusAtAgreesWithEvaluatingLater(scenario, sla, t0, random);
      }
    }
  }

  /**
   * The one case where a running clock's dueAt is before the evaluated instant, which random
   * histories almost never reach: resolved exactly at its due instant (met), then reopened.
   */
  @Property(tries = 100)
  void statusAtAgreesAfterAResolutionAtTheDueInstantAndAReopening(
      @ForAll("preciseScenarios") Scenario scenario) {
    Random random = new Random(scenario.events().hashCode());
    for (int count = 1; count <= scenario.events().size(); count++) {
      TicketSla sla = scenario.prefix(count);
      ClockView running = scenario.clocks(sla, sla.lastEventAt()).resolution();
      if (running.dueAt() == null
          || running.status() == ClockStatus.BREACHED
          || running.dueAt().isBefore(sla.lastEventAt())) {
        continue;
      }
      Instant due = running.dueAt();
      Instant reopen = due.plusNanos(1 + random.nextLong(2L * 24 * 3_600_000_000_000L));
      TicketSla reopened =
          sla.apply(
                  new TicketResolved(
                      ClockFixture.TICKET, due, ClosingCategory.PRODUCT_ERROR, "Fixed", "agent-1"))
              .apply(new TicketReopened(ClockFixture.TICKET, reopen));

      SlaClocks clocks = scenario.clocks(reopened, reopen);

      assertThat(clocks.resolution().status()).isEqualTo(ClockStatus.AT_RISK);
      assertThat(clocks.resolution().dueAt()).isEqualTo(due).isBefore(clocks.evaluatedAt());
      assertThat(clocks.statusAt(SlaMetric.RESOLUTION, reopen.plusNanos(1)))
          .isEqualTo(ClockStatus.BREACHED);
      assertStatusAtAgreesWithEvaluatingLater(scenario, reopened, reopen, random);
    }
  }

  /**
   * Evaluated at t0, statusAt(t1) is the status evaluated at t1, for t1 = t0, random instants and
   * each threshold with its neighbours; a clock still running at t1 has the same instants.
   */
  private static void assertStatusAtAgreesWithEvaluatingLater(
      Scenario scenario, TicketSla sla, Instant t0, Random random) {
    SlaClocks clocks = scenario.clocks(sla, t0);
    for (Instant t1 : laterInstants(clocks, t0, random)) {
      SlaClocks later = scenario.clocks(sla, t1);
      for (SlaMetric metric : SlaMetric.values()) {
        ClockStatus status = later.clock(metric).status();
        assertThat(clocks.statusAt(metric, t1))
            .as("%s evaluated at %s, status at %s", metric, t0, t1)
            .isEqualTo(status);
        if (status == ClockStatus.RUNNING || status == ClockStatus.AT_RISK) {
          assertThat(later.atRiskAt(metric)).isEqualTo(clocks.atRiskAt(metric));
          assertThat(later.clock(metric).dueAt()).isEqualTo(clocks.clock(metric).dueAt());
        }
        Statistics.label("status later").collect(status);
      }
    }
  }

  /**
   * Instants at or after {@code t0}: t0, random ones up to a few days later, and each running
   * clock's atRiskAt and dueAt with their neighbours 1 ns and 1 ms away.
   */
  private static List<Instant> laterInstants(SlaClocks clocks, Instant t0, Random random) {
    List<Instant> candidates = new ArrayList<>(List.of(t0, t0.plusNanos(1)));
    for (int i = 0; i < 4; i++) {
      candidates.add(t0.plusNanos(random.nextLong(3L * 24 * 3_600_000_000_000L)));
    }
    for (SlaMetric metric : SlaMetric.values()) {
      List<Instant> edges = new ArrayList<>();
      clocks.atRiskAt(metric).ifPresent(edges::add);
      if (clocks.atRiskAt(metric).isPresent()) {
        edges.add(clocks.clock(metric).dueAt());
      }
      for (Instant edge : edges) {
        candidates.addAll(
            List.of(
                edge.minusMillis(1),
                edge.minusNanos(1),
                edge,
                edge.plusNanos(1),
                edge.plusMillis(1)));
      }
    }
    return candidates.stream().filter(t -> !t.isBefore(t0)).toList();
  }

  @Property(tries = 100)
  void atRiskAtIsTheEarliestInstantAtRisk(@ForAll("preciseScenarios") Scenario scenario) {
    for (int count = 1; count <= scenario.events().size(); count++) {
      TicketSla sla = scenario.prefix(count);
      Instant last = sla.lastEventAt();
      SlaClocks clocks = scenario.clocks(sla, last);
      for (SlaMetric metric : SlaMetric.values()) {
        ClockView view = clocks.clock(metric);
        boolean running =
            view.status() == ClockStatus.RUNNING || view.status() == ClockStatus.AT_RISK;
        assertThat(clocks.atRiskAt(metric).isPresent()).as("%s", view).isEqualTo(running);
        if (!running) {
          continue;
        }
        Instant atRisk = clocks.atRiskAt(metric).orElseThrow();
        String context = metric + " at risk " + atRisk + ", " + view;
        assertThat(atRisk).as(context).isBeforeOrEqualTo(view.dueAt());
        // RUNNING now iff the threshold is still ahead.
        assertThat(atRisk.isAfter(last))
            .as(context)
            .isEqualTo(view.status() == ClockStatus.RUNNING);
        if (!atRisk.isBefore(last)) {
          ClockView there = scenario.clocks(sla, atRisk).clock(metric);
          assertThat(there.status()).as(context).isEqualTo(ClockStatus.AT_RISK);
          // Elapsed is exactly the least whole number of nanoseconds at risk.
          assertThat(there.elapsed().toNanos())
              .as(context)
              .isEqualTo(
                  SlaClocks.atRiskNanos(scenario.policy().warnAt(), view.target().toNanos()));
        }
        for (Instant before : List.of(atRisk.minusNanos(1), atRisk.minusMillis(1))) {
          if (!before.isBefore(last)) {
            assertThat(scenario.clocks(sla, before).clock(metric).status())
                .as("%s, 1 ns or 1 ms earlier", context)
                .isEqualTo(ClockStatus.RUNNING);
          }
        }
        Statistics.label("at risk").collect(view.status());
      }
    }
  }

  @Property(tries = 1000)
  void atRiskNanosIsTheLeastElapsedThatPassesTheDoubleTest(
      @ForAll("warnAts") double warnAt, @ForAll("targetNanos") long targetNanos) {
    long n = SlaClocks.atRiskNanos(warnAt, targetNanos);

    // The comparison SlaClocks.evaluate makes, elapsed.toNanos() >= warnAt * target.toNanos().
    assertThat(n >= warnAt * targetNanos).isTrue();
    assertThat(n - 1 >= warnAt * targetNanos).isFalse();
    assertThat(n).isBetween(1L, targetNanos);
  }

  @Provide
  Arbitrary<Double> warnAts() {
    return Arbitraries.oneOf(
        Arbitraries.of(0.5, 0.55, 0.7, 0.75, 0.8, 0.9, 1.0 / 3, Math.ulp(1.0), 1 - Math.ulp(1.0)),
        Arbitraries.doubles().between(0, false, 1, false));
  }

  @Provide
  Arbitrary<Long> targetNanos() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1, 1L << 55),
        Arbitraries.longs().between(1L << 53, Long.MAX_VALUE / 2),
        Arbitraries.of(1L, 60_000_000_000L, 3_600_000_000_000L, 200L * 86_400_000_000_000L));
  }

  // ---- generation: commands on a simulated aggregate, with the events it emits ----

  static Scenario scenario(Random random, boolean minuteAligned) {
    SlaPolicy policy = POLICIES.get(random.nextInt(POLICIES.size()));
    List<Priority> scale = policy.priorities();
    Instant start = FROM.plus(MINUTE.multipliedBy(random.nextLong(YEAR_MINUTES)));
    History history =
        History.open(
            policy,
            ClockFixture.PRESET_CALENDARS,
            scale.get(random.nextInt(scale.size())).id(),
            minuteAligned ? start : start.plusNanos(random.nextInt(60_000_000) * 1000L + 7));
    String status = "OPEN";
    String priority = ((io.prazo.events.TicketOpened) history.events().get(0)).priority();
    Set<SlaMetric> escalatedThisCycle = EnumSet.noneOf(SlaMetric.class);
    Instant at = history.events().get(0).occurredAt();
    int commands = random.nextInt(22);
    for (int i = 0; i < commands; i++) {
      at = at.plus(gap(random, minuteAligned));
      if (Duration.between(start, at).toMinutes() > MAX_HISTORY_MINUTES
          || status.equals("CLOSED")
          || status.equals("CANCELLED")) {
        break;
      }
      int choice = random.nextInt(100);
      switch (status) {
        case "OPEN", "IN_PROGRESS" -> {
          if (choice < 18) {
            history.agentReply(at);
            status = "IN_PROGRESS";
          } else if (choice < 24) {
            history.customerReply(at, false);
          } else if (choice < 44) {
            history.pause(PauseReason.values()[random.nextInt(3)], at);
            status = "AWAITING";
          } else if (choice < 56) {
            priority = changePriority(random, history, scale, priority, at);
          } else if (choice < 64) {
            escalate(random, history, escalatedThisCycle, at);
          } else if (choice < 86) {
            history.resolve(at);
            status = "RESOLVED";
          } else if (choice < 90) {
            history.cancel(at);
            status = "CANCELLED";
          } else {
            history.assign(at);
            status = "IN_PROGRESS";
          }
        }
        case "AWAITING" -> {
          if (choice < 30) {
            history.customerReply(at, true);
            status = "IN_PROGRESS";
          } else if (choice < 60) {
            history.resume(at);
            status = "IN_PROGRESS";
          } else if (choice < 70) {
            priority = changePriority(random, history, scale, priority, at);
          } else if (choice < 78) {
            escalate(random, history, escalatedThisCycle, at);
          } else if (choice < 90) {
            history.agentReply(at);
          } else if (choice < 94) {
            history.cancel(at);
            status = "CANCELLED";
          } else {
            history.assign(at);
          }
        }
        case "RESOLVED" -> {
          if (choice < 25) {
            history.approve(at);
            status = "CLOSED";
          } else if (choice < 60) {
            history.reject(at);
            status = "IN_PROGRESS";
            escalatedThisCycle.clear();
          } else if (choice < 70) {
            history.autoClose(at);
            status = "CLOSED";
          } else if (choice < 80) {
            priority = changePriority(random, history, scale, priority, at);
          } else if (choice < 90) {
            escalate(random, history, escalatedThisCycle, at);
          } else {
            history.customerReply(at, false);
          }
        }
        default -> throw new IllegalStateException(status);
      }
    }
    List<TicketEvent> events = history.events();
    List<Instant> nows = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Instant here = events.get(i).occurredAt();
      Instant next =
          i + 1 < events.size()
              ? events.get(i + 1).occurredAt()
              : here.plus(MINUTE.multipliedBy(MAX_LATER_MINUTES));
      long span = Duration.between(here, next).toMinutes();
      Instant now = here.plus(MINUTE.multipliedBy(span == 0 ? 0 : random.nextLong(span + 1)));
      nows.add(now.isAfter(next) ? next : now);
    }
    return new Scenario(policy, events, nows);
  }

  private static Duration gap(Random random, boolean minuteAligned) {
    int kind = random.nextInt(100);
    long minutes =
        kind < 15
            ? 0
            : kind < 65
                ? 1 + random.nextInt(120)
                : kind < 95 ? 120 + random.nextInt(1320) : 1440 + random.nextInt(2880);
    Duration gap = MINUTE.multipliedBy(minutes);
    return minuteAligned ? gap : gap.plusNanos(random.nextInt(1_000_000_000));
  }

  private static String changePriority(
      Random random, History history, List<Priority> scale, String current, Instant at) {
    if (scale.size() < 2) {
      return current;
    }
    String to;
    do {
      to = scale.get(random.nextInt(scale.size())).id();
    } while (to.equals(current));
    history.changePriority(current, to, at);
    return to;
  }

  private static void escalate(
      Random random, History history, Set<SlaMetric> escalatedThisCycle, Instant at) {
    SlaMetric metric = SlaMetric.values()[random.nextInt(2)];
    if (random.nextBoolean() && escalatedThisCycle.add(metric)) {
      history.escalate(EscalationReason.SLA_BREACH, metric, at);
    } else {
      history.escalate(EscalationReason.CUSTOMER_REQUEST, null, at);
    }
  }

  // ---- the model ----

  /**
   * sla.md section 3 computed the slow way: replay the events, and for each whole minute from the
   * opening ask which clocks run in it and whether it is working time on each calendar.
   */
  static final class Model {
    private final Scenario scenario;
    private final Instant origin;
    private final int size;
    private final Map<String, boolean[]> working = new HashMap<>();
    private boolean lastEstablished;

    Model(Scenario scenario) {
      this.scenario = scenario;
      this.origin = scenario.events().get(0).occurredAt();
      Instant lastNow = scenario.nows().get(scenario.nows().size() - 1);
      this.size = index(lastNow) + (int) DUE_HORIZON_MINUTES;
    }

    record Result(
        ClockView firstResponse,
        ClockView resolution,
        List<SlaAction> actions,
        java.util.Optional<Instant> autoCloseAt,
        boolean establishedEarlier) {}

    private int index(Instant x) {
      return (int) Duration.between(origin, x).toMinutes();
    }

    private Instant instant(int index) {
      return origin.plus(MINUTE.multipliedBy(index));
    }

    private boolean[] working(String calendarId) {
      return working.computeIfAbsent(
          calendarId,
          id -> {
            BusinessCalendar cal = ClockFixture.presetCalendar(id);
            boolean[] w = new boolean[size];
            for (int k = 0; k < size; k++) {
              w[k] = ReferenceBusinessTime.isWorking(cal, instant(k));
            }
            return w;
          });
    }

    private Duration dayLength(String calendarId) {
      return ClockFixture.presetCalendar(calendarId).dayLength();
    }

    /** The ticket's state as the rules describe it. */
    private static final class State {
      final Map<SlaMetric, Boolean> live = new EnumMap<>(SlaMetric.class);
      final Map<SlaMetric, Instant> stoppedAt = new EnumMap<>(SlaMetric.class);
      final Set<SlaMetric> escalated = EnumSet.noneOf(SlaMetric.class);
      final List<Instant> changeAt = new ArrayList<>();
      final List<String> priorities = new ArrayList<>();
      PauseReason pause;
      boolean closed;
      String approval;
      Instant approvalAt;

      State(String priority, Instant at) {
        live.put(SlaMetric.FIRST_RESPONSE, true);
        live.put(SlaMetric.RESOLUTION, true);
        priorities.add(priority);
        changeAt.add(at);
      }

      String priority() {
        return priorities.get(priorities.size() - 1);
      }

      void stop(SlaMetric metric, Instant at) {
        if (live.get(metric)) {
          live.put(metric, false);
          stoppedAt.put(metric, at);
        }
      }

      void apply(TicketEvent event) {
        Instant at = event.occurredAt();
        if (event instanceof FirstResponseRecorded) {
          stop(SlaMetric.FIRST_RESPONSE, at);
        } else if (event instanceof TicketPaused e) {
          pause = e.reason();
        } else if (event instanceof TicketResumed) {
          pause = null;
        } else if (event instanceof PriorityChanged e) {
          if (!closed && !e.to().equals(priority())) {
            priorities.add(e.to());
            changeAt.add(at);
          }
        } else if (event instanceof TicketEscalated e) {
          if (e.reason() == EscalationReason.SLA_BREACH) {
            escalated.add(e.metric());
          }
        } else if (event instanceof TicketResolved) {
          stop(SlaMetric.FIRST_RESPONSE, at);
          stop(SlaMetric.RESOLUTION, at);
          pause = null;
        } else if (event instanceof ApprovalRequested e) {
          approval = e.approvalRequestId();
          approvalAt = at;
        } else if (event instanceof ResolutionApproved
            || event instanceof ResolutionRejected
            || event instanceof TicketAutoClosed) {
          approval = null;
        } else if (event instanceof TicketReopened) {
          live.put(SlaMetric.RESOLUTION, true);
          pause = null;
          approval = null;
        } else if (event instanceof TicketClosed || event instanceof TicketCancelled) {
          closed = true;
          stop(SlaMetric.FIRST_RESPONSE, at);
          stop(SlaMetric.RESOLUTION, at);
          pause = null;
          approval = null;
        }
      }

      boolean runs(SlaMetric metric, SlaPolicy policy) {
        return live.get(metric) && (pause == null || !policy.countsPause(pause));
      }
    }

    Result evaluate(int count, Instant now) {
      SlaPolicy policy = scenario.policy();
      List<TicketEvent> events = scenario.events().subList(0, count);
      Instant last = events.get(count - 1).occurredAt();
      int end = index(now.isBefore(last) ? last : now);
      State state = new State(((io.prazo.events.TicketOpened) events.get(0)).priority(), origin);
      Map<SlaMetric, boolean[]> runs = new EnumMap<>(SlaMetric.class);
      for (SlaMetric metric : SlaMetric.values()) {
        runs.put(metric, new boolean[end]);
      }
      int next = 1;
      for (int k = 0; k < end; k++) {
        Instant minute = instant(k);
        while (next < count && !events.get(next).occurredAt().isAfter(minute)) {
          state.apply(events.get(next++));
        }
        for (SlaMetric metric : SlaMetric.values()) {
          runs.get(metric)[k] = state.runs(metric, policy);
        }
      }
      while (next < count) {
        state.apply(events.get(next++));
      }

      List<SlaAction> actions = new ArrayList<>();
      boolean establishedEarlier = false;
      Map<SlaMetric, ClockView> views = new EnumMap<>(SlaMetric.class);
      for (SlaMetric metric : SlaMetric.values()) {
        Instant[] escalation = new Instant[1];
        views.put(metric, clock(metric, runs.get(metric), state, end, escalation));
        establishedEarlier |= lastEstablished;
        if (escalation[0] != null && !state.closed && !state.escalated.contains(metric)) {
          actions.add(new SlaAction.Escalation("T-1", metric, escalation[0]));
        }
      }
      Instant autoCloseAt = null;
      if (state.approval != null) {
        String id = policy.businessDayCalendarId();
        long minutes = dayLength(id).multipliedBy(policy.autoCloseAfterBusinessDays()).toMinutes();
        autoCloseAt = instant(plus(working(id), index(state.approvalAt), minutes));
        actions.add(new SlaAction.AutoClose("T-1", state.approval, autoCloseAt));
      }
      actions.sort(Comparator.comparing(SlaAction::dueAt).thenComparing(SlaAction::id));
      return new Result(
          views.get(SlaMetric.FIRST_RESPONSE),
          views.get(SlaMetric.RESOLUTION),
          actions,
          java.util.Optional.ofNullable(autoCloseAt),
          establishedEarlier);
    }

    private SlaTarget target(String priority, SlaMetric metric) {
      return scenario.policy().priority(priority).flatMap(p -> p.target(metric)).orElse(null);
    }

    private long minutes(SlaTarget target) {
      return target.amount().toDuration(dayLength(target.calendarId())).toMinutes();
    }

    private ClockView clock(
        SlaMetric metric, boolean[] run, State state, int end, Instant[] escalation) {
      SlaPolicy policy = scenario.policy();
      // A breach the clock ran past under an earlier priority.
      Integer established = null;
      for (int i = 0; i + 1 < state.priorities.size() && established == null; i++) {
        SlaTarget target = target(state.priorities.get(i), metric);
        if (target != null) {
          Integer b = reach(run, working(target.calendarId()), minutes(target), end);
          if (b != null && runsFrom(run, b, index(state.changeAt.get(i + 1)))) {
            established = b;
          }
        }
      }
      lastEstablished = established != null;
      SlaTarget target = target(state.priority(), metric);
      String calendarId = target != null ? target.calendarId() : policy.businessDayCalendarId();
      boolean[] w = working(calendarId);
      long elapsedMinutes = 0;
      for (int k = 0; k < end; k++) {
        if (run[k] && w[k]) {
          elapsedMinutes++;
        }
      }
      Duration elapsed = Duration.ofMinutes(elapsedMinutes);
      if (established != null) {
        escalation[0] = instant(established);
        return new ClockView(
            metric,
            ClockStatus.BREACHED,
            target == null ? null : Duration.ofMinutes(minutes(target)),
            elapsed,
            target == null ? null : Duration.ZERO,
            instant(established),
            null,
            instant(established));
      }
      if (target == null) {
        return new ClockView(
            metric, ClockStatus.NOT_APPLICABLE, null, elapsed, null, null, null, null);
      }
      long targetMinutes = minutes(target);
      Duration targetDuration = Duration.ofMinutes(targetMinutes);
      boolean open = state.runs(metric, policy);
      Integer b = reach(run, w, targetMinutes, end);
      if (b == null && open) {
        b = plus(w, end, targetMinutes - elapsedMinutes);
      }
      if (b != null && runsFrom(run, b, end)) {
        escalation[0] = instant(b);
        return new ClockView(
            metric,
            ClockStatus.BREACHED,
            targetDuration,
            elapsed,
            Duration.ZERO,
            instant(b),
            null,
            instant(b));
      }
      Duration remaining = targetDuration.minus(elapsed);
      if (!state.live.get(metric)) {
        return new ClockView(
            metric,
            ClockStatus.MET,
            targetDuration,
            elapsed,
            remaining,
            null,
            state.stoppedAt.get(metric),
            null);
      }
      if (!open) {
        return new ClockView(
            metric, ClockStatus.PAUSED, targetDuration, elapsed, remaining, null, null, null);
      }
      escalation[0] = instant(b);
      boolean atRisk = elapsed.toNanos() >= policy.warnAt() * targetDuration.toNanos();
      return new ClockView(
          metric,
          atRisk ? ClockStatus.AT_RISK : ClockStatus.RUNNING,
          targetDuration,
          elapsed,
          remaining,
          instant(b),
          null,
          null);
    }

    /** The minute index at whose start the running working minutes reach the target, or null. */
    private static Integer reach(boolean[] run, boolean[] w, long target, int end) {
      long sum = 0;
      for (int k = 0; k < end; k++) {
        if (run[k] && w[k] && ++sum == target) {
          return k + 1;
        }
      }
      return null;
    }

    /** Whether the clock runs in a minute at or after {@code from} and before {@code to}. */
    private static boolean runsFrom(boolean[] run, int from, int to) {
      for (int k = from; k < to; k++) {
        if (run[k]) {
          return true;
        }
      }
      return false;
    }

    /** The index reached from {@code from} after {@code minutes} working minutes. */
    private static int plus(boolean[] w, int from, long minutes) {
      int k = from;
      for (long sum = 0; sum < minutes; k++) {
        if (w[k]) {
          sum++;
        }
      }
      return k;
    }
  }
}
