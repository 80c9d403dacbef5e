package io.prazo.sla;

import static io.prazo.sla.SlaFixture.interval;
import static io.prazo.sla.SlaFixture.weekdays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-checked cases for {@link BusinessTime}: each row worked out on paper from sla.md section 1.
 */
class BusinessTimeTest {

  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
  private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
  private static final ZoneId UTC = ZoneId.of("UTC");

  private static final BusinessCalendar EIGHT_TO_SIX =
      BusinessCalendar.of(
          "eight-to-six",
          1,
          "Mon-Fri 08-18",
          SAO_PAULO,
          Duration.ofHours(10),
          weekdays(interval("08:00", "18:00")),
          List.of());
  private static final BusinessCalendar BUSINESS_HOURS = SlaFixture.businessHours();
  private static final BusinessCalendar BR_8X5 = Presets.calendars(Year.of(2026)).get(1);
  private static final BusinessCalendar SAO_PAULO_SUNDAYS =
      oneDay("sp-sundays", SAO_PAULO, DayOfWeek.SUNDAY, LocalTimeInterval.ALL_DAY);
  private static final BusinessCalendar SAO_PAULO_SATURDAYS =
      oneDay("sp-saturdays", SAO_PAULO, DayOfWeek.SATURDAY, LocalTimeInterval.ALL_DAY);
  private static final BusinessCalendar SAO_PAULO_ALL_DAYS_BUT_A_HOLIDAY =
      BusinessCalendar.of(
          "sp-all-days",
          1,
          "Every day, one holiday",
          SAO_PAULO,
          Duration.ofHours(24),
          everyDay(LocalTimeInterval.ALL_DAY),
          List.of(Holiday.of(LocalDate.of(2000, 1, 1))));
  private static final BusinessCalendar LISBON_SUNDAYS =
      oneDay("lisbon-sundays", LISBON, DayOfWeek.SUNDAY, LocalTimeInterval.ALL_DAY);
  private static final BusinessCalendar LISBON_SUNDAY_NIGHTS =
      oneDay("lisbon-sunday-nights", LISBON, DayOfWeek.SUNDAY, interval("00:30", "02:30"));
  private static final BusinessCalendar UTC_NINE_TO_FIVE =
      BusinessCalendar.of(
          "utc-9-17",
          1,
          "Mon-Fri 09-17 UTC",
          UTC,
          Duration.ofHours(8),
          weekdays(interval("09:00", "17:00")),
          List.of());

  static Stream<Arguments> workingTimes() {
    return Stream.of(
        row(EIGHT_TO_SIX, sp("2026-03-02T08:00"), sp("2026-03-02T18:00"), "PT10H"),
        row(BUSINESS_HOURS, sp("2026-03-06T19:00"), sp("2026-03-09T09:00"), "PT1H"),
        // Good Friday 2026-04-03 and the weekend are not worked: Thursday + Monday
        row(BR_8X5, sp("2026-04-02T08:00"), sp("2026-04-06T17:00"), "PT16H"),
        // Tiradentes, Tuesday 2026-04-21: Monday + Wednesday morning
        row(BR_8X5, sp("2026-04-20T08:00"), sp("2026-04-22T12:00"), "PT12H"),
        // a year end: Thursday 2026-12-31, New Year's Day holiday, weekend, Monday 2027-01-04
        row(BR_8X5, sp("2026-12-31T08:00"), sp("2027-01-05T08:00"), "PT16H"),
        // DST began in Sao Paulo on Sunday 2018-11-04 at 00:00 -> 01:00: that day lasts 23 h
        row(SAO_PAULO_SUNDAYS, sp("2018-11-01T00:00"), sp("2018-11-08T00:00"), "PT23H"),
        row(SAO_PAULO_SUNDAYS, sp("2018-10-25T00:00"), sp("2018-11-01T00:00"), "PT24H"),
        // DST ended on 2019-02-17 at 00:00 -> 2019-02-16 23:00: Saturday 2019-02-16 lasts 25 h
        row(SAO_PAULO_SATURDAYS, sp("2019-02-14T00:00"), sp("2019-02-21T00:00"), "PT25H"),
        row(
            SAO_PAULO_ALL_DAYS_BUT_A_HOLIDAY,
            startOfDay("2018-11-04", SAO_PAULO),
            startOfDay("2018-11-05", SAO_PAULO),
            "PT23H"),
        row(
            SAO_PAULO_ALL_DAYS_BUT_A_HOLIDAY,
            startOfDay("2019-02-16", SAO_PAULO),
            startOfDay("2019-02-17", SAO_PAULO),
            "PT25H"),
        // Lisbon 2026-03-29 01:00 -> 02:00 and 2026-10-25 02:00 -> 01:00
        row(LISBON_SUNDAYS, lisbon("2026-03-26T00:00"), lisbon("2026-04-02T00:00"), "PT23H"),
        row(LISBON_SUNDAYS, lisbon("2026-10-22T00:00"), lisbon("2026-10-29T00:00"), "PT25H"),
        row(LISBON_SUNDAY_NIGHTS, lisbon("2026-03-26T00:00"), lisbon("2026-04-02T00:00"), "PT1H"),
        row(LISBON_SUNDAY_NIGHTS, lisbon("2026-10-22T00:00"), lisbon("2026-10-29T00:00"), "PT3H"),
        row(LISBON_SUNDAY_NIGHTS, lisbon("2026-05-01T00:00"), lisbon("2026-05-08T00:00"), "PT2H"),
        // exact to the millisecond
        row(
            BUSINESS_HOURS,
            Instant.parse("2026-03-02T14:59:59.999Z"),
            Instant.parse("2026-03-02T16:00:00.001Z"),
            "PT0.002S"),
        // ten years of whole weeks: 520 x 40 h
        row(
            UTC_NINE_TO_FIVE,
            Instant.parse("2020-01-06T00:00:00Z"),
            Instant.parse("2020-01-06T00:00:00Z").plus(Duration.ofDays(7 * 520)),
            "PT20800H"),
        row(
            BusinessCalendar.twentyFourSeven(),
            Instant.parse("2020-01-01T00:00:00Z"),
            Instant.parse("2030-01-01T00:00:00Z"),
            "PT87672H"));
  }

  @ParameterizedTest(name = "{0}: [{1}, {2}) -> {3}")
  @MethodSource("workingTimes")
  void measuresWorkingTime(String calendar, Instant a, Instant b, String expected) {
    assertThat(BusinessTime.workingTime(calendar(calendar), a, b))
        .isEqualTo(Duration.parse(expected));
  }

  static Stream<Arguments> dueTimes() {
    return Stream.of(
        // due at the exact end of an interval, not at the next opening
        row(EIGHT_TO_SIX, sp("2026-03-02T08:00"), "PT10H", sp("2026-03-02T18:00")),
        row(EIGHT_TO_SIX, sp("2026-03-02T08:00"), "PT10H1S", sp("2026-03-03T08:00:01")),
        // opened outside business hours: counts from Monday's opening
        row(BUSINESS_HOURS, sp("2026-03-06T19:00"), "PT1H", sp("2026-03-09T09:00")),
        row(BUSINESS_HOURS, sp("2026-03-02T11:30"), "PT1H", sp("2026-03-02T13:30")),
        row(BUSINESS_HOURS, sp("2026-03-06T19:00"), "PT0S", sp("2026-03-06T19:00")),
        // Good Friday and the weekend are skipped
        row(BR_8X5, sp("2026-04-02T16:00"), "PT2H", sp("2026-04-06T09:00")),
        // Tiradentes is skipped
        row(BR_8X5, sp("2026-04-20T17:00"), "PT8H", sp("2026-04-22T17:00")),
        // year end
        row(BR_8X5, sp("2026-12-31T16:00"), "PT2H", sp("2027-01-04T09:00")),
        // DST days in Sao Paulo: the Sunday lasts 23 h, the Saturday 25 h
        row(
            SAO_PAULO_SUNDAYS,
            startOfDay("2018-11-04", SAO_PAULO),
            "PT23H",
            sp("2018-11-05T00:00")),
        row(
            SAO_PAULO_SATURDAYS,
            startOfDay("2019-02-16", SAO_PAULO),
            "PT25H",
            sp("2019-02-17T00:00")),
        row(
            SAO_PAULO_SATURDAYS,
            sp("2019-02-16T00:00"),
            "PT24H",
            Instant.parse("2019-02-17T02:00:00Z")),
        // Lisbon: 00:30-02:30 lasts 1 h in March and 3 h in October
        row(
            LISBON_SUNDAY_NIGHTS,
            lisbon("2026-03-29T00:30"),
            "PT1H",
            Instant.parse("2026-03-29T01:30:00Z")),
        row(
            LISBON_SUNDAY_NIGHTS,
            Instant.parse("2026-10-24T23:30:00Z"),
            "PT2H",
            Instant.parse("2026-10-25T01:30:00Z")),
        row(
            LISBON_SUNDAY_NIGHTS,
            Instant.parse("2026-10-24T23:30:00Z"),
            "PT3H",
            Instant.parse("2026-10-25T02:30:00Z")),
        // exact to the millisecond: over the lunch break
        row(
            BUSINESS_HOURS,
            Instant.parse("2026-03-02T14:59:59.999Z"),
            "PT0.002S",
            Instant.parse("2026-03-02T16:00:00.001Z")),
        // ten years of whole weeks ends on the last Friday at 17:00
        row(
            UTC_NINE_TO_FIVE,
            Instant.parse("2020-01-06T00:00:00Z"),
            "PT20800H",
            Instant.parse("2020-01-06T17:00:00Z").plus(Duration.ofDays(7 * 519 + 4))),
        row(
            BusinessCalendar.twentyFourSeven(),
            Instant.parse("2020-01-01T00:00:00Z"),
            "PT87672H",
            Instant.parse("2030-01-01T00:00:00Z")));
  }

  @ParameterizedTest(name = "{0}: {1} + {2} -> {3}")
  @MethodSource("dueTimes")
  void addsWorkingTime(String calendar, Instant t, String d, Instant expected) {
    assertThat(BusinessTime.plus(calendar(calendar), t, Duration.parse(d))).isEqualTo(expected);
  }

  @Test
  void measuresEveryDayOfAYearLikeTheReference() {
    for (LocalDate day = LocalDate.of(2018, 1, 1); day.getYear() == 2018; day = day.plusDays(1)) {
      Instant a = startOfDay(day.toString(), SAO_PAULO);
      Instant b = startOfDay(day.plusDays(1).toString(), SAO_PAULO);
      assertThat(BusinessTime.workingTime(BR_8X5, a, b))
          .as("%s", day)
          .isEqualTo(ReferenceBusinessTime.workingTime(BR_8X5, a, b));
    }
  }

  @Test
  void rejectsAnEndBeforeTheStart() {
    Instant a = Instant.parse("2026-03-02T12:00:00Z");
    assertThatThrownBy(() -> BusinessTime.workingTime(BR_8X5, a, a.minusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsANegativeDuration() {
    Instant t = Instant.parse("2026-03-02T12:00:00Z");
    assertThatThrownBy(() -> BusinessTime.plus(BR_8X5, t, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNulls() {
    Instant t = Instant.parse("2026-03-02T12:00:00Z");
    assertThatNullPointerException().isThrownBy(() -> BusinessTime.workingTime(null, t, t));
    assertThatNullPointerException().isThrownBy(() -> BusinessTime.workingTime(BR_8X5, null, t));
    assertThatNullPointerException().isThrownBy(() -> BusinessTime.workingTime(BR_8X5, t, null));
    assertThatNullPointerException().isThrownBy(() -> BusinessTime.plus(null, t, Duration.ZERO));
    assertThatNullPointerException()
        .isThrownBy(() -> BusinessTime.plus(BR_8X5, null, Duration.ZERO));
    assertThatNullPointerException().isThrownBy(() -> BusinessTime.plus(BR_8X5, t, null));
  }

  private static final Map<String, BusinessCalendar> BY_NAME =
      Stream.of(
              EIGHT_TO_SIX,
              BUSINESS_HOURS,
              BR_8X5,
              SAO_PAULO_SUNDAYS,
              SAO_PAULO_SATURDAYS,
              SAO_PAULO_ALL_DAYS_BUT_A_HOLIDAY,
              LISBON_SUNDAYS,
              LISBON_SUNDAY_NIGHTS,
              UTC_NINE_TO_FIVE,
              BusinessCalendar.twentyFourSeven())
          .collect(java.util.stream.Collectors.toMap(c -> c.id() + "/" + c.name(), c -> c));

  private static Arguments row(BusinessCalendar cal, Object first, Object second, Object third) {
    return Arguments.of(cal.id() + "/" + cal.name(), first, second, third);
  }

  private static BusinessCalendar calendar(String name) {
    return BY_NAME.get(name);
  }

  private static Instant sp(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SAO_PAULO).toInstant();
  }

  private static Instant lisbon(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(LISBON).toInstant();
  }

  private static Instant startOfDay(String date, ZoneId zone) {
    return LocalDate.parse(date).atStartOfDay(zone).toInstant();
  }

  private static BusinessCalendar oneDay(
      String id, ZoneId zone, DayOfWeek day, LocalTimeInterval interval) {
    Map<DayOfWeek, List<LocalTimeInterval>> week = new EnumMap<>(DayOfWeek.class);
    week.put(day, List.of(interval));
    return BusinessCalendar.of(id, 1, id, zone, Duration.ofHours(1), week, List.of());
  }

  private static Map<DayOfWeek, List<LocalTimeInterval>> everyDay(LocalTimeInterval interval) {
    Map<DayOfWeek, List<LocalTimeInterval>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      week.put(day, List.of(interval));
    }
    return week;
  }
}
