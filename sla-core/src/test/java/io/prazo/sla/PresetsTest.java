package io.prazo.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prazo.events.PauseReason;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PresetsTest {

  private static final Map<String, BusinessCalendar> CALENDARS =
      Presets.calendars(Year.of(2026)).stream()
          .collect(Collectors.toMap(BusinessCalendar::id, Function.identity()));
  private static final Map<String, SlaPolicy> POLICIES =
      Presets.policies().stream().collect(Collectors.toMap(SlaPolicy::id, Function.identity()));

  @ParameterizedTest(name = "Easter {0} is {1}")
  @CsvSource({
    "1818, 1818-03-22",
    "1943, 1943-04-25",
    "2000, 2000-04-23",
    "2008, 2008-03-23",
    "2011, 2011-04-24",
    "2019, 2019-04-21",
    "2024, 2024-03-31",
    "2025, 2025-04-20",
    "2026, 2026-04-05",
    "2027, 2027-03-28",
    "2038, 2038-04-25",
    "2285, 2285-03-22"
  })
  void computesEasterSunday(int year, LocalDate easter) {
    assertThat(Presets.easterSunday(Year.of(year))).isEqualTo(easter);
  }

  @ParameterizedTest(name = "Good Friday {0}")
  @CsvSource({"2019-04-19", "2024-03-29", "2025-04-18", "2026-04-03", "2027-03-26"})
  void makesGoodFridayAHoliday(LocalDate goodFriday) {
    assertThat(Presets.brazilianNationalHolidays(Year.of(goodFriday.getYear())))
        .contains(new Holiday(goodFriday, "Sexta-feira Santa"));
  }

  @Test
  void computesEasterOnlyForGregorianYears() {
    assertThatThrownBy(() -> Presets.easterSunday(Year.of(1582)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listsEveryBrazilianNationalHolidayOf2026() {
    assertThat(Presets.brazilianNationalHolidays(Year.of(2026)))
        .containsExactly(
            new Holiday(LocalDate.of(2026, 1, 1), "Confraternização Universal"),
            new Holiday(LocalDate.of(2026, 4, 3), "Sexta-feira Santa"),
            new Holiday(LocalDate.of(2026, 4, 21), "Tiradentes"),
            new Holiday(LocalDate.of(2026, 5, 1), "Dia do Trabalho"),
            new Holiday(LocalDate.of(2026, 9, 7), "Independência do Brasil"),
            new Holiday(LocalDate.of(2026, 10, 12), "Nossa Senhora Aparecida"),
            new Holiday(LocalDate.of(2026, 11, 2), "Finados"),
            new Holiday(LocalDate.of(2026, 11, 15), "Proclamação da República"),
            new Holiday(LocalDate.of(2026, 11, 20), "Dia Nacional de Zumbi e da Consciência Negra"),
            new Holiday(LocalDate.of(2026, 12, 25), "Natal"));
  }

  @Test
  void makesTwentiethOfNovemberAHolidayFrom2024On() {
    assertThat(Presets.brazilianNationalHolidays(Year.of(2023)))
        .hasSize(9)
        .extracting(Holiday::date)
        .doesNotContain(LocalDate.of(2023, 11, 20));
    assertThat(Presets.brazilianNationalHolidays(Year.of(2024)))
        .hasSize(10)
        .extracting(Holiday::date)
        .contains(LocalDate.of(2024, 11, 20));
  }

  @Test
  void joinsGoodFridayAndTiradentesWhenTheyFallTogether() {
    List<Holiday> holidays = Presets.brazilianNationalHolidays(Year.of(2079));

    assertThat(holidays).hasSize(9);
    assertThat(holidays)
        .contains(new Holiday(LocalDate.of(2079, 4, 21), "Sexta-feira Santa / Tiradentes"));
  }

  @Test
  void shipsThreeCalendarsWithTheHolidaysOfThisYearAndTheNext() {
    assertThat(Presets.calendars(Year.of(2026)))
        .extracting(BusinessCalendar::id)
        .containsExactly("24x7", "br-8x5", "br-weekdays");
    assertThat(CALENDARS.get("24x7")).isEqualTo(BusinessCalendar.twentyFourSeven());

    BusinessCalendar businessHours = CALENDARS.get("br-8x5");
    assertThat(businessHours.zone()).isEqualTo(ZoneId.of("America/Sao_Paulo"));
    assertThat(businessHours.dayLength()).isEqualTo(Duration.ofHours(8));
    assertThat(businessHours.intervalsOn(DayOfWeek.MONDAY))
        .containsExactly(
            LocalTimeInterval.parse("08:00", "12:00"), LocalTimeInterval.parse("13:00", "17:00"));
    assertThat(businessHours.intervalsOn(DayOfWeek.SATURDAY)).isEmpty();
    assertThat(businessHours.holidays()).hasSize(20);
    assertThat(businessHours.isHoliday(LocalDate.of(2027, 3, 26))).isTrue();
    assertThat(businessHours.isHoliday(LocalDate.of(2028, 1, 1))).isFalse();

    BusinessCalendar weekdays = CALENDARS.get("br-weekdays");
    assertThat(weekdays.dayLength()).isEqualTo(Duration.ofHours(24));
    assertThat(weekdays.intervalsOn(DayOfWeek.FRIDAY)).containsExactly(LocalTimeInterval.ALL_DAY);
    assertThat(weekdays.intervalsOn(DayOfWeek.SUNDAY)).isEmpty();
    assertThat(weekdays.holidays()).isEqualTo(businessHours.holidays());
  }

  @Test
  void shipsFourPoliciesWithTheCommonRules() {
    assertThat(Presets.policies())
        .extracting(SlaPolicy::id)
        .containsExactly("presence", "wati-business-plus", "pronnus", "standard");
    for (SlaPolicy policy : Presets.policies()) {
      assertThat(policy.version()).isEqualTo(1);
      assertThat(policy.complianceGoal()).isEqualTo(0.80);
      assertThat(policy.warnAt()).isEqualTo(0.75);
      assertThat(policy.autoCloseAfterBusinessDays()).isEqualTo(4);
      assertThat(policy.pauseReasons()).containsExactly(PauseReason.AWAITING_CUSTOMER);
      assertThat(CALENDARS.keySet()).containsAll(policy.calendarIds());
    }
  }

  @ParameterizedTest(name = "{0} {1}: first response {2}, resolution {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        "presence, P0, -, PT4H@br-8x5",
        "presence, P1, -, PT12H@br-8x5",
        "presence, P2, -, PT40H@br-8x5",
        "presence, P3, -, PT56H@br-8x5",
        "wati-business-plus, P1, PT30M@24x7, PT4H@24x7",
        "wati-business-plus, P2, PT1H@24x7, PT8H@24x7",
        "wati-business-plus, P3, PT2H@24x7, 1bd@br-weekdays",
        "wati-business-plus, P4, PT4H@24x7, 2bd@br-weekdays",
        "pronnus, URGENT, PT30M@24x7, PT4H@24x7",
        "pronnus, HIGH, PT1H@24x7, PT8H@24x7",
        "pronnus, MEDIUM, PT2H@br-8x5, PT24H@br-8x5",
        "pronnus, LOW, PT4H@br-8x5, PT48H@br-8x5",
        "standard, P1, -, -",
        "standard, P4, -, -"
      })
  void shipsTheTargetsOfTheSourceDocuments(
      String policyId, String priorityId, String firstResponse, String resolution) {
    Priority priority = POLICIES.get(policyId).priority(priorityId).orElseThrow();

    assertThat(priority.firstResponse().map(SlaTarget::toString)).isEqualTo(opt(firstResponse));
    assertThat(priority.resolution().map(SlaTarget::toString)).isEqualTo(opt(resolution));
  }

  private static java.util.Optional<String> opt(String value) {
    return java.util.Optional.ofNullable(value);
  }

  @Test
  void measuresBusinessDayTargetsInFullDaysOfWorkingTime() {
    SlaTarget twoDays =
        POLICIES
            .get("wati-business-plus")
            .priority("P4")
            .flatMap(Priority::resolution)
            .orElseThrow();

    assertThat(twoDays.toDuration(CALENDARS.get("br-weekdays"))).isEqualTo(Duration.ofHours(48));
  }

  @Test
  void labelsTheScalesAsTheSourcesDo() {
    assertThat(POLICIES.get("presence").priorities())
        .extracting(Priority::label)
        .containsExactly(
            "Prioridade Máxima", "Prioridade Alta", "Prioridade Média", "Prioridade Baixa");
    assertThat(POLICIES.get("presence").priorities())
        .allSatisfy(p -> assertThat(p.description()).isNotBlank());
    assertThat(POLICIES.get("wati-business-plus").priorities())
        .extracting(Priority::label)
        .containsExactly("Urgent", "High", "Medium", "Low");
    assertThat(POLICIES.get("pronnus").priorities())
        .extracting(Priority::label)
        .containsExactly("Urgente", "Alta", "Média", "Baixa");
    assertThat(POLICIES.get("standard").priorities())
        .extracting(Priority::label)
        .containsExactly("Urgente", "Alta", "Média", "Baixa");
  }

  @Test
  void onlyTheStandardPlanHasNoSla() {
    assertThat(POLICIES.values())
        .filteredOn(p -> !p.hasSla())
        .extracting(SlaPolicy::id)
        .containsExactly("standard");
  }

  @Test
  void onlyPresenceDerivesPrioritiesFromAMatrix() {
    assertThat(POLICIES.get("presence").derivePriority(Severity.CRITICAL, Impact.LOW, Urgency.LOW))
        .contains("P0");
    assertThat(POLICIES.values())
        .filteredOn(p -> p.priorityMatrix().isPresent())
        .extracting(SlaPolicy::id)
        .containsExactly("presence");
  }

  @Test
  void everyPresetCalendarSurvivesAJsonRoundTrip() {
    for (BusinessCalendar calendar : Presets.calendars(Year.of(2026))) {
      assertThat(CatalogJson.readCalendar(CatalogJson.write(calendar))).isEqualTo(calendar);
      assertThat(CatalogJson.readCalendar(CatalogJson.write(calendar), calendar.id(), 1))
          .isEqualTo(calendar);
    }
  }

  @Test
  void everyPresetPolicySurvivesAJsonRoundTrip() {
    Set<String> calendarIds = CALENDARS.keySet();
    for (SlaPolicy policy : Presets.policies()) {
      assertThat(CatalogJson.readPolicy(CatalogJson.write(policy), calendarIds::contains))
          .isEqualTo(policy);
      assertThat(
              CatalogJson.readPolicy(
                  CatalogJson.write(policy), policy.id(), 1, calendarIds::contains))
          .isEqualTo(policy);
    }
  }
}
