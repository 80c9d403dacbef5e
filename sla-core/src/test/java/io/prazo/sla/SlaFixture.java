package io.prazo.sla;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prazo.sla.InvalidDefinitionException.FieldError;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test data for sla-core: calendars, policies, JSON documents, and error extraction. */
final class SlaFixture {

  static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
  static final Predicate<String> KNOWN_CALENDARS =
      Set.of("24x7", "br-8x5", "br-weekdays")::contains;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SlaFixture() {}

  /** Monday to Friday with the given intervals, weekend empty. */
  static Map<DayOfWeek, List<LocalTimeInterval>> weekdays(LocalTimeInterval... intervals) {
    Map<DayOfWeek, List<LocalTimeInterval>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      week.put(
          day,
          day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? List.of() : List.of(intervals));
    }
    return week;
  }

  static LocalTimeInterval interval(String start, String end) {
    return LocalTimeInterval.parse(start, end);
  }

  /** br-8x5 as in the presets, without holidays. */
  static BusinessCalendar businessHours() {
    return BusinessCalendar.of(
        "br-8x5",
        1,
        "Business hours",
        SAO_PAULO,
        Duration.ofHours(8),
        weekdays(interval("08:00", "12:00"), interval("13:00", "17:00")),
        List.of());
  }

  static Priority priority(String id, String firstResponse, String resolution) {
    return Priority.of(
        id,
        "Label " + id,
        null,
        firstResponse == null ? null : SlaTarget.parse(firstResponse, "24x7"),
        resolution == null ? null : SlaTarget.parse(resolution, "br-8x5"));
  }

  static SlaPolicy.Builder policy() {
    return SlaPolicy.builder("pronnus", "Pronnus")
        .businessDayCalendar("br-8x5")
        .priority(priority("URGENT", "PT30M", "PT4H"))
        .priority(priority("LOW", "PT4H", "PT48H"));
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The calendar document of api.md. */
  static ObjectNode calendarDocument() {
    return (ObjectNode)
        json(
            """
            {'id': 'br-8x5', 'name': 'Business hours', 'zone': 'America/Sao_Paulo',
             'dayLength': 'PT10H',
             'week': {'MONDAY': [['08:00', '18:00']], 'TUESDAY': [['08:00', '18:00']],
                      'WEDNESDAY': [['08:00', '18:00']], 'THURSDAY': [['08:00', '18:00']],
                      'FRIDAY': [['08:00', '18:00']], 'SATURDAY': [], 'SUNDAY': []},
             'holidays': [{'date': '2025-04-18', 'name': 'Sexta-feira Santa'}]}
            """);
  }

  /** The policy document of api.md. */
  static ObjectNode policyDocument() {
    return (ObjectNode)
        json(
            """
            {'id': 'pronnus', 'name': 'Pronnus', 'businessDayCalendar': 'br-8x5',
             'complianceGoal': 0.8, 'warnAt': 0.75, 'autoCloseAfterBusinessDays': 4,
             'pauseReasons': ['AWAITING_CUSTOMER'],
             'priorities': [
               {'id': 'URGENT', 'label': 'Urgente',
                'firstResponse': {'amount': 'PT30M', 'calendar': '24x7'},
                'resolution': {'amount': 'PT4H', 'calendar': '24x7'}},
               {'id': 'LOW', 'label': 'Baixa',
                'firstResponse': {'amount': 'PT4H', 'calendar': 'br-8x5'},
                'resolution': {'amount': 'PT48H', 'calendar': 'br-8x5'}}]}
            """);
  }

  /** A calendar source answering exactly the given calendars, by id and version. */
  static CalendarSource calendarSource(Collection<BusinessCalendar> calendars) {
    Map<String, BusinessCalendar> byKey = new HashMap<>();
    for (BusinessCalendar cal : calendars) {
      byKey.put(cal.id() + "@" + cal.version(), cal);
    }
    return (id, version) -> {
      BusinessCalendar cal = byKey.get(id + "@" + version);
      if (cal == null) {
        throw new IllegalArgumentException("unknown calendar " + id + " v" + version);
      }
      return cal;
    };
  }

  /** The field errors the call throws, failing unless it throws InvalidDefinitionException. */
  static List<FieldError> errorsOf(ThrowingCallable call) {
    InvalidDefinitionException[] caught = new InvalidDefinitionException[1];
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> caught[0] = e);
    return caught[0].errors();
  }

  /** The field paths of the errors the call throws. */
  static List<String> fieldsOf(ThrowingCallable call) {
    return errorsOf(call).stream().map(FieldError::field).toList();
  }
}
