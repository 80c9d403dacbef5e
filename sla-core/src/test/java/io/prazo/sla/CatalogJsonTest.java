package io.prazo.sla;

import static io.prazo.sla.SlaFixture.KNOWN_CALENDARS;
import static io.prazo.sla.SlaFixture.calendarDocument;
import static io.prazo.sla.SlaFixture.errorsOf;
import static io.prazo.sla.SlaFixture.fieldsOf;
import static io.prazo.sla.SlaFixture.interval;
import static io.prazo.sla.SlaFixture.json;
import static io.prazo.sla.SlaFixture.policyDocument;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prazo.events.PauseReason;
import io.prazo.sla.InvalidDefinitionException.FieldError;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogJsonTest {

  @Test
  void readsTheCalendarDocumentOfTheApi() {
    BusinessCalendar calendar = CatalogJson.readCalendar(calendarDocument(), "br-8x5", 3);

    assertThat(calendar.id()).isEqualTo("br-8x5");
    assertThat(calendar.version()).isEqualTo(3);
    assertThat(calendar.name()).isEqualTo("Business hours");
    assertThat(calendar.zone()).isEqualTo(SlaFixture.SAO_PAULO);
    assertThat(calendar.dayLength()).isEqualTo(Duration.ofHours(10));
    assertThat(calendar.intervalsOn(DayOfWeek.WEDNESDAY))
        .containsExactly(interval("08:00", "18:00"));
    assertThat(calendar.intervalsOn(DayOfWeek.SATURDAY)).isEmpty();
    assertThat(calendar.holidays())
        .containsExactly(new Holiday(LocalDate.of(2025, 4, 18), "Sexta-feira Santa"));
  }

  @Test
  void readsThePolicyDocumentOfTheApi() {
    SlaPolicy policy = CatalogJson.readPolicy(policyDocument(), "pronnus", 2, KNOWN_CALENDARS);

    assertThat(policy.id()).isEqualTo("pronnus");
    assertThat(policy.version()).isEqualTo(2);
    assertThat(policy.businessDayCalendarId()).isEqualTo("br-8x5");
    assertThat(policy.priorities()).extracting(Priority::label).containsExactly("Urgente", "Baixa");
    assertThat(policy.priority("LOW").flatMap(Priority::resolution))
        .contains(SlaTarget.parse("PT48H", "br-8x5"));
    assertThat(policy.calendarIds()).containsExactly("br-8x5", "24x7");
  }

  @Test
  void leavesOutWeekdaysAndUsesPolicyDefaults() {
    BusinessCalendar calendar =
        CatalogJson.readCalendar(
            json(
                "{'name': 'Mondays', 'zone': 'UTC', 'dayLength': 'PT2H',"
                    + " 'week': {'MONDAY': [['10:00', '12:00']]}}"),
            "mondays",
            1);
    SlaPolicy policy =
        CatalogJson.readPolicy(
            json(
                "{'name': 'Minimal', 'businessDayCalendar': '24x7',"
                    + " 'priorities': [{'id': 'P1', 'label': 'One', 'description': null,"
                    + " 'firstResponse': null}], 'priorityMatrix': null}"),
            "minimal",
            1,
            KNOWN_CALENDARS);

    assertThat(calendar.intervalsOn(DayOfWeek.TUESDAY)).isEmpty();
    assertThat(calendar.holidays()).isEmpty();
    assertThat(policy.complianceGoal()).isEqualTo(0.80);
    assertThat(policy.warnAt()).isEqualTo(0.75);
    assertThat(policy.autoCloseAfterBusinessDays()).isEqualTo(4);
    assertThat(policy.pauseReasons()).containsExactly(PauseReason.AWAITING_CUSTOMER);
    assertThat(policy.hasSla()).isFalse();
  }

  @Test
  void writesEveryWeekdayAndTheVersion() {
    BusinessCalendar calendar = CatalogJson.readCalendar(calendarDocument(), "br-8x5", 3);

    ObjectNode doc = CatalogJson.write(calendar);

    assertThat(doc.get("version").intValue()).isEqualTo(3);
    assertThat(doc.get("week").size()).isEqualTo(7);
    assertThat(doc.get("week").get("MONDAY").toString()).isEqualTo("[[\"08:00\",\"18:00\"]]");
    assertThat(doc.get("week").get("SUNDAY").toString()).isEqualTo("[]");
    assertThat(CatalogJson.readCalendar(doc)).isEqualTo(calendar);
    ObjectNode expected = calendarDocument();
    expected.put("version", 3);
    assertThat(doc).isEqualTo(expected);
  }

  @Test
  void writesTheSamePolicyDocumentItReads() {
    SlaPolicy policy = CatalogJson.readPolicy(policyDocument(), "pronnus", 1, KNOWN_CALENDARS);

    ObjectNode doc = CatalogJson.write(policy);

    ObjectNode expected = policyDocument();
    expected.put("version", 1);
    assertThat(doc).isEqualTo(expected);
    assertThat(CatalogJson.readPolicy(doc, KNOWN_CALENDARS)).isEqualTo(policy);
  }

  @Test
  void writesMatrixRulesWithExplicitNulls() {
    SlaPolicy presence = Presets.policies().get(0);

    JsonNode rule = CatalogJson.write(presence).get("priorityMatrix").get(0);

    assertThat(rule)
        .isEqualTo(
            json("{'severity': 'CRITICAL', 'impact': null, 'urgency': null, 'priority': 'P0'}"));
  }

  @Test
  void readsAndWritesContracts() {
    Contract contract = CatalogJson.readContract(json("{'policyId': 'pronnus'}"), "acme", 2);

    assertThat(contract).isEqualTo(new Contract("acme", 2, "pronnus"));
    assertThat(CatalogJson.write(contract))
        .isEqualTo(json("{'organizationId': 'acme', 'version': 2, 'policyId': 'pronnus'}"));
    assertThat(fieldsOf(() -> CatalogJson.readContract(json("{'policyId': 7}"), "acme", 1)))
        .containsExactly("policyId");
    assertThat(
            fieldsOf(
                () ->
                    CatalogJson.readContract(
                        json("{'organizationId': 'other', 'policyId': 'p'}"), "acme", 1)))
        .containsExactly("organizationId");
  }

  static Stream<Arguments> badCalendars() {
    return Stream.of(
        bad("no working time", d -> d.set("week", json("{'SATURDAY': [], 'SUNDAY': []}")), "week"),
        bad("missing name", d -> d.remove("name"), "name"),
        bad("missing zone", d -> d.remove("zone"), "zone"),
        bad("missing week", d -> d.remove("week"), "week"),
        bad("missing dayLength", d -> d.remove("dayLength"), "dayLength"),
        bad("unknown zone", d -> d.put("zone", "America/Atlantis"), "zone"),
        bad("fixed offset zone", d -> d.put("zone", "-03:00"), "zone"),
        bad("zone not a string", d -> d.put("zone", 3), "zone"),
        bad("bad dayLength", d -> d.put("dayLength", "8 hours"), "dayLength"),
        bad("zero dayLength", d -> d.put("dayLength", "PT0S"), "dayLength"),
        bad("dayLength above 24h", d -> d.put("dayLength", "PT25H"), "dayLength"),
        bad(
            "time 25:00",
            d -> week(d).set("MONDAY", json("[['08:00', '25:00']]")),
            "week.MONDAY[0]"),
        bad(
            "start 24:00",
            d -> week(d).set("MONDAY", json("[['24:00', '24:00']]")),
            "week.MONDAY[0]"),
        bad(
            "backwards",
            d -> week(d).set("MONDAY", json("[['18:00', '08:00']]")),
            "week.MONDAY[0]"),
        bad("one time", d -> week(d).set("MONDAY", json("[['08:00']]")), "week.MONDAY[0]"),
        bad("numbers", d -> week(d).set("MONDAY", json("[[8, 18]]")), "week.MONDAY[0]"),
        bad(
            "object interval",
            d -> week(d).set("MONDAY", json("[{'start': '08:00'}]")),
            "week.MONDAY[0]"),
        bad(
            "overlap",
            d -> week(d).set("MONDAY", json("[['08:00', '12:00'], ['11:00', '13:00']]")),
            "week.MONDAY[1]"),
        bad("unknown weekday", d -> week(d).set("FUNDAY", json("[]")), "week.FUNDAY"),
        bad("lowercase weekday", d -> week(d).set("monday", json("[]")), "week.monday"),
        bad("day not an array", d -> week(d).put("MONDAY", "08:00-18:00"), "week.MONDAY"),
        bad("week not an object", d -> d.set("week", json("[]")), "week"),
        bad("holidays not an array", d -> d.put("holidays", "2025-04-18"), "holidays"),
        bad("bad holiday date", d -> holiday(d).put("date", "2025-02-30"), "holidays[0].date"),
        bad("missing holiday date", d -> holiday(d).remove("date"), "holidays[0].date"),
        bad("holiday name a number", d -> holiday(d).put("name", 1), "holidays[0].name"),
        bad(
            "holiday twice",
            d -> ((ArrayNode) d.get("holidays")).add(holiday(d)),
            "holidays[1].date"),
        bad("unknown field", d -> d.put("timezone", "UTC"), "timezone"),
        bad("id not matching", d -> d.put("id", "other"), "id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCalendars")
  void refusesBadCalendarDocuments(String name, Consumer<ObjectNode> change, String field) {
    ObjectNode doc = calendarDocument();
    change.accept(doc);

    assertThat(fieldsOf(() -> CatalogJson.readCalendar(doc, "br-8x5", 1))).containsExactly(field);
  }

  static Stream<Arguments> badPolicies() {
    return Stream.of(
        bad(
            "unknown calendar",
            d -> target(d, 1, "resolution").put("calendar", "br-9x9"),
            "priorities[1].resolution.calendar"),
        bad(
            "unknown business-day calendar",
            d -> d.put("businessDayCalendar", "nowhere"),
            "businessDayCalendar"),
        bad(
            "target of zero",
            d -> target(d, 1, "resolution").put("amount", "PT0S"),
            "priorities[1].resolution.amount"),
        bad(
            "negative target",
            d -> target(d, 0, "firstResponse").put("amount", "-2bd"),
            "priorities[0].firstResponse.amount"),
        bad(
            "bad amount",
            d -> target(d, 0, "firstResponse").put("amount", "30 minutes"),
            "priorities[0].firstResponse.amount"),
        bad(
            "amount not a string",
            d -> target(d, 0, "firstResponse").put("amount", 30),
            "priorities[0].firstResponse.amount"),
        bad(
            "missing target calendar",
            d -> target(d, 0, "firstResponse").remove("calendar"),
            "priorities[0].firstResponse.calendar"),
        bad(
            "target not an object",
            d -> priority(d, 0).put("resolution", "PT4H"),
            "priorities[0].resolution"),
        bad(
            "misspelled target",
            d -> priority(d, 0).set("firstResponce", priority(d, 0).get("firstResponse")),
            "priorities[0].firstResponce"),
        bad("priority twice", d -> priority(d, 1).put("id", "URGENT"), "priorities[1].id"),
        bad("missing priority id", d -> priority(d, 1).remove("id"), "priorities[1].id"),
        bad("missing label", d -> priority(d, 0).remove("label"), "priorities[0].label"),
        bad("priority not an object", d -> priorities(d).set(1, json("'LOW'")), "priorities[1]"),
        bad("no priorities", d -> d.set("priorities", json("[]")), "priorities"),
        bad("missing priorities", d -> d.remove("priorities"), "priorities"),
        bad("priorities not an array", d -> d.put("priorities", "URGENT"), "priorities"),
        bad("missing name", d -> d.remove("name"), "name"),
        bad(
            "missing business-day calendar",
            d -> d.remove("businessDayCalendar"),
            "businessDayCalendar"),
        bad(
            "unknown pause reason",
            d -> d.set("pauseReasons", json("['ON_HOLD']")),
            "pauseReasons[0]"),
        bad(
            "pause reason not a string",
            d -> d.set("pauseReasons", json("[1]")),
            "pauseReasons[0]"),
        bad("null pause reason", d -> d.set("pauseReasons", json("[null]")), "pauseReasons[0]"),
        bad(
            "pause reasons not an array",
            d -> d.put("pauseReasons", "AWAITING_CUSTOMER"),
            "pauseReasons"),
        bad("goal as text", d -> d.put("complianceGoal", "80%"), "complianceGoal"),
        bad("goal above one", d -> d.put("complianceGoal", 80), "complianceGoal"),
        bad("warnAt one", d -> d.put("warnAt", 1.0), "warnAt"),
        bad(
            "autoClose fraction",
            d -> d.put("autoCloseAfterBusinessDays", 2.5),
            "autoCloseAfterBusinessDays"),
        bad(
            "autoClose zero",
            d -> d.put("autoCloseAfterBusinessDays", 0),
            "autoCloseAfterBusinessDays"),
        bad(
            "autoClose text",
            d -> d.put("autoCloseAfterBusinessDays", "4"),
            "autoCloseAfterBusinessDays"),
        bad("unknown field", d -> d.put("goal", 0.9), "goal"),
        bad(
            "uncovered matrix",
            d -> d.set("priorityMatrix", json("[{'severity': 'CRITICAL', 'priority': 'URGENT'}]")),
            "priorityMatrix"),
        bad(
            "matrix priority off the scale",
            d -> d.set("priorityMatrix", json("[{'priority': 'P0'}]")),
            "priorityMatrix[0].priority"),
        bad(
            "unknown severity",
            d -> d.set("priorityMatrix", json("[{'severity': 'BLOCKER', 'priority': 'LOW'}]")),
            "priorityMatrix[0].severity"),
        bad("matrix not an array", d -> d.set("priorityMatrix", json("{}")), "priorityMatrix"),
        bad("id not matching", d -> d.put("id", "other"), "id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPolicies")
  void refusesBadPolicyDocuments(String name, Consumer<ObjectNode> change, String field) {
    ObjectNode doc = policyDocument();
    change.accept(doc);

    assertThat(fieldsOf(() -> CatalogJson.readPolicy(doc, "pronnus", 1, KNOWN_CALENDARS)))
        .containsExactly(field);
  }

  @Test
  void reportsEveryProblemOfADocumentAtOnce() {
    JsonNode doc =
        json(
            """
            {'name': 'Broken', 'zone': 'Mars/Olympus', 'dayLength': 'PT8X',
             'week': {'MONDAY': [['08:00', '25:00'], ['09:00', '10:00'], ['09:30', '11:00']],
                      'FUNDAY': []},
             'holidays': [{'date': 'tomorrow'}, {'date': '2025-01-01'}, {'date': '2025-01-01'}]}
            """);

    List<FieldError> errors = errorsOf(() -> CatalogJson.readCalendar(doc, "broken", 1));

    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactly(
            "zone",
            "dayLength",
            "week.MONDAY[0]",
            "week.FUNDAY",
            "holidays[0].date",
            "week.MONDAY[2]",
            "holidays[2].date");
    assertThat(errors.get(2).message()).contains("25:00");
  }

  @Test
  void reportsEveryProblemOfAPolicyAtOnce() {
    JsonNode doc =
        json(
            """
            {'name': 'Broken', 'businessDayCalendar': 'nowhere', 'pauseReasons': ['LUNCH'],
             'priorities': [
               {'id': 'A', 'label': 'A', 'resolution': {'amount': 'PT0S', 'calendar': '24x7'}},
               {'id': 'A', 'label': 'again', 'firstResponse': {'amount': 'PT1H', 'calendar': 'x'}},
               {'label': 'no id'}]}
            """);

    assertThat(fieldsOf(() -> CatalogJson.readPolicy(doc, "broken", 1, KNOWN_CALENDARS)))
        .containsExactly(
            "pauseReasons[0]",
            "priorities[0].resolution.amount",
            "priorities[2].id",
            "priorities[1].id",
            "priorities[1].firstResponse.calendar",
            "businessDayCalendar");
  }

  @Test
  void refusesDocumentsThatAreNotObjects() {
    assertThat(fieldsOf(() -> CatalogJson.readCalendar(json("[]"), "x", 1))).containsExactly("");
    assertThat(fieldsOf(() -> CatalogJson.readCalendar(null, "x", 1))).containsExactly("");
    assertThat(fieldsOf(() -> CatalogJson.readPolicy(json("'pronnus'"), "x", 1, KNOWN_CALENDARS)))
        .containsExactly("");
  }

  @Test
  void needsTheIdAndVersionInASelfDescribedDocument() {
    assertThat(fieldsOf(() -> CatalogJson.readCalendar(calendarDocument())))
        .containsExactly("version");
    ObjectNode doc = policyDocument();
    doc.remove("id");
    doc.put("version", "one");
    assertThat(fieldsOf(() -> CatalogJson.readPolicy(doc, KNOWN_CALENDARS)))
        .containsExactly("id", "version");
  }

  private static Arguments bad(String name, Consumer<ObjectNode> change, String field) {
    return Arguments.of(name, change, field);
  }

  private static ObjectNode week(ObjectNode doc) {
    return (ObjectNode) doc.get("week");
  }

  private static ObjectNode holiday(ObjectNode doc) {
    return (ObjectNode) doc.get("holidays").get(0);
  }

  private static ArrayNode priorities(ObjectNode doc) {
    return (ArrayNode) doc.get("priorities");
  }

  private static ObjectNode priority(ObjectNode doc, int index) {
    return (ObjectNode) doc.get("priorities").get(index);
  }

  private static ObjectNode target(ObjectNode doc, int index, String metric) {
    return (ObjectNode) priority(doc, index).get(metric);
  }
}
