package io.prazo.sla;

import io.prazo.events.PauseReason;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The calendars and policies Prazo ships and loads on first start, taken from the source documents
 * (spec: sla.md section 2, "Presets"). The business hours are a configuration choice, documented
 * here and in {@code docs/presets.md}:
 *
 * <table>
 *   <caption>Preset calendars</caption>
 *   <tr><th>id</th><th>zone</th><th>hours</th><th>day length</th><th>holidays</th></tr>
 *   <tr><td>{@code 24x7}</td><td>UTC</td><td>every day 00:00-24:00</td><td>PT24H</td>
 *       <td>none</td></tr>
 *   <tr><td>{@code br-8x5}</td><td>America/Sao_Paulo</td>
 *       <td>Monday to Friday 08:00-12:00 and 13:00-17:00</td><td>PT8H</td>
 *       <td>Brazilian national</td></tr>
 *   <tr><td>{@code br-weekdays}</td><td>America/Sao_Paulo</td>
 *       <td>Monday to Friday 00:00-24:00</td><td>PT24H</td><td>Brazilian national</td></tr>
 * </table>
 *
 * <p>The Brazilian national holidays are those of the current and the next year: Confraternização
 * Universal (1 January), Sexta-feira Santa (Good Friday, Easter Sunday minus two days), Tiradentes
 * (21 April), Dia do Trabalho (1 May), Independência do Brasil (7 September), Nossa Senhora
 * Aparecida (12 October), Finados (2 November), Proclamação da República (15 November), Dia
 * Nacional de Zumbi e da Consciência Negra (20 November, national from 2024 on) and Natal (25
 * December). Carnival and Corpus Christi are optional days, not national holidays, and are left
 * out; state and municipal holidays are for a new calendar version to add.
 *
 * <p>Policies, all version 1 with compliance goal 0.80, at risk at 0.75, auto-close after 4
 * business days and only {@code AWAITING_CUSTOMER} pausing the clocks:
 *
 * <ul>
 *   <li>{@code presence}: P0..P3, resolution 4 h, 12 h, 40 h, 56 h of {@code br-8x5} business
 *       hours, no first-response target; a severity/impact/urgency matrix (see {@code
 *       docs/presets.md});
 *   <li>{@code wati-business-plus}: P1..P4, first response 30 min, 1 h, 2 h, 4 h on {@code 24x7};
 *       resolution 4 h and 8 h on {@code 24x7}, then 1 and 2 business days on {@code br-weekdays};
 *   <li>{@code pronnus}: URGENT, HIGH, MEDIUM, LOW; first response 30 min and 1 h on {@code 24x7},
 *       2 h and 4 h on {@code br-8x5}; resolution 4 h and 8 h on {@code 24x7}, 24 h and 48 h on
 *       {@code br-8x5};
 *   <li>{@code standard}: P1..P4 without any target (no SLA).
 * </ul>
 *
 * <p>Implementation Requirements: this class is stateless and thread-safe; every list it returns is
 * new and unmodifiable, holding immutable objects.
 */
public final class Presets {

  /** The id of the always-working calendar. */
  public static final String CALENDAR_24X7 = BusinessCalendar.TWENTY_FOUR_SEVEN_ID;

  /** The id of the Brazilian business-hours calendar, Monday to Friday 08-12 and 13-17. */
  public static final String CALENDAR_BR_8X5 = "br-8x5";

  /** The id of the Brazilian business-days calendar, Monday to Friday all day. */
  public static final String CALENDAR_BR_WEEKDAYS = "br-weekdays";

  /** The id of the Presence policy. */
  public static final String POLICY_PRESENCE = "presence";

  /** The id of the Wati Business+ policy. */
  public static final String POLICY_WATI_BUSINESS_PLUS = "wati-business-plus";

  /** The id of the Pronnus policy. */
  public static final String POLICY_PRONNUS = "pronnus";

  /** The id of the policy without SLA. */
  public static final String POLICY_STANDARD = "standard";

  /** The zone of the Brazilian calendars. */
  public static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  /** The first year in which 20 November is a national holiday (Lei 14.759/2023). */
  private static final int CONSCIENCIA_NEGRA_SINCE = 2024;

  private static final Set<String> CALENDAR_IDS =
      Set.of(CALENDAR_24X7, CALENDAR_BR_8X5, CALENDAR_BR_WEEKDAYS);

  private Presets() {}

  /**
   * The preset calendars, each at version 1: {@code 24x7}, {@code br-8x5} and {@code br-weekdays},
   * the last two with the Brazilian national holidays of {@code currentYear} and the year after.
   *
   * @param currentYear the year the catalog is loaded in, from 1583 on, not null
   * @return an unmodifiable list of three calendars in that order, not null
   * @throws IllegalArgumentException if the year is before 1583
   */
  public static List<BusinessCalendar> calendars(Year currentYear) {
    List<Holiday> holidays = new ArrayList<>(brazilianNationalHolidays(currentYear));
    holidays.addAll(brazilianNationalHolidays(currentYear.plusYears(1)));
    LocalTimeInterval morning = LocalTimeInterval.parse("08:00", "12:00");
    LocalTimeInterval afternoon = LocalTimeInterval.parse("13:00", "17:00");
    return List.of(
        BusinessCalendar.twentyFourSeven(),
        BusinessCalendar.of(
            CALENDAR_BR_8X5,
            1,
            "Horário comercial (seg-sex 08-12, 13-17)",
            SAO_PAULO,
            Duration.ofHours(8),
            weekdays(List.of(morning, afternoon)),
            holidays),
        BusinessCalendar.of(
            CALENDAR_BR_WEEKDAYS,
            1,
            "Dias úteis (seg-sex, dia inteiro)",
            SAO_PAULO,
            Duration.ofHours(24),
            weekdays(List.of(LocalTimeInterval.ALL_DAY)),
            holidays));
  }

  private static Map<DayOfWeek, List<LocalTimeInterval>> weekdays(
      List<LocalTimeInterval> intervals) {
    Map<DayOfWeek, List<LocalTimeInterval>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
      week.put(day, weekend ? List.of() : intervals);
    }
    return week;
  }

  /**
   * The preset policies, each at version 1, valid against the ids of {@link #calendars(Year)}.
   *
   * @return an unmodifiable list: {@code presence}, {@code wati-business-plus}, {@code pronnus},
   *     {@code standard}; not null
   */
  public static List<SlaPolicy> policies() {
    return List.of(presence(), watiBusinessPlus(), pronnus(), standard());
  }

  private static SlaPolicy presence() {
    return base(POLICY_PRESENCE, "Presence")
        .businessDayCalendar(CALENDAR_BR_8X5)
        .priority(
            priority(
                "P0",
                "Prioridade Máxima",
                "Indisponibilidade total da solução, sem alternativa, com riscos financeiros"
                    + " (vendas, faturamento, obrigações fiscais).",
                null,
                target("PT4H", CALENDAR_BR_8X5)))
        .priority(
            priority(
                "P1",
                "Prioridade Alta",
                "Indisponibilidade parcial da solução; há alternativa para executar a rotina.",
                null,
                target("PT12H", CALENDAR_BR_8X5)))
        .priority(
            priority(
                "P2",
                "Prioridade Média",
                "Sem indisponibilidade, mas sem alternativa para executar a rotina; sem riscos"
                    + " financeiros.",
                null,
                target("PT40H", CALENDAR_BR_8X5)))
        .priority(
            priority(
                "P3",
                "Prioridade Baixa",
                "Sem indisponibilidade e com alternativa para executar a rotina; sem riscos"
                    + " financeiros.",
                null,
                target("PT56H", CALENDAR_BR_8X5)))
        .priorityMatrix(presenceMatrix())
        .build(CALENDAR_IDS::contains);
  }

  /**
   * Presence's matrix. Severity stands for how much of the solution is unavailable, impact for the
   * financial risk (sales, billing, fiscal obligations) and urgency for the lack of an alternative:
   * a partial outage with high impact is P0 like a total one; a problem without an outage is P2
   * when there is no alternative, and P1 when it also puts revenue at risk.
   */
  private static PriorityMatrix presenceMatrix() {
    return PriorityMatrix.of(
        List.of(
            new PriorityMatrix.Rule(Severity.CRITICAL, null, null, "P0"),
            new PriorityMatrix.Rule(Severity.HIGH, Impact.HIGH, null, "P0"),
            new PriorityMatrix.Rule(Severity.HIGH, null, null, "P1"),
            new PriorityMatrix.Rule(Severity.MEDIUM, Impact.HIGH, Urgency.HIGH, "P1"),
            new PriorityMatrix.Rule(Severity.MEDIUM, null, null, "P2"),
            new PriorityMatrix.Rule(Severity.LOW, null, Urgency.HIGH, "P2"),
            new PriorityMatrix.Rule(Severity.LOW, null, null, "P3")));
  }

  private static SlaPolicy watiBusinessPlus() {
    return base(POLICY_WATI_BUSINESS_PLUS, "Wati Business+")
        .businessDayCalendar(CALENDAR_BR_WEEKDAYS)
        .priority(
            priority(
                "P1",
                "Urgent",
                "Problema crítico que interrompe as operações comerciais; não existe solução"
                    + " alternativa.",
                target("PT30M", CALENDAR_24X7),
                target("PT4H", CALENDAR_24X7)))
        .priority(
            priority(
                "P2",
                "High",
                "Funcionalidade principal afetada ou desempenho severamente degradado; há solução"
                    + " alternativa temporária.",
                target("PT1H", CALENDAR_24X7),
                target("PT8H", CALENDAR_24X7)))
        .priority(
            priority(
                "P3",
                "Medium",
                "Perda parcial e não crítica do serviço, com impacto médio a baixo nos negócios.",
                target("PT2H", CALENDAR_24X7),
                target("1bd", CALENDAR_BR_WEEKDAYS)))
        .priority(
            priority(
                "P4",
                "Low",
                "Consultas gerais, problemas técnicos menores ou bugs em pequena escala; há"
                    + " solução alternativa aceitável.",
                target("PT4H", CALENDAR_24X7),
                target("2bd", CALENDAR_BR_WEEKDAYS)))
        .build(CALENDAR_IDS::contains);
  }

  private static SlaPolicy pronnus() {
    return base(POLICY_PRONNUS, "Pronnus")
        .businessDayCalendar(CALENDAR_BR_8X5)
        .priority(
            priority(
                "URGENT",
                "Urgente",
                "Indisponibilidade total ou parcial do sistema, ou mudança urgente.",
                target("PT30M", CALENDAR_24X7),
                target("PT4H", CALENDAR_24X7)))
        .priority(
            priority(
                "HIGH",
                "Alta",
                "Alertas de monitoramento, degradação de performance, conectividade, restart de"
                    + " serviços, restauração de backup.",
                target("PT1H", CALENDAR_24X7),
                target("PT8H", CALENDAR_24X7)))
        .priority(
            priority(
                "MEDIUM",
                "Média",
                "Mudanças não urgentes, manutenções programadas, demandas que não afetam"
                    + " diretamente os usuários.",
                target("PT2H", CALENDAR_BR_8X5),
                target("PT24H", CALENDAR_BR_8X5)))
        .priority(
            priority(
                "LOW",
                "Baixa",
                "Solicitações de serviço, relatórios, consultas técnicas, dúvidas em geral, trocas"
                    + " de senha, liberação de acesso.",
                target("PT4H", CALENDAR_BR_8X5),
                target("PT48H", CALENDAR_BR_8X5)))
        .build(CALENDAR_IDS::contains);
  }

  private static SlaPolicy standard() {
    return base(POLICY_STANDARD, "Standard (sem SLA)")
        .businessDayCalendar(CALENDAR_BR_8X5)
        .priority(priority("P1", "Urgente", null, null, null))
        .priority(priority("P2", "Alta", null, null, null))
        .priority(priority("P3", "Média", null, null, null))
        .priority(priority("P4", "Baixa", null, null, null))
        .build(CALENDAR_IDS::contains);
  }

  private static SlaPolicy.Builder base(String id, String name) {
    return SlaPolicy.builder(id, name)
        .version(1)
        .complianceGoal(0.80)
        .warnAt(0.75)
        .autoCloseAfterBusinessDays(4)
        .pauseReasons(PauseReason.AWAITING_CUSTOMER);
  }

  private static Priority priority(
      String id, String label, String description, SlaTarget firstResponse, SlaTarget resolution) {
    return Priority.of(id, label, description, firstResponse, resolution);
  }

  private static SlaTarget target(String amount, String calendarId) {
    return SlaTarget.parse(amount, calendarId);
  }

  /**
   * The Brazilian national holidays of a year, with Portuguese names, sorted by date. When Good
   * Friday falls on 21 April (as in 2079) the two are one holiday named {@code "Sexta-feira Santa /
   * Tiradentes"}. 20 November is included from 2024 on.
   *
   * @param year the year, from 1583 on, not null
   * @return an unmodifiable list of nine or ten holidays, not null
   * @throws IllegalArgumentException if the year is before 1583
   */
  public static List<Holiday> brazilianNationalHolidays(Year year) {
    int y = year.getValue();
    Map<LocalDate, List<String>> names = new TreeMap<>();
    add(names, LocalDate.of(y, Month.JANUARY, 1), "Confraternização Universal");
    add(names, easterSunday(year).minusDays(2), "Sexta-feira Santa");
    add(names, LocalDate.of(y, Month.APRIL, 21), "Tiradentes");
    add(names, LocalDate.of(y, Month.MAY, 1), "Dia do Trabalho");
    add(names, LocalDate.of(y, Month.SEPTEMBER, 7), "Independência do Brasil");
    add(names, LocalDate.of(y, Month.OCTOBER, 12), "Nossa Senhora Aparecida");
    add(names, LocalDate.of(y, Month.NOVEMBER, 2), "Finados");
    add(names, LocalDate.of(y, Month.NOVEMBER, 15), "Proclamação da República");
    if (y >= CONSCIENCIA_NEGRA_SINCE) {
      add(
          names,
          LocalDate.of(y, Month.NOVEMBER, 20),
          "Dia Nacional de Zumbi e da Consciência Negra");
    }
    add(names, LocalDate.of(y, Month.DECEMBER, 25), "Natal");
    return names.entrySet().stream()
        .map(e -> new Holiday(e.getKey(), String.join(" / ", e.getValue())))
        .collect(Collectors.toUnmodifiableList());
  }

  private static void add(Map<LocalDate, List<String>> names, LocalDate date, String name) {
    names.computeIfAbsent(date, d -> new ArrayList<>()).add(name);
  }

  /**
   * Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
   *
   * @param year the year, from 1583 (the first full Gregorian year) on, not null
   * @return the date of Easter Sunday, between 22 March and 25 April, not null
   * @throws IllegalArgumentException if the year is before 1583
   */
  public static LocalDate easterSunday(Year year) {
    int y = year.getValue();
    if (y < 1583) {
      throw new IllegalArgumentException("Easter is computed for Gregorian years from 1583: " + y);
    }
    int a = y % 19;
    int b = y / 100;
    int c = y % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(y, month, day);
  }
}
