package io.prazo.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prazo.events.PauseReason;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The JSON documents of calendars, policies and contracts (spec: api.md, "Policies, calendars,
 * contracts"), read into and written from the model with Jackson trees.
 *
 * <p>Reading is strict, so that a typing mistake is an error and not a silently missing target:
 * fields must have the documented JSON types and unknown fields are refused. Optional fields
 * ({@code description}, {@code firstResponse}, {@code resolution}, {@code priorityMatrix}, the
 * policy defaults, holiday {@code name}) may be absent or {@code null}. A calendar document may
 * leave out a weekday, which then has no working time. A {@code version} field in a document is
 * accepted and ignored when the version is given separately (the store assigns versions).
 *
 * <p>Every problem of a document is reported in one {@link InvalidDefinitionException} with field
 * paths such as {@code week.MONDAY[0]} or {@code priorities[1].resolution.amount}; no Jackson or
 * date-time exception escapes. Problems that only follow from another (a rule's checks on a value
 * that could not be read) are left out.
 *
 * <p>Writing gives the same document shape plus {@code "version"}; every weekday is written, absent
 * optional fields are left out, and times are {@code HH:mm} (or {@code HH:mm:ss}). Writing then
 * reading gives an equal model object.
 *
 * <p>Implementation Requirements: this class is stateless and thread-safe.
 */
public final class CatalogJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Set<String> CALENDAR_FIELDS =
      Set.of("id", "version", "name", "zone", "dayLength", "week", "holidays");
  private static final Set<String> HOLIDAY_FIELDS = Set.of("date", "name");
  private static final Set<String> POLICY_FIELDS =
      Set.of(
          "id",
          "version",
          "name",
          "businessDayCalendar",
          "complianceGoal",
          "warnAt",
          "autoCloseAfterBusinessDays",
          "pauseReasons",
          "priorities",
          "priorityMatrix");
  private static final Set<String> PRIORITY_FIELDS =
      Set.of("id", "label", "description", "firstResponse", "resolution");
  private static final Set<String> TARGET_FIELDS = Set.of("amount", "calendar");
  private static final Set<String> RULE_FIELDS =
      Set.of("severity", "impact", "urgency", "priority");
  private static final Set<String> CONTRACT_FIELDS =
      Set.of("organizationId", "version", "policyId");

  private CatalogJson() {}

  // ---------------------------------------------------------------- calendars

  /**
   * Reads a calendar document submitted for an id, e.g. the body of {@code PUT
   * /api/calendars/{id}}. The document's {@code id} may be left out; if present it must equal
   * {@code id}. Its {@code version}, if any, is ignored.
   *
   * @param doc the document, may be null (an error)
   * @param id the calendar id, not null
   * @param version the version to give the calendar, 1 or more
   * @return the validated calendar, not null
   * @throws InvalidDefinitionException listing every problem of the document
   */
  public static BusinessCalendar readCalendar(JsonNode doc, String id, int version) {
    return readCalendar(doc, id, version, false);
  }

  /**
   * Reads a calendar document that carries its own {@code id} and {@code version}, as written by
   * {@link #write(BusinessCalendar)}.
   *
   * @param doc the document, may be null (an error)
   * @return the validated calendar, not null
   * @throws InvalidDefinitionException listing every problem of the document
   */
  public static BusinessCalendar readCalendar(JsonNode doc) {
    return readCalendar(doc, null, 0, true);
  }

  private static BusinessCalendar readCalendar(
      JsonNode doc, String pathId, int pathVersion, boolean selfDescribed) {
    Reader r = new Reader();
    r.document(doc, "calendar");
    r.onlyFields(doc, "", CALENDAR_FIELDS);
    String id = selfDescribed ? r.text(doc, "", "id", true) : r.matchingId(doc, pathId);
    int version = selfDescribed ? r.integer(doc, "", "version", true, 0) : pathVersion;
    String name = r.text(doc, "", "name", true);
    ZoneId zone = r.parsed(doc, "", "zone", true, CatalogJson::zone);
    Duration dayLength = r.parsed(doc, "", "dayLength", true, CatalogJson::duration);
    Map<DayOfWeek, List<LocalTimeInterval>> week = r.week(doc.get("week"));
    List<Holiday> holidays = r.holidays(doc.get("holidays"));
    BusinessCalendar calendar =
        r.build(() -> BusinessCalendar.of(id, version, name, zone, dayLength, week, holidays));
    r.throwIfAny(id == null ? "calendar" : "calendar " + id);
    return calendar;
  }

  /**
   * Writes a calendar document, with its {@code version}.
   *
   * @param calendar the calendar, not null
   * @return a new, mutable tree, not null
   */
  public static ObjectNode write(BusinessCalendar calendar) {
    ObjectNode doc = NODES.objectNode();
    doc.put("id", calendar.id());
    doc.put("version", calendar.version());
    doc.put("name", calendar.name());
    doc.put("zone", calendar.zone().getId());
    doc.put("dayLength", calendar.dayLength().toString());
    ObjectNode week = doc.putObject("week");
    for (DayOfWeek day : DayOfWeek.values()) {
      ArrayNode intervals = week.putArray(day.name());
      for (LocalTimeInterval interval : calendar.intervalsOn(day)) {
        intervals.addArray().add(interval.startText()).add(interval.endText());
      }
    }
    ArrayNode holidays = doc.putArray("holidays");
    for (Holiday holiday : calendar.holidays()) {
      ObjectNode h = holidays.addObject();
      h.put("date", holiday.date().toString());
      if (holiday.name() != null) {
        h.put("name", holiday.name());
      }
    }
    return doc;
  }

  // ---------------------------------------------------------------- policies

  /**
   * Reads a policy document submitted for an id, e.g. the body of {@code PUT /api/policies/{id}}.
   * The document's {@code id} may be left out; if present it must equal {@code id}. Its {@code
   * version}, if any, is ignored. Absent {@code complianceGoal}, {@code warnAt}, {@code
   * autoCloseAfterBusinessDays} and {@code pauseReasons} take the defaults of {@link
   * SlaPolicy#builder}.
   *
   * @param doc the document, may be null (an error)
   * @param id the policy id, not null
   * @param version the version to give the policy, 1 or more
   * @param knownCalendar tells whether a calendar id exists, not null
   * @return the validated policy, not null
   * @throws InvalidDefinitionException listing every problem of the document
   */
  public static SlaPolicy readPolicy(
      JsonNode doc, String id, int version, Predicate<String> knownCalendar) {
    return readPolicy(doc, id, version, false, knownCalendar);
  }

  /**
   * Reads a policy document that carries its own {@code id} and {@code version}, as written by
   * {@link #write(SlaPolicy)}.
   *
   * @param doc the document, may be null (an error)
   * @param knownCalendar tells whether a calendar id exists, not null
   * @return the validated policy, not null
   * @throws InvalidDefinitionException listing every problem of the document
   */
  public static SlaPolicy readPolicy(JsonNode doc, Predicate<String> knownCalendar) {
    return readPolicy(doc, null, 0, true, knownCalendar);
  }

  private static SlaPolicy readPolicy(
      JsonNode doc,
      String pathId,
      int pathVersion,
      boolean selfDescribed,
      Predicate<String> knownCalendar) {
    Reader r = new Reader();
    r.document(doc, "policy");
    r.onlyFields(doc, "", POLICY_FIELDS);
    String id = selfDescribed ? r.text(doc, "", "id", true) : r.matchingId(doc, pathId);
    int version = selfDescribed ? r.integer(doc, "", "version", true, 0) : pathVersion;
    String name = r.text(doc, "", "name", true);
    String businessDayCalendar = r.text(doc, "", "businessDayCalendar", true);
    double complianceGoal = r.number(doc, "", "complianceGoal", SlaPolicy.DEFAULT_COMPLIANCE_GOAL);
    double warnAt = r.number(doc, "", "warnAt", SlaPolicy.DEFAULT_WARN_AT);
    int autoClose =
        r.integer(
            doc,
            "",
            "autoCloseAfterBusinessDays",
            false,
            SlaPolicy.DEFAULT_AUTO_CLOSE_AFTER_BUSINESS_DAYS);
    List<PauseReason> pauseReasons =
        r.enumArray(doc.get("pauseReasons"), "pauseReasons", PauseReason.class, "pause reason");
    List<Priority> priorities = r.priorities(doc.get("priorities"));
    PriorityMatrix matrix = r.matrix(doc.get("priorityMatrix"));
    SlaPolicy policy =
        r.build(
            () ->
                SlaPolicy.of(
                    id,
                    version,
                    name,
                    priorities,
                    businessDayCalendar,
                    complianceGoal,
                    warnAt,
                    autoClose,
                    pauseReasons == null ? null : Set.copyOf(pauseReasons),
                    matrix,
                    knownCalendar));
    r.throwIfAny(id == null ? "policy" : "policy " + id);
    return policy;
  }

  /**
   * Writes a policy document, with its {@code version}. Every field is written, defaults included;
   * absent targets, descriptions and matrix are left out; matrix rules write open conditions as
   * {@code null}.
   *
   * @param policy the policy, not null
   * @return a new, mutable tree, not null
   */
  public static ObjectNode write(SlaPolicy policy) {
    ObjectNode doc = NODES.objectNode();
    doc.put("id", policy.id());
    doc.put("version", policy.version());
    doc.put("name", policy.name());
    doc.put("businessDayCalendar", policy.businessDayCalendarId());
    doc.put("complianceGoal", policy.complianceGoal());
    doc.put("warnAt", policy.warnAt());
    doc.put("autoCloseAfterBusinessDays", policy.autoCloseAfterBusinessDays());
    ArrayNode reasons = doc.putArray("pauseReasons");
    for (PauseReason reason : PauseReason.values()) {
      if (policy.countsPause(reason)) {
        reasons.add(reason.name());
      }
    }
    ArrayNode priorities = doc.putArray("priorities");
    for (Priority priority : policy.priorities()) {
      ObjectNode p = priorities.addObject();
      p.put("id", priority.id());
      p.put("label", priority.label());
      if (priority.description() != null) {
        p.put("description", priority.description());
      }
      priority.firstResponse().ifPresent(t -> p.set("firstResponse", write(t)));
      priority.resolution().ifPresent(t -> p.set("resolution", write(t)));
    }
    policy
        .priorityMatrix()
        .ifPresent(
            matrix -> {
              ArrayNode rules = doc.putArray("priorityMatrix");
              for (PriorityMatrix.Rule rule : matrix.rules()) {
                ObjectNode node = rules.addObject();
                node.put("severity", rule.severity() == null ? null : rule.severity().name());
                node.put("impact", rule.impact() == null ? null : rule.impact().name());
                node.put("urgency", rule.urgency() == null ? null : rule.urgency().name());
                node.put("priority", rule.priority());
              }
            });
    return doc;
  }

  private static ObjectNode write(SlaTarget target) {
    ObjectNode node = NODES.objectNode();
    node.put("amount", target.amount().toString());
    node.put("calendar", target.calendarId());
    return node;
  }

  // ---------------------------------------------------------------- contracts

  /**
   * Reads a contract document, {@code {"policyId": "pronnus"}}, the body of {@code PUT
   * /api/organizations/{id}/contract}. The document's {@code organizationId}, if present, must
   * equal {@code organizationId}; its {@code version}, if any, is ignored. Whether the policy
   * exists is for the caller to check.
   *
   * @param doc the document, may be null (an error)
   * @param organizationId the organization, not null
   * @param version the version to give the contract, 1 or more
   * @return the contract, not null
   * @throws InvalidDefinitionException listing every problem of the document
   */
  public static Contract readContract(JsonNode doc, String organizationId, int version) {
    Reader r = new Reader();
    r.document(doc, "contract");
    r.onlyFields(doc, "", CONTRACT_FIELDS);
    String docOrganization = r.text(doc, "", "organizationId", false);
    if (docOrganization != null && !docOrganization.equals(organizationId)) {
      r.problems.add(
          "organizationId",
          "'" + docOrganization + "' does not match the organization " + organizationId);
    }
    String policyId = r.text(doc, "", "policyId", true);
    Contract contract = r.build(() -> new Contract(organizationId, version, policyId));
    r.throwIfAny("contract of " + organizationId);
    return contract;
  }

  /**
   * Writes a contract document: {@code {"organizationId", "version", "policyId"}}.
   *
   * @param contract the contract, not null
   * @return a new, mutable tree, not null
   */
  public static ObjectNode write(Contract contract) {
    ObjectNode doc = NODES.objectNode();
    doc.put("organizationId", contract.organizationId());
    doc.put("version", contract.version());
    doc.put("policyId", contract.policyId());
    return doc;
  }

  // ---------------------------------------------------------------- scalar parsers

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time zone; use an IANA id such as America/Sao_Paulo");
    }
  }

  private static Duration duration(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration such as PT8H");
    }
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a date of the form 2025-04-18");
    }
  }

  private static String path(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  private static String typeOf(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /**
   * Reads one document into {@link #problems}: first what cannot be read at all (such a value
   * stands in as null, keeping list indices), then the problems the model factories find. A
   * factory's problem on a field that already has one, or inside or around it, only follows from
   * the first and is left out. Not thread-safe; one per read.
   */
  private static final class Reader {
    private final Problems problems = new Problems();

    void document(JsonNode doc, String what) {
      if (doc == null || !doc.isObject()) {
        throw new InvalidDefinitionException(
            what,
            "",
            "a "
                + what
                + " document must be a JSON object, was "
                + (doc == null ? "null" : typeOf(doc)));
      }
    }

    <T> T build(Supplier<T> factory) {
      return problems.attempt("", factory);
    }

    void throwIfAny(String what) {
      problems.throwIfAny(what);
    }

    boolean isObject(JsonNode node, String field) {
      if (node.isObject()) {
        return true;
      }
      problems.add(field, "must be an object, was " + typeOf(node));
      return false;
    }

    boolean isArray(JsonNode node, String field) {
      if (node.isArray()) {
        return true;
      }
      problems.add(field, "must be an array, was " + typeOf(node));
      return false;
    }

    void onlyFields(JsonNode object, String parent, Set<String> allowed) {
      Iterator<String> names = object.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!allowed.contains(name)) {
          problems.add(path(parent, name), "is not a known field");
        }
      }
    }

    String matchingId(JsonNode doc, String pathId) {
      String docId = text(doc, "", "id", false);
      if (docId != null && !docId.equals(pathId)) {
        problems.add("id", "'" + docId + "' does not match the id " + pathId);
      }
      return pathId;
    }

    /** A string field; null when absent (an error if required) or not a string (an error). */
    String text(JsonNode object, String parent, String name, boolean required) {
      JsonNode node = object.get(name);
      String field = path(parent, name);
      if (absent(node)) {
        if (required) {
          problems.add(field, "is required");
        }
        return null;
      }
      if (!node.isTextual()) {
        problems.add(field, "must be a string, was " + typeOf(node));
        return null;
      }
      return node.textValue();
    }

    /** A string field parsed into a value; null when absent, not a string or not parsable. */
    <T> T parsed(
        JsonNode object, String parent, String name, boolean required, Function<String, T> parser) {
      String text = text(object, parent, name, required);
      return text == null ? null : problems.attempt(path(parent, name), () -> parser.apply(text));
    }

    double number(JsonNode object, String parent, String name, double defaultValue) {
      JsonNode node = object.get(name);
      if (absent(node)) {
        return defaultValue;
      }
      if (!node.isNumber()) {
        problems.add(path(parent, name), "must be a number, was " + typeOf(node));
        return defaultValue;
      }
      return node.doubleValue();
    }

    int integer(JsonNode object, String parent, String name, boolean required, int defaultValue) {
      JsonNode node = object.get(name);
      String field = path(parent, name);
      if (absent(node)) {
        if (required) {
          problems.add(field, "is required");
        }
        return defaultValue;
      }
      if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
        problems.add(field, "must be a whole number, was " + node);
        return defaultValue;
      }
      return node.intValue();
    }

    <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type, String what) {
      if (absent(node)) {
        return null;
      }
      if (!node.isTextual()) {
        problems.add(field, "must be a string, was " + typeOf(node));
        return null;
      }
      try {
        return Enum.valueOf(type, node.textValue());
      } catch (IllegalArgumentException e) {
        problems.add(
            field,
            "unknown "
                + what
                + " '"
                + node.textValue()
                + "'; use one of "
                + Arrays.toString(type.getEnumConstants()));
        return null;
      }
    }

    /** An array of enum names; null when absent. */
    <E extends Enum<E>> List<E> enumArray(JsonNode node, String field, Class<E> type, String what) {
      if (absent(node) || !isArray(node, field)) {
        return null;
      }
      List<E> values = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        String elementField = field + "[" + i + "]";
        if (absent(element)) {
          problems.add(elementField, "must not be null");
        }
        E value = enumValue(element, elementField, type, what);
        if (value != null) {
          values.add(value);
        }
      }
      return values;
    }

    Map<DayOfWeek, List<LocalTimeInterval>> week(JsonNode node) {
      if (absent(node)) {
        problems.add("week", "is required");
        return null;
      }
      if (!isObject(node, "week")) {
        return null;
      }
      Map<DayOfWeek, List<LocalTimeInterval>> week = new EnumMap<>(DayOfWeek.class);
      Iterator<Map.Entry<String, JsonNode>> days = node.fields();
      while (days.hasNext()) {
        Map.Entry<String, JsonNode> entry = days.next();
        String field = "week." + entry.getKey();
        DayOfWeek day;
        try {
          day = DayOfWeek.valueOf(entry.getKey());
        } catch (IllegalArgumentException e) {
          problems.add(field, "is not a weekday; use MONDAY to SUNDAY");
          continue;
        }
        week.put(day, intervals(entry.getValue(), field));
      }
      return week;
    }

    /** A weekday's intervals; an unreadable interval becomes null, keeping the indices. */
    private List<LocalTimeInterval> intervals(JsonNode node, String field) {
      if (absent(node) || !isArray(node, field)) {
        return List.of();
      }
      List<LocalTimeInterval> intervals = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode pair = node.get(i);
        String elementField = field + "[" + i + "]";
        LocalTimeInterval interval = null;
        if (!pair.isArray()
            || pair.size() != 2
            || !pair.get(0).isTextual()
            || !pair.get(1).isTextual()) {
          problems.add(
              elementField, "must be an array of two times such as [\"08:00\", \"12:00\"]");
        } else {
          interval =
              problems.attempt(
                  elementField,
                  () -> LocalTimeInterval.parse(pair.get(0).textValue(), pair.get(1).textValue()));
        }
        intervals.add(interval);
      }
      return intervals;
    }

    List<Holiday> holidays(JsonNode node) {
      if (absent(node) || !isArray(node, "holidays")) {
        return List.of();
      }
      List<Holiday> holidays = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        String field = "holidays[" + i + "]";
        Holiday holiday = null;
        if (isObject(element, field)) {
          onlyFields(element, field, HOLIDAY_FIELDS);
          LocalDate date = parsed(element, field, "date", true, CatalogJson::date);
          String name = text(element, field, "name", false);
          holiday = date == null ? null : new Holiday(date, name);
        }
        holidays.add(holiday);
      }
      return holidays;
    }

    /** The priorities; an unreadable priority becomes null, keeping the indices. */
    List<Priority> priorities(JsonNode node) {
      if (absent(node)) {
        problems.add("priorities", "is required");
        return null;
      }
      if (!isArray(node, "priorities")) {
        return null;
      }
      List<Priority> priorities = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        String field = "priorities[" + i + "]";
        Priority priority = null;
        if (isObject(element, field)) {
          onlyFields(element, field, PRIORITY_FIELDS);
          String id = text(element, field, "id", true);
          String label = text(element, field, "label", true);
          String description = text(element, field, "description", false);
          SlaTarget firstResponse = target(element.get("firstResponse"), field + ".firstResponse");
          SlaTarget resolution = target(element.get("resolution"), field + ".resolution");
          priority =
              problems.attempt(
                  field, () -> Priority.of(id, label, description, firstResponse, resolution));
        }
        priorities.add(priority);
      }
      return priorities;
    }

    private SlaTarget target(JsonNode node, String field) {
      if (absent(node) || !isObject(node, field)) {
        return null;
      }
      onlyFields(node, field, TARGET_FIELDS);
      SlaAmount amount = parsed(node, field, "amount", true, SlaAmount::parse);
      String calendar = text(node, field, "calendar", true);
      return amount == null || calendar == null ? null : new SlaTarget(amount, calendar);
    }

    PriorityMatrix matrix(JsonNode node) {
      if (absent(node) || !isArray(node, "priorityMatrix")) {
        return null;
      }
      List<PriorityMatrix.Rule> rules = new ArrayList<>();
      int before = problems.size();
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        String field = "priorityMatrix[" + i + "]";
        if (!isObject(element, field)) {
          continue;
        }
        onlyFields(element, field, RULE_FIELDS);
        Severity severity =
            enumValue(element.get("severity"), field + ".severity", Severity.class, "severity");
        Impact impact = enumValue(element.get("impact"), field + ".impact", Impact.class, "impact");
        Urgency urgency =
            enumValue(element.get("urgency"), field + ".urgency", Urgency.class, "urgency");
        String priority = text(element, field, "priority", true);
        if (priority != null) {
          rules.add(new PriorityMatrix.Rule(severity, impact, urgency, priority));
        }
      }
      if (problems.size() > before) {
        return null; // an unreadable rule makes coverage and order meaningless
      }
      return problems.attempt("priorityMatrix", () -> PriorityMatrix.of(rules));
    }
  }
}
