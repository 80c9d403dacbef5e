package io.prazo.query.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generated history for the compliance report, and the report it must give, computed from the
 * plan alone: targets and calendars are written out here from docs/presets.md, never asked of
 * sla-core or of the database.
 *
 * <p>Time runs in ticks of ten minutes from Monday 2026-03-02 08:00 in São Paulo (11:00 UTC) to
 * early Tuesday, a stretch with no holiday in it. Every ticket's plan is a list of steps at ticks;
 * every prefix of a plan is a valid history, so a plan is cut at the last tick.
 */
final class ComplianceHistory {
  static final Instant START = Instant.parse("2026-03-02T11:00:00Z");
  static final Duration TICK = Duration.ofMinutes(10);
  static final int LAST_TICK = 96;

  /** What a step does. */
  enum Kind {
    OPEN,
    REPLY,
    RESOLVE,
    REJECT,
    APPROVE,
    CANCEL
  }

  record Step(int tick, Kind kind) {
    Instant at() {
      return instant(tick);
    }
  }

  record Organization(String id, String policy) {}

  /**
   * One ticket's plan.
   *
   * @param index its place in the history
   * @param organization whose ticket
   * @param priority on the organization's policy's scale
   * @param steps in tick order, the first one OPEN
   */
  record Plan(int index, Organization organization, String priority, List<Step> steps) {
    Instant openedAt() {
      return steps.get(0).at();
    }
  }

  /** Working time from an instant, inclusive, to another, exclusive. */
  record Interval(Instant from, Instant to) {}

  /** Working time of a calendar, as docs/presets.md defines it, over this history's stretch. */
  enum Calendar {
    TWENTY_FOUR_SEVEN(List.of()),
    /** br-8x5: Monday to Friday 08:00-12:00 and 13:00-17:00 in São Paulo (UTC-3). */
    BR_8X5(
        List.of(
            interval("2026-03-02T11:00:00Z", "2026-03-02T15:00:00Z"),
            interval("2026-03-02T16:00:00Z", "2026-03-02T20:00:00Z"),
            interval("2026-03-03T11:00:00Z", "2026-03-03T15:00:00Z"),
            interval("2026-03-03T16:00:00Z", "2026-03-03T20:00:00Z"))),
    /** br-weekdays: whole weekdays in São Paulo. */
    BR_WEEKDAYS(List.of(interval("2026-03-02T03:00:00Z", "2026-03-04T03:00:00Z")));

    private final List<Interval> intervals;

    Calendar(List<Interval> intervals) {
      this.intervals = intervals;
    }

    /** The working time inside [a, b). */
    Duration workingTime(Instant a, Instant b) {
      if (a.isBefore(START) || b.isAfter(instant(LAST_TICK))) {
        throw new IllegalArgumentException(a + ".." + b + " is outside the stretch");
      }
      if (this == TWENTY_FOUR_SEVEN) {
        return Duration.between(a, b);
      }
      Duration total = Duration.ZERO;
      for (Interval interval : intervals) {
        Instant from = a.isAfter(interval.from()) ? a : interval.from();
        Instant to = b.isBefore(interval.to()) ? b : interval.to();
        if (from.isBefore(to)) {
          total = total.plus(Duration.between(from, to));
        }
      }
      return total;
    }

    boolean isWorking(Instant t) {
      return !workingTime(t, t.plusNanos(1)).isZero();
    }

    private static Interval interval(String from, String to) {
      return new Interval(Instant.parse(from), Instant.parse(to));
    }
  }

  record Target(Duration amount, Calendar calendar) {
    /**
     * MET or BREACHED for a clock that ran in these spans and then stopped. A clock whose elapsed
     * time is exactly the target is met only if it stopped at the instant it got there, not after
     * running on in non-working time past that due instant (docs/clocks.md, rule 6: met iff stopped
     * at or before the breach instant, as sla.md section 3 says).
     */
    Clock clock(List<Interval> ran) {
      Duration elapsed = Duration.ZERO;
      for (Interval span : ran) {
        elapsed = elapsed.plus(calendar.workingTime(span.from(), span.to()));
      }
      int against = elapsed.compareTo(amount);
      if (against != 0) {
        return new Clock(against < 0 ? "MET" : "BREACHED", false);
      }
      Instant stopped = ran.get(ran.size() - 1).to();
      return new Clock(calendar.isWorking(stopped.minusNanos(1)) ? "MET" : "BREACHED", true);
    }
  }

  /**
   * A stopped clock.
   *
   * @param status MET, BREACHED or NOT_APPLICABLE
   * @param atTheTarget whether its elapsed time was exactly the target
   */
  record Clock(String status, boolean atTheTarget) {
    static final Clock NOT_APPLICABLE = new Clock("NOT_APPLICABLE", false);

    boolean is(String other) {
      return status.equals(other);
    }
  }

  /** A policy's first-response and resolution targets for one priority; null for no target. */
  record Targets(Target firstResponse, Target resolution) {}

  static final Organization PRESENCE = new Organization("cr-presence", "presence");
  static final Organization PRONNUS_1 = new Organization("cr-pronnus-1", "pronnus");
  static final Organization PRONNUS_2 = new Organization("cr-pronnus-2", "pronnus");
  static final Organization STANDARD = new Organization("cr-standard", "standard");
  static final Organization STRICT = new Organization("cr-strict", "cr-strict");
  static final Organization WATI = new Organization("cr-wati", "wati-business-plus");
  static final List<Organization> ORGANIZATIONS =
      List.of(PRESENCE, PRONNUS_1, PRONNUS_2, STANDARD, STRICT, WATI);

  /**
   * A policy of this test's own, on pronnus's URGENT and HIGH scale with shorter 24x7 targets and a
   * stricter goal: a priority row that holds its tickets and pronnus's takes the stricter goal.
   */
  static final String STRICT_POLICY =
      """
      {"id": "cr-strict", "name": "Strict", "businessDayCalendar": "br-8x5",
       "complianceGoal": 0.95, "warnAt": 0.75, "autoCloseAfterBusinessDays": 4,
       "pauseReasons": ["AWAITING_CUSTOMER"],
       "priorities": [
         {"id": "URGENT", "label": "Urgente",
          "firstResponse": {"amount": "PT20M", "calendar": "24x7"},
          "resolution": {"amount": "PT3H", "calendar": "24x7"}},
         {"id": "HIGH", "label": "Alta",
          "firstResponse": {"amount": "PT40M", "calendar": "24x7"},
          "resolution": {"amount": "PT6H", "calendar": "24x7"}}]}
      """;

  /** Every policy's compliance goal. */
  static final Map<String, Double> GOALS =
      Map.of(
          "presence",
          0.80,
          "pronnus",
          0.80,
          "standard",
          0.80,
          "wati-business-plus",
          0.80,
          "cr-strict",
          0.95);

  private static final Map<String, Map<String, Targets>> TARGETS =
      Map.of(
          "pronnus",
          Map.of(
              "URGENT",
              targets("PT30M", Calendar.TWENTY_FOUR_SEVEN, "PT4H", Calendar.TWENTY_FOUR_SEVEN),
              "HIGH",
              targets("PT1H", Calendar.TWENTY_FOUR_SEVEN, "PT8H", Calendar.TWENTY_FOUR_SEVEN),
              "MEDIUM",
              targets("PT2H", Calendar.BR_8X5, "PT24H", Calendar.BR_8X5),
              "LOW",
              targets("PT4H", Calendar.BR_8X5, "PT48H", Calendar.BR_8X5)),
          "wati-business-plus",
          Map.of(
              "P1",
              targets("PT30M", Calendar.TWENTY_FOUR_SEVEN, "PT4H", Calendar.TWENTY_FOUR_SEVEN),
              "P2",
              targets("PT1H", Calendar.TWENTY_FOUR_SEVEN, "PT8H", Calendar.TWENTY_FOUR_SEVEN),
              "P3",
              targets("PT2H", Calendar.TWENTY_FOUR_SEVEN, "PT24H", Calendar.BR_WEEKDAYS),
              "P4",
              targets("PT4H", Calendar.TWENTY_FOUR_SEVEN, "PT48H", Calendar.BR_WEEKDAYS)),
          "presence",
          Map.of(
              "P0", targets(null, null, "PT4H", Calendar.BR_8X5),
              "P1", targets(null, null, "PT12H", Calendar.BR_8X5),
              "P2", targets(null, null, "PT40H", Calendar.BR_8X5),
              "P3", targets(null, null, "PT56H", Calendar.BR_8X5)),
          "cr-strict",
          Map.of(
              "URGENT",
              targets("PT20M", Calendar.TWENTY_FOUR_SEVEN, "PT3H", Calendar.TWENTY_FOUR_SEVEN),
              "HIGH",
              targets("PT40M", Calendar.TWENTY_FOUR_SEVEN, "PT6H", Calendar.TWENTY_FOUR_SEVEN)),
          "standard",
          Map.of(
              "P1", new Targets(null, null),
              "P2", new Targets(null, null),
              "P3", new Targets(null, null),
              "P4", new Targets(null, null)));

  private static Targets targets(
      String firstResponse, Calendar frCalendar, String resolution, Calendar resCalendar) {
    return new Targets(
        firstResponse == null ? null : new Target(Duration.parse(firstResponse), frCalendar),
        new Target(Duration.parse(resolution), resCalendar));
  }

  static Instant instant(int tick) {
    return START.plus(TICK.multipliedBy(tick));
  }

  // ---- generation ----

  /** A history of {@code count} tickets, the same for the same seed. */
  static List<Plan> generate(long seed, int count) {
    Random random = new Random(seed);
    List<Plan> plans = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      plans.add(plan(i, random));
    }
    return plans;
  }

  private static Plan plan(int index, Random random) {
    Organization organization = organization(random.nextInt(100));
    String priority = priority(organization.policy(), random.nextInt(100));
    List<Step> steps = new ArrayList<>();
    int opened = random.nextInt(37);
    steps.add(new Step(opened, Kind.OPEN));
    Integer reply = random.nextInt(100) < 65 ? opened + 1 + random.nextInt(15) : null;
    int fate = random.nextInt(100);
    Integer end = null; // the tick a ticket is closed or cancelled at
    if (fate < 8) {
      end = opened + 1 + random.nextInt(30);
      steps.add(new Step(end, Kind.CANCEL));
    } else if (fate >= 18) {
      int at = opened + 1 + random.nextInt(54);
      steps.add(new Step(at, Kind.RESOLVE));
      for (int cycle = 1; ; cycle++) {
        if (cycle <= 3 && random.nextInt(100) < 22) {
          at += 1 + random.nextInt(6);
          steps.add(new Step(at, Kind.REJECT));
          int next = random.nextInt(100);
          if (next < 12) {
            end = at + 1 + random.nextInt(6);
            steps.add(new Step(end, Kind.CANCEL));
            break;
          }
          if (next < 25) {
            break;
          }
          at += 1 + random.nextInt(24);
          steps.add(new Step(at, Kind.RESOLVE));
        } else {
          if (random.nextInt(100) < 30) {
            end = at + 1 + random.nextInt(6);
            steps.add(new Step(end, Kind.APPROVE));
          }
          break;
        }
      }
    } // else: left open
    if (reply != null && (end == null || reply < end)) {
      steps.add(new Step(reply, Kind.REPLY));
    }
    steps.sort(Comparator.comparingInt(Step::tick)); // stable: a reply comes after a resolution
    steps.removeIf(step -> step.tick() > LAST_TICK);
    return new Plan(index, organization, priority, List.copyOf(steps));
  }

  private static Organization organization(int percentile) {
    if (percentile < 12) {
      return PRESENCE;
    } else if (percentile < 34) {
      return PRONNUS_1;
    } else if (percentile < 52) {
      return PRONNUS_2;
    } else if (percentile < 64) {
      return STANDARD;
    } else if (percentile < 72) {
      return STRICT;
    }
    return WATI;
  }

  /** Mostly the 24x7 priorities, where elapsed time is wall time. */
  private static String priority(String policy, int percentile) {
    if (policy.equals("cr-strict")) {
      return percentile < 50 ? "URGENT" : "HIGH";
    }
    List<String> scale =
        switch (policy) {
          case "pronnus" -> List.of("URGENT", "HIGH", "MEDIUM", "LOW");
          case "wati-business-plus" -> List.of("P1", "P2", "P3", "P4");
          case "presence" -> List.of("P0", "P1", "P2", "P3");
          default -> List.of("P1", "P2", "P3", "P4");
        };
    if (policy.equals("pronnus") || policy.equals("wati-business-plus")) {
      return scale.get(percentile < 38 ? 0 : percentile < 76 ? 1 : percentile < 88 ? 2 : 3);
    }
    return scale.get(percentile % 4);
  }

  // ---- the outcome ----

  /**
   * What the report must say of a ticket.
   *
   * @param resolvedAt its standing resolution, or null (never resolved, rejected and not resolved
   *     again, cancelled)
   * @param firstResponse the first-response clock (null when not resolved)
   * @param resolution the resolution clock (null when not resolved)
   * @param cycles how many times it was resolved
   */
  record Outcome(Plan plan, Instant resolvedAt, Clock firstResponse, Clock resolution, int cycles) {
    List<Clock> clocks() {
      return List.of(firstResponse, resolution);
    }
  }

  static Outcome outcome(Plan plan) {
    Targets targets = TARGETS.get(plan.organization().policy()).get(plan.priority());
    Instant opened = plan.openedAt();
    Instant replied = null;
    Instant firstResolved = null;
    Instant resolvedAt = null;
    Instant cycleStart = opened;
    List<Interval> resolutionRan = new ArrayList<>();
    int cycles = 0;
    for (Step step : plan.steps()) {
      Instant at = step.at();
      switch (step.kind()) {
        case REPLY -> replied = replied == null ? at : replied;
        case RESOLVE -> {
          resolutionRan.add(new Interval(cycleStart, at));
          resolvedAt = at;
          firstResolved = firstResolved == null ? at : firstResolved;
          cycles++;
        }
        case REJECT -> {
          resolvedAt = null;
          cycleStart = at;
        }
        case OPEN, APPROVE, CANCEL -> {}
      }
    }
    if (resolvedAt == null) {
      return new Outcome(plan, null, null, null, cycles);
    }
    // A resolution answers a first response still running; a reopening does not restart it.
    Instant firstResponseAt =
        replied != null && replied.isBefore(firstResolved) ? replied : firstResolved;
    Clock firstResponse =
        targets.firstResponse() == null
            ? Clock.NOT_APPLICABLE
            : targets.firstResponse().clock(List.of(new Interval(opened, firstResponseAt)));
    Clock resolution =
        targets.resolution() == null
            ? Clock.NOT_APPLICABLE
            : targets.resolution().clock(resolutionRan);
    return new Outcome(plan, resolvedAt, firstResponse, resolution, cycles);
  }

  /** A report row as api.md and ComplianceReport document it. */
  record Row(
      String key,
      long resolved,
      long firstResponseMet,
      long resolutionMet,
      Double resolutionCompliance,
      Double goal,
      Boolean goalMet,
      long noTarget,
      long firstResponseNoTarget,
      Double firstResponseCompliance) {
    Row withKey(String other) {
      return new Row(
          other,
          resolved,
          firstResponseMet,
          resolutionMet,
          resolutionCompliance,
          goal,
          goalMet,
          noTarget,
          firstResponseNoTarget,
          firstResponseCompliance);
    }
  }

  /** The report: rows by key, then the total. */
  record Report(List<Row> rows, Row total) {}

  /**
   * The report over outcomes.
   *
   * @param from inclusive
   * @param to exclusive
   * @param key what rows are grouped by
   * @param scope which tickets the caller sees
   */
  static Report report(
      List<Outcome> outcomes,
      Instant from,
      Instant to,
      Function<Plan, String> key,
      Predicate<Plan> scope) {
    Map<String, List<Outcome>> groups = new TreeMap<>();
    List<Outcome> all = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      Instant resolved = outcome.resolvedAt();
      if (resolved != null
          && !resolved.isBefore(from)
          && resolved.isBefore(to)
          && scope.test(outcome.plan())) {
        groups.computeIfAbsent(key.apply(outcome.plan()), k -> new ArrayList<>()).add(outcome);
        all.add(outcome);
      }
    }
    List<Row> rows = new ArrayList<>();
    groups.forEach((k, group) -> rows.add(row(k, group)));
    return new Report(rows, row(null, all));
  }

  private static Row row(String key, List<Outcome> group) {
    long resolved = group.size();
    long firstResponseMet = count(group, o -> o.firstResponse().is("MET"));
    long resolutionMet = count(group, o -> o.resolution().is("MET"));
    long noTarget = count(group, o -> o.resolution().is("NOT_APPLICABLE"));
    long firstResponseNoTarget = count(group, o -> o.firstResponse().is("NOT_APPLICABLE"));
    Double goal =
        group.stream()
            .map(o -> GOALS.get(o.plan().organization().policy()))
            .max(Double::compare)
            .orElse(null);
    Double compliance = share(resolutionMet, resolved - noTarget);
    return new Row(
        key,
        resolved,
        firstResponseMet,
        resolutionMet,
        compliance,
        goal,
        compliance == null ? null : compliance >= goal,
        noTarget,
        firstResponseNoTarget,
        share(firstResponseMet, resolved - firstResponseNoTarget));
  }

  private static long count(List<Outcome> group, Predicate<Outcome> which) {
    return group.stream().filter(which).count();
  }

  private static Double share(long met, long of) {
    return of == 0 ? null : (double) met / of;
  }

  private ComplianceHistory() {}
}
