package io.prazo.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A business calendar: when working time passes, in one time zone (spec: sla.md section 1).
 *
 * <p>A calendar has an id, a version, a name, an IANA time zone, a {@linkplain #dayLength() day
 * length} (the working time of one business day), a weekly schedule of half-open local-time
 * intervals per weekday, and holidays on which no time is worked. Calendars are versioned and never
 * edited in place: a change is a new version ({@link #withVersion(int)}).
 *
 * <p>Rules checked by {@link #of}, every violation reported together in one {@link
 * InvalidDefinitionException}:
 *
 * <ul>
 *   <li>the id is 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}; the version is 1 or
 *       more; the name is not blank;
 *   <li>the zone is an IANA region id such as {@code America/Sao_Paulo} or {@code UTC}; a fixed
 *       offset such as {@code -03:00} is refused, because offsets must come from the time-zone
 *       database;
 *   <li>the day length is positive and at most 24 hours;
 *   <li>the intervals of one weekday may be given in any order and are kept sorted. Intervals that
 *       <em>overlap</em> are an error (almost always a typing mistake); intervals that only
 *       <em>touch</em>, such as {@code 00:00-12:00} and {@code 12:00-24:00}, are merged into one;
 *   <li>at least one weekday has working time: a calendar that never works is an error at
 *       definition time, not an endless loop later;
 *   <li>no date is listed as a holiday twice.
 * </ul>
 *
 * <p>Implementation Requirements: this class is immutable and thread-safe. Every collection it
 * returns is unmodifiable.
 */
public final class BusinessCalendar {

  /** The id of the built-in calendar that works every instant. */
  public static final String TWENTY_FOUR_SEVEN_ID = "24x7";

  /** The largest day length, 24 hours. */
  public static final Duration MAX_DAY_LENGTH = Duration.ofHours(24);

  private static final BusinessCalendar TWENTY_FOUR_SEVEN = twentyFourSevenDefinition();

  private final String id;
  private final int version;
  private final String name;
  private final ZoneId zone;
  private final Duration dayLength;
  private final Map<DayOfWeek, List<LocalTimeInterval>> week;
  private final NavigableMap<LocalDate, Holiday> holidays;
  private final List<Holiday> holidayList;

  private BusinessCalendar(
      String id,
      int version,
      String name,
      ZoneId zone,
      Duration dayLength,
      Map<DayOfWeek, List<LocalTimeInterval>> week,
      NavigableMap<LocalDate, Holiday> holidays) {
    this.id = id;
    this.version = version;
    this.name = name;
    this.zone = zone;
    this.dayLength = dayLength;
    this.week = week;
    this.holidays = holidays;
    this.holidayList = List.copyOf(holidays.values());
  }

  /**
   * Obtains a validated calendar.
   *
   * @param id the id, e.g. {@code br-8x5}, not null
   * @param version the version, 1 or more
   * @param name a human-readable name, not null or blank
   * @param zone the IANA time zone the intervals and holidays are local to, not null, not a fixed
   *     offset
   * @param dayLength the working time of one business day, positive, at most 24 hours, not null
   * @param week the intervals of each weekday, not null; a weekday that is absent or maps to null
   *     has no working time; elements must not be null. Copied.
   * @param holidays the holidays, in any order, may be null (none); elements must not be null and
   *     dates must be distinct. Copied.
   * @return the calendar, not null
   * @throws InvalidDefinitionException listing every rule the definition breaks, with field paths
   *     such as {@code week.MONDAY[1]} or {@code holidays[2].date}
   */
  public static BusinessCalendar of(
      String id,
      int version,
      String name,
      ZoneId zone,
      Duration dayLength,
      Map<DayOfWeek, ? extends List<LocalTimeInterval>> week,
      Collection<Holiday> holidays) {
    Problems problems = new Problems();
    problems.requireId("id", id);
    problems.requireVersion("version", version);
    problems.requireText("name", name);
    checkZone(problems, zone);
    checkDayLength(problems, dayLength);
    Map<DayOfWeek, List<LocalTimeInterval>> schedule = schedule(problems, week);
    NavigableMap<LocalDate, Holiday> holidayMap = holidays(problems, holidays);
    problems.throwIfAny(id == null ? "calendar" : "calendar " + id);
    return new BusinessCalendar(id, version, name, zone, dayLength, schedule, holidayMap);
  }

  /**
   * The built-in calendar that works every instant: id {@code 24x7}, version 1, zone UTC, every day
   * {@code 00:00-24:00}, day length 24 hours, no holidays.
   *
   * @return the shared instance, not null
   */
  public static BusinessCalendar twentyFourSeven() {
    return TWENTY_FOUR_SEVEN;
  }

  private static BusinessCalendar twentyFourSevenDefinition() {
    Map<DayOfWeek, List<LocalTimeInterval>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      week.put(day, List.of(LocalTimeInterval.ALL_DAY));
    }
    return of(TWENTY_FOUR_SEVEN_ID, 1, "24x7", ZoneId.of("UTC"), MAX_DAY_LENGTH, week, List.of());
  }

  private static void checkZone(Problems problems, ZoneId zone) {
    if (zone == null) {
      problems.add("zone", "is required");
    } else if (zone instanceof ZoneOffset) {
      problems.add(
          "zone",
          "'"
              + zone.getId()
              + "' is a fixed offset; use an IANA time zone such as America/Sao_Paulo or UTC");
    }
  }

  private static void checkDayLength(Problems problems, Duration dayLength) {
    if (dayLength == null) {
      problems.add("dayLength", "is required");
    } else if (dayLength.isNegative() || dayLength.isZero()) {
      problems.add("dayLength", "must be positive, was " + dayLength);
    } else if (dayLength.compareTo(MAX_DAY_LENGTH) > 0) {
      problems.add("dayLength", "must not exceed PT24H, was " + dayLength);
    }
  }

  private static Map<DayOfWeek, List<LocalTimeInterval>> schedule(
      Problems problems, Map<DayOfWeek, ? extends List<LocalTimeInterval>> week) {
    Map<DayOfWeek, List<LocalTimeInterval>> schedule = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      schedule.put(day, List.of());
    }
    if (week == null) {
      problems.add("week", "is required");
      return schedule;
    }
    int before = problems.size();
    boolean anyWorkingTime = false;
    for (Map.Entry<DayOfWeek, ? extends List<LocalTimeInterval>> entry : week.entrySet()) {
      if (entry.getKey() == null) {
        problems.add("week", "has an entry without a weekday");
        continue;
      }
      List<LocalTimeInterval> day = day(problems, "week." + entry.getKey(), entry.getValue());
      schedule.put(entry.getKey(), day);
      anyWorkingTime |= !day.isEmpty();
    }
    if (!anyWorkingTime && problems.size() == before) {
      problems.add("week", "has no working time on any day; a calendar must work some time");
    }
    return Collections.unmodifiableMap(schedule);
  }

  /** Sorts one weekday's intervals, refuses overlaps and merges intervals that touch. */
  private static List<LocalTimeInterval> day(
      Problems problems, String field, List<LocalTimeInterval> intervals) {
    if (intervals == null || intervals.isEmpty()) {
      return List.of();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < intervals.size(); i++) {
      if (intervals.get(i) == null) {
        problems.add(field + "[" + i + "]", "must not be null");
      } else {
        order.add(i);
      }
    }
    order.sort(Comparator.comparing(intervals::get));
    List<LocalTimeInterval> merged = new ArrayList<>();
    int furthest = -1; // index of the interval reaching furthest so far
    for (int i : order) {
      LocalTimeInterval current = intervals.get(i);
      if (merged.isEmpty()) {
        merged.add(current);
        furthest = i;
        continue;
      }
      LocalTimeInterval last = merged.get(merged.size() - 1);
      if (last.overlaps(current)) {
        problems.add(
            field + "[" + i + "]",
            current
                + " overlaps "
                + field
                + "["
                + furthest
                + "] "
                + intervals.get(furthest)
                + "; intervals of one day must not overlap");
      }
      if (last.isConnected(current)) {
        merged.set(merged.size() - 1, last.span(current));
      } else {
        merged.add(current);
      }
      if (current.endSecondOfDay() >= intervals.get(furthest).endSecondOfDay()) {
        furthest = i;
      }
    }
    return List.copyOf(merged);
  }

  private static NavigableMap<LocalDate, Holiday> holidays(
      Problems problems, Collection<Holiday> holidays) {
    NavigableMap<LocalDate, Holiday> byDate = new TreeMap<>();
    if (holidays == null) {
      return Collections.unmodifiableNavigableMap(byDate);
    }
    Map<LocalDate, Integer> firstIndex = new HashMap<>();
    int i = 0;
    for (Holiday holiday : holidays) {
      if (holiday == null) {
        problems.add("holidays[" + i + "]", "must not be null");
      } else {
        Integer previous = firstIndex.putIfAbsent(holiday.date(), i);
        if (previous != null) {
          problems.add(
              "holidays[" + i + "].date",
              holiday.date() + " is listed twice (also holidays[" + previous + "])");
        } else {
          byDate.put(holiday.date(), holiday);
        }
      }
      i++;
    }
    return Collections.unmodifiableNavigableMap(byDate);
  }

  /**
   * The calendar's id.
   *
   * @return the id, not null
   */
  public String id() {
    return id;
  }

  /**
   * The calendar's version.
   *
   * @return the version, 1 or more
   */
  public int version() {
    return version;
  }

  /**
   * The human-readable name.
   *
   * @return the name, not null or blank
   */
  public String name() {
    return name;
  }

  /**
   * The time zone the weekly intervals and holiday dates are local to.
   *
   * @return an IANA region zone, never a fixed offset, not null
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * The working time of one business day: "N business days" means N times this much working time on
   * this calendar.
   *
   * @return a positive duration of at most 24 hours, not null
   */
  public Duration dayLength() {
    return dayLength;
  }

  /**
   * The weekly schedule.
   *
   * @return an unmodifiable map holding every weekday, each mapped to its sorted, non-overlapping,
   *     non-touching intervals (possibly none), not null
   */
  public Map<DayOfWeek, List<LocalTimeInterval>> week() {
    return week;
  }

  /**
   * The working intervals of one weekday, ignoring holidays.
   *
   * @param day the weekday, not null
   * @return an unmodifiable list of sorted, non-overlapping, non-touching intervals, possibly
   *     empty, not null
   */
  public List<LocalTimeInterval> intervalsOn(DayOfWeek day) {
    return week.get(Objects.requireNonNull(day, "day"));
  }

  /**
   * The nominal working time of one weekday: the sum of its interval lengths in local time,
   * ignoring holidays and daylight-saving changes.
   *
   * @param day the weekday, not null
   * @return a duration of zero to 24 hours, not null
   */
  public Duration nominalWorkingTimeOn(DayOfWeek day) {
    long seconds = 0;
    for (LocalTimeInterval interval : intervalsOn(day)) {
      seconds += interval.endSecondOfDay() - interval.startSecondOfDay();
    }
    return Duration.ofSeconds(seconds);
  }

  /**
   * Whether a date is one of this calendar's holidays.
   *
   * @param date the local date, not null
   * @return true if no time is worked on that date because it is a holiday
   */
  public boolean isHoliday(LocalDate date) {
    return holidays.containsKey(Objects.requireNonNull(date, "date"));
  }

  /**
   * The holiday on a date, if any.
   *
   * @param date the local date, not null
   * @return the holiday, or empty when the date is not a holiday
   */
  public Optional<Holiday> holiday(LocalDate date) {
    return Optional.ofNullable(holidays.get(Objects.requireNonNull(date, "date")));
  }

  /**
   * Whether any time is worked on a date: its weekday has intervals and it is not a holiday.
   *
   * @param date the local date, not null
   * @return true if the date has working time
   */
  public boolean isWorkingDay(LocalDate date) {
    return !intervalsOn(date.getDayOfWeek()).isEmpty() && !isHoliday(date);
  }

  /**
   * The holidays, sorted by date.
   *
   * @return an unmodifiable list with at most one holiday per date, not null
   */
  public List<Holiday> holidays() {
    return holidayList;
  }

  /**
   * The holiday dates, sorted, for range look-ups.
   *
   * @return an unmodifiable navigable set, not null
   */
  public NavigableSet<LocalDate> holidayDates() {
    return holidays.navigableKeySet();
  }

  /**
   * Whether the calendar works every instant: every weekday is {@code 00:00-24:00} and there are no
   * holidays, like {@code 24x7}.
   *
   * @return true if every instant is working time
   */
  public boolean isAlwaysWorking() {
    if (!holidays.isEmpty()) {
      return false;
    }
    for (List<LocalTimeInterval> day : week.values()) {
      if (!day.equals(List.of(LocalTimeInterval.ALL_DAY))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A copy of this calendar with another version; everything else is unchanged.
   *
   * @param newVersion the version, 1 or more
   * @return this calendar if the version is the same, otherwise a new calendar
   * @throws InvalidDefinitionException if {@code newVersion < 1}
   */
  public BusinessCalendar withVersion(int newVersion) {
    if (newVersion < 1) {
      throw new InvalidDefinitionException(
          "calendar " + id, "version", "must be 1 or more, was " + newVersion);
    }
    if (newVersion == version) {
      return this;
    }
    return new BusinessCalendar(id, newVersion, name, zone, dayLength, week, holidays);
  }

  /**
   * Equal when every property is equal: id, version, name, zone, day length, weekly schedule and
   * holidays (dates and names).
   *
   * @param obj the other object, may be null
   * @return true if equal
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof BusinessCalendar other
        && version == other.version
        && id.equals(other.id)
        && name.equals(other.name)
        && zone.equals(other.zone)
        && dayLength.equals(other.dayLength)
        && week.equals(other.week)
        && holidays.equals(other.holidays);
  }

  /**
   * A hash of every property.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(id, version, name, zone, dayLength, week, holidays);
  }

  /**
   * A short description, e.g. {@code BusinessCalendar[br-8x5 v1 America/Sao_Paulo day=PT8H
   * MONDAY=[08:00-12:00, 13:00-17:00] ... holidays=18]}.
   *
   * @return the description, not null
   */
  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("BusinessCalendar[")
            .append(id)
            .append(" v")
            .append(version)
            .append(' ')
            .append(zone)
            .append(" day=")
            .append(dayLength);
    week.forEach(
        (day, intervals) -> {
          if (!intervals.isEmpty()) {
            sb.append(' ').append(day).append('=').append(intervals);
          }
        });
    return sb.append(" holidays=").append(holidays.size()).append(']').toString();
  }
}
