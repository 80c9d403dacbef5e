package io.prazo.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link BusinessTime}: agreement with the minute-stepping {@link
 * ReferenceBusinessTime} on random calendars and instants (minute-aligned, often near a DST
 * transition), and the algebraic laws of the two operations at millisecond precision.
 */
class BusinessTimeProperties {

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("America/Sao_Paulo"),
          ZoneId.of("Europe/Lisbon"),
          ZoneId.of("UTC"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("Australia/Lord_Howe"));

  private static final Instant FROM = Instant.parse("2017-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2027-12-31T00:00:00Z");
  private static final long MAX_SPAN_MINUTES = 20L * 24 * 60;

  /** A random calendar, a minute-aligned start, a span of whole minutes and a fraction. */
  record Scenario(BusinessCalendar calendar, Instant start, long spanMinutes, double fraction) {

    Instant end() {
      return start.plusSeconds(spanMinutes * 60);
    }

    @Override
    public String toString() {
      return calendar
          + " holidays="
          + calendar.holidayDates()
          + " start="
          + start
          + " span="
          + spanMinutes
          + "min fraction="
          + fraction;
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Arbitraries.randomValue(BusinessTimeProperties::scenario);
  }

  static Scenario scenario(Random random) {
    ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
    Instant start = random.nextInt(3) == 0 ? uniformInstant(random) : nearTransition(random, zone);
    start = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), 60) * 60);
    long span =
        random.nextInt(4) == 0 ? random.nextInt(600) : random.nextLong(MAX_SPAN_MINUTES + 1);
    return new Scenario(calendar(random, zone, start), start, span, random.nextDouble());
  }

  private static Instant uniformInstant(Random random) {
    return FROM.plusSeconds(random.nextLong(TO.getEpochSecond() - FROM.getEpochSecond()));
  }

  /** An instant within three days of one of the zone's offset changes in 2017-2027, if any. */
  private static Instant nearTransition(Random random, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<Instant> transitions = new ArrayList<>();
    ZoneOffsetTransition next = rules.nextTransition(FROM);
    while (next != null && next.getInstant().isBefore(TO)) {
      transitions.add(next.getInstant());
      next = rules.nextTransition(next.getInstant());
    }
    if (transitions.isEmpty()) {
      return uniformInstant(random);
    }
    Instant transition = transitions.get(random.nextInt(transitions.size()));
    long threeDays = 3L * 24 * 3600;
    return transition.plusSeconds(random.nextLong(2 * threeDays) - threeDays);
  }

  private static BusinessCalendar calendar(Random random, ZoneId zone, Instant near) {
    Map<DayOfWeek, List<LocalTimeInterval>> week = new EnumMap<>(DayOfWeek.class);
    boolean any = false;
    for (DayOfWeek day : DayOfWeek.values()) {
      List<LocalTimeInterval> intervals = day(random);
      week.put(day, intervals);
      any |= !intervals.isEmpty();
    }
    if (!any) {
      week.put(
          DayOfWeek.of(1 + random.nextInt(7)), List.of(LocalTimeInterval.parse("09:00", "10:00")));
    }
    List<Holiday> holidays = new ArrayList<>();
    LocalDate first = LocalDate.ofInstant(near, zone).minusDays(3);
    for (int i = 0; i < 26; i++) {
      if (random.nextInt(7) == 0) {
        holidays.add(Holiday.of(first.plusDays(i)));
      }
    }
    return BusinessCalendar.of("random", 1, "Random", zone, Duration.ofHours(8), week, holidays);
  }

  /** 0 to 3 intervals on quarter hours, sometimes the whole day. */
  private static List<LocalTimeInterval> day(Random random) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return List.of(LocalTimeInterval.ALL_DAY);
    }
    int count = kind < 3 ? 0 : 1 + random.nextInt(3);
    TreeSet<Integer> points = new TreeSet<>();
    while (points.size() < 2 * count) {
      points.add(random.nextInt(97) * 15 * 60);
    }
    List<Integer> sorted = new ArrayList<>(points);
    List<LocalTimeInterval> intervals = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i += 2) {
      intervals.add(LocalTimeInterval.ofSecondsOfDay(sorted.get(i), sorted.get(i + 1)));
    }
    return intervals;
  }

  @Property(tries = 150)
  void workingTimeAgreesWithTheReference(@ForAll("scenarios") Scenario s) {
    assertThat(BusinessTime.workingTime(s.calendar(), s.start(), s.end()))
        .isEqualTo(ReferenceBusinessTime.workingTime(s.calendar(), s.start(), s.end()));
  }

  @Property(tries = 100)
  void plusAgreesWithTheReference(@ForAll("scenarios") Scenario s) {
    Duration available = ReferenceBusinessTime.workingTime(s.calendar(), s.start(), s.end());
    Duration d = Duration.ofMinutes((long) (available.toMinutes() * s.fraction()));
    assertThat(BusinessTime.plus(s.calendar(), s.start(), d))
        .isEqualTo(ReferenceBusinessTime.plus(s.calendar(), s.start(), d));
  }

  @Property(tries = 300)
  void workingTimeUpToPlusIsTheDurationAdded(
      @ForAll("scenarios") Scenario s,
      @ForAll("millis") long offset,
      @ForAll("durations") Duration d) {
    Instant t = s.start().plusMillis(offset);
    Instant due = BusinessTime.plus(s.calendar(), t, d);
    assertThat(due).isAfterOrEqualTo(t);
    assertThat(BusinessTime.workingTime(s.calendar(), t, due)).isEqualTo(d);
  }

  @Property(tries = 300)
  void plusIsTheEarliestSuchInstant(
      @ForAll("scenarios") Scenario s,
      @ForAll("millis") long offset,
      @ForAll("durations") Duration d) {
    Instant t = s.start().plusMillis(offset);
    Instant due = BusinessTime.plus(s.calendar(), t, d);
    if (d.isZero()) {
      assertThat(due).isEqualTo(t);
    } else {
      assertThat(BusinessTime.workingTime(s.calendar(), t, due.minusMillis(1))).isLessThan(d);
    }
  }

  @Property(tries = 300)
  void workingTimeIsAdditive(
      @ForAll("scenarios") Scenario s,
      @ForAll("millis") long first,
      @ForAll("millis") long second) {
    Instant a = s.start();
    Instant b = a.plusMillis(Math.abs(first));
    Instant c = b.plusMillis(Math.abs(second));
    BusinessCalendar cal = s.calendar();
    assertThat(BusinessTime.workingTime(cal, a, b).plus(BusinessTime.workingTime(cal, b, c)))
        .isEqualTo(BusinessTime.workingTime(cal, a, c));
  }

  @Property(tries = 300)
  void bothOperationsAreMonotonic(
      @ForAll("scenarios") Scenario s,
      @ForAll("millis") long first,
      @ForAll("millis") long second) {
    BusinessCalendar cal = s.calendar();
    Instant a = s.start();
    Instant b = a.plusMillis(Math.abs(first));
    Instant c = b.plusMillis(Math.abs(second));
    assertThat(BusinessTime.workingTime(cal, a, b))
        .isLessThanOrEqualTo(BusinessTime.workingTime(cal, a, c));
    assertThat(BusinessTime.workingTime(cal, b, c))
        .isLessThanOrEqualTo(BusinessTime.workingTime(cal, a, c));
    Duration small = Duration.ofMillis(Math.abs(first));
    Duration large = small.plusMillis(Math.abs(second));
    assertThat(BusinessTime.plus(cal, a, small))
        .isBeforeOrEqualTo(BusinessTime.plus(cal, a, large));
  }

  @Provide
  Arbitrary<Long> millis() {
    return Arbitraries.longs().between(-MAX_SPAN_MINUTES * 60_000, MAX_SPAN_MINUTES * 60_000);
  }

  @Provide
  Arbitrary<Duration> durations() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 5_000).map(Duration::ofMillis),
        Arbitraries.longs().between(0, 100L * 24 * 3_600_000).map(Duration::ofMillis));
  }
}
