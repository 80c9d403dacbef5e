package io.prazo.sla;

import static io.prazo.sla.SlaFixture.SAO_PAULO;
import static io.prazo.sla.SlaFixture.errorsOf;
import static io.prazo.sla.SlaFixture.fieldsOf;
import static io.prazo.sla.SlaFixture.interval;
import static io.prazo.sla.SlaFixture.weekdays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prazo.sla.InvalidDefinitionException.FieldError;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

  private static final Duration EIGHT_HOURS = Duration.ofHours(8);

  private static BusinessCalendar calendar(Map<DayOfWeek, List<LocalTimeInterval>> week) {
    return BusinessCalendar.of("cal", 1, "Cal", SAO_PAULO, EIGHT_HOURS, week, List.of());
  }

  private static Map<DayOfWeek, List<LocalTimeInterval>> monday(LocalTimeInterval... intervals) {
    Map<DayOfWeek, List<LocalTimeInterval>> week = new EnumMap<>(DayOfWeek.class);
    week.put(DayOfWeek.MONDAY, Arrays.asList(intervals));
    return week;
  }

  @Test
  void holdsEveryWeekdayWithSortedIntervals() {
    BusinessCalendar calendar =
        calendar(weekdays(interval("13:00", "17:00"), interval("08:00", "12:00")));

    assertThat(calendar.week()).containsOnlyKeys(DayOfWeek.values());
    assertThat(calendar.intervalsOn(DayOfWeek.MONDAY))
        .containsExactly(interval("08:00", "12:00"), interval("13:00", "17:00"));
    assertThat(calendar.intervalsOn(DayOfWeek.SUNDAY)).isEmpty();
    assertThat(calendar.nominalWorkingTimeOn(DayOfWeek.FRIDAY)).isEqualTo(EIGHT_HOURS);
    assertThat(calendar.nominalWorkingTimeOn(DayOfWeek.SATURDAY)).isZero();
  }

  @Test
  void treatsAMissingWeekdayAsNoWorkingTime() {
    BusinessCalendar calendar = calendar(monday(interval("08:00", "16:00")));

    assertThat(calendar.intervalsOn(DayOfWeek.TUESDAY)).isEmpty();
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 5, 5))).isTrue(); // a Monday
    assertThat(calendar.isWorkingDay(LocalDate.of(2025, 5, 6))).isFalse();
  }

  @Test
  void mergesIntervalsThatOnlyTouch() {
    BusinessCalendar calendar =
        calendar(
            monday(
                interval("12:00", "24:00"),
                interval("00:00", "08:00"),
                interval("08:00", "12:00")));

    assertThat(calendar.intervalsOn(DayOfWeek.MONDAY)).containsExactly(LocalTimeInterval.ALL_DAY);
  }

  @Test
  void refusesOverlappingIntervalsNamingBoth() {
    List<FieldError> errors =
        errorsOf(
            () ->
                calendar(
                    monday(
                        interval("13:00", "17:00"),
                        interval("08:00", "12:00"),
                        interval("11:00", "14:00"))));

    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactly("week.MONDAY[2]", "week.MONDAY[0]");
    assertThat(errors.get(0).message()).contains("overlaps week.MONDAY[1]");
    assertThat(errors.get(1).message()).contains("overlaps week.MONDAY[2]");
  }

  @Test
  void refusesACalendarWithNoWorkingTime() {
    Map<DayOfWeek, List<LocalTimeInterval>> empty = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      empty.put(day, List.of());
    }

    assertThat(errorsOf(() -> calendar(empty)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("week");
              assertThat(e.message()).contains("no working time");
            });
    assertThat(fieldsOf(() -> calendar(Map.of()))).containsExactly("week");
  }

  @Test
  void refusesNullIntervalsAndANullWeek() {
    assertThat(fieldsOf(() -> calendar(monday(interval("08:00", "12:00"), null))))
        .containsExactly("week.MONDAY[1]");
    assertThat(fieldsOf(() -> calendar(null))).containsExactly("week");
  }

  @Test
  void reportsEveryProblemOfADefinitionAtOnce() {
    List<Holiday> holidays =
        List.of(
            new Holiday(LocalDate.of(2025, 12, 25), "Natal"),
            new Holiday(LocalDate.of(2025, 12, 25), "Christmas"));

    List<String> fields =
        fieldsOf(
            () -> BusinessCalendar.of("bad id!", 0, " ", null, Duration.ZERO, Map.of(), holidays));

    assertThat(fields)
        .containsExactly("id", "version", "name", "zone", "dayLength", "week", "holidays[1].date");
  }

  @Test
  void refusesADayLengthAboveTwentyFourHours() {
    assertThat(
            fieldsOf(
                () ->
                    BusinessCalendar.of(
                        "c",
                        1,
                        "C",
                        SAO_PAULO,
                        Duration.ofHours(25),
                        weekdays(LocalTimeInterval.ALL_DAY),
                        null)))
        .containsExactly("dayLength");
    assertThat(
            BusinessCalendar.of(
                    "c",
                    1,
                    "C",
                    SAO_PAULO,
                    Duration.ofHours(24),
                    weekdays(LocalTimeInterval.ALL_DAY),
                    null)
                .dayLength())
        .isEqualTo(Duration.ofHours(24));
  }

  @Test
  void refusesAFixedOffsetZone() {
    List<FieldError> errors =
        errorsOf(
            () ->
                BusinessCalendar.of(
                    "c",
                    1,
                    "C",
                    ZoneOffset.ofHours(-3),
                    EIGHT_HOURS,
                    weekdays(interval("08:00", "16:00")),
                    null));

    assertThat(errors).extracting(FieldError::field).containsExactly("zone");
  }

  @Test
  void looksUpHolidaysByDate() {
    LocalDate christmas = LocalDate.of(2025, 12, 25);
    LocalDate newYear = LocalDate.of(2026, 1, 1);
    BusinessCalendar calendar =
        BusinessCalendar.of(
            "c",
            1,
            "C",
            SAO_PAULO,
            EIGHT_HOURS,
            weekdays(interval("08:00", "16:00")),
            List.of(new Holiday(newYear, "Ano Novo"), Holiday.of(christmas)));

    assertThat(calendar.isHoliday(christmas)).isTrue();
    assertThat(calendar.isHoliday(christmas.plusDays(1))).isFalse();
    assertThat(calendar.isWorkingDay(christmas)).isFalse(); // a Thursday, but a holiday
    assertThat(calendar.holiday(newYear)).map(Holiday::name).contains("Ano Novo");
    assertThat(calendar.holiday(christmas)).map(Holiday::name).isEmpty();
    assertThat(calendar.holidays()).extracting(Holiday::date).containsExactly(christmas, newYear);
    assertThat(calendar.holidayDates().subSet(christmas, false, newYear, true))
        .containsExactly(newYear);
  }

  @Test
  void exposesOnlyUnmodifiableCollections() {
    List<LocalTimeInterval> intervals = new ArrayList<>(List.of(interval("08:00", "16:00")));
    Map<DayOfWeek, List<LocalTimeInterval>> week = new EnumMap<>(DayOfWeek.class);
    week.put(DayOfWeek.MONDAY, intervals);
    BusinessCalendar calendar = calendar(week);
    intervals.add(interval("17:00", "18:00"));
    week.put(DayOfWeek.TUESDAY, intervals);

    assertThat(calendar.intervalsOn(DayOfWeek.MONDAY)).hasSize(1);
    assertThat(calendar.intervalsOn(DayOfWeek.TUESDAY)).isEmpty();
    assertThatThrownBy(() -> calendar.week().put(DayOfWeek.SUNDAY, List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> calendar.intervalsOn(DayOfWeek.MONDAY).clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> calendar.holidays().add(Holiday.of(LocalDate.EPOCH)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> calendar.holidayDates().add(LocalDate.EPOCH))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theBuiltInCalendarWorksEveryInstant() {
    BusinessCalendar calendar = BusinessCalendar.twentyFourSeven();

    assertThat(calendar.id()).isEqualTo("24x7");
    assertThat(calendar.version()).isEqualTo(1);
    assertThat(calendar.zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(calendar.dayLength()).isEqualTo(Duration.ofHours(24));
    assertThat(calendar.holidays()).isEmpty();
    for (DayOfWeek day : DayOfWeek.values()) {
      assertThat(calendar.intervalsOn(day)).containsExactly(LocalTimeInterval.ALL_DAY);
    }
    assertThat(calendar.isAlwaysWorking()).isTrue();
    assertThat(SlaFixture.businessHours().isAlwaysWorking()).isFalse();
  }

  @Test
  void aNewVersionChangesOnlyTheVersion() {
    BusinessCalendar v1 = SlaFixture.businessHours();
    BusinessCalendar v2 = v1.withVersion(2);

    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2).isNotEqualTo(v1);
    assertThat(v2.withVersion(1)).isEqualTo(v1).hasSameHashCodeAs(v1);
    assertThat(v1.withVersion(1)).isSameAs(v1);
    assertThat(fieldsOf(() -> v1.withVersion(0))).containsExactly("version");
  }

  @Test
  void isEqualByValue() {
    assertThat(SlaFixture.businessHours())
        .isEqualTo(SlaFixture.businessHours())
        .hasSameHashCodeAs(SlaFixture.businessHours())
        .isNotEqualTo(BusinessCalendar.twentyFourSeven());
    assertThat(SlaFixture.businessHours().toString())
        .contains("br-8x5", "v1", "America/Sao_Paulo", "PT8H", "MONDAY=[08:00-12:00, 13:00-17:00]");
  }
}
