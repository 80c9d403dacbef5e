package io.prazo.sla;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Working-time arithmetic on a {@link BusinessCalendar} (spec: sla.md section 1).
 *
 * <p>An instant {@code x} is <em>working</em> when, with {@code L} its local date-time in the
 * calendar's zone, {@code L.toLocalDate()} is not a holiday and {@code L.toLocalTime()} lies in one
 * of the half-open intervals {@code [start, end)} of that date's weekday ({@code 24:00} as an end
 * meaning the end of the day). Working time is real elapsed time: the working time of a local
 * interval is the measure of the set of instants whose local time falls in it, computed with the
 * zone's historic offsets. On a spring-forward day {@code 00:00-24:00} therefore lasts 23 hours, on
 * a fall-back day 25 hours.
 *
 * <p>Two operations are defined:
 *
 * <ul>
 *   <li>{@link #workingTime}: the measure of working time inside {@code [a, b)};
 *   <li>{@link #plus}: the earliest instant {@code u >= t} with {@code workingTime(t, u) = d}.
 * </ul>
 *
 * <p>Both are exact to the nanosecond (so in particular to the millisecond). After a one-off index
 * of the calendar's working intervals has been built for the years involved, each call costs O(log
 * n) in the number of working intervals of those years; a calendar that {@linkplain
 * BusinessCalendar#isAlwaysWorking() always works} costs O(1) and needs no index.
 *
 * <p>Implementation Requirements: this class has no instances. Its static methods are thread-safe;
 * the indexes it keeps are immutable, built lazily per calendar (keyed by id and version and
 * checked for equality), extended on demand and held in a small bounded cache.
 */
public final class BusinessTime {

  private static final int CACHE_SIZE = 32;
  private static final long MAX_OFFSET_SECONDS = 18 * 3600L;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private static final Map<String, Index> CACHE =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Index> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  private BusinessTime() {}

  /**
   * The working time inside {@code [a, b)} on a calendar.
   *
   * @param cal the calendar, not null
   * @param a the inclusive start, not null
   * @param b the exclusive end, not before {@code a}, not null
   * @return the measure of the working instants in {@code [a, b)}, zero or positive, not null
   * @throws IllegalArgumentException if {@code b} is before {@code a}
   * @throws NullPointerException if any argument is null
   * @throws DateTimeException if an instant lies beyond the range of {@link LocalDate}
   */
  public static Duration workingTime(BusinessCalendar cal, Instant a, Instant b) {
    Objects.requireNonNull(cal, "cal");
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (b.isBefore(a)) {
      throw new IllegalArgumentException("end " + b + " is before start " + a);
    }
    if (cal.isAlwaysWorking()) {
      return Duration.between(a, b);
    }
    Index index = index(cal, a, b);
    return Duration.ofMillis(index.cumulativeMillis(b) - index.cumulativeMillis(a))
        .plusNanos(index.subMilliNanos(b) - index.subMilliNanos(a));
  }

  /**
   * The earliest instant {@code u >= t} with {@code workingTime(cal, t, u) = d}. A start outside
   * working time counts from the next opening; the result is never inside non-working time, except
   * that it may be the exact end of a working interval. {@code plus(cal, t, ZERO)} is {@code t}.
   *
   * @param cal the calendar, not null
   * @param t the start, not null
   * @param d the working time to add, zero or positive, not null
   * @return the due instant, not before {@code t}, not null
   * @throws IllegalArgumentException if {@code d} is negative
   * @throws NullPointerException if any argument is null
   * @throws DateTimeException if the result lies beyond the range of {@link LocalDate}
   */
  public static Instant plus(BusinessCalendar cal, Instant t, Duration d) {
    Objects.requireNonNull(cal, "cal");
    Objects.requireNonNull(t, "t");
    Objects.requireNonNull(d, "d");
    if (d.isNegative()) {
      throw new IllegalArgumentException("working time to add must not be negative, was " + d);
    }
    if (d.isZero()) {
      return t;
    }
    if (cal.isAlwaysWorking()) {
      return t.plus(d);
    }
    Index index = index(cal, t, t);
    while (true) {
      Duration total =
          Duration.ofMillis(index.cumulativeMillis(t)).plusNanos(index.subMilliNanos(t)).plus(d);
      long targetMillis = total.getSeconds() * 1000 + total.getNano() / NANOS_PER_MILLI;
      long remainderNanos = total.getNano() % NANOS_PER_MILLI;
      Instant due = index.solve(targetMillis, remainderNanos);
      if (due != null) {
        return due;
      }
      index = extendForward(cal, index);
    }
  }

  private static Index index(BusinessCalendar cal, Instant a, Instant b) {
    int firstYear = utcYear(a);
    int lastYear = utcYear(b);
    String key = cal.id() + "@" + cal.version();
    Index cached;
    synchronized (CACHE) {
      cached = CACHE.get(key);
    }
    if (cached != null && cached.isFor(cal)) {
      if (cached.firstYear <= firstYear && lastYear <= cached.lastYear) {
        return cached;
      }
      firstYear = Math.min(firstYear, cached.firstYear);
      lastYear = Math.max(lastYear, cached.lastYear);
    }
    return store(key, Index.build(cal, firstYear, lastYear));
  }

  private static Index extendForward(BusinessCalendar cal, Index index) {
    int years = index.lastYear - index.firstYear + 1;
    int lastYear = (int) Math.min((long) index.lastYear + years, LocalDate.MAX.getYear() - 1L);
    if (lastYear <= index.lastYear) {
      throw new DateTimeException("due time is beyond the supported range of dates");
    }
    return store(cal.id() + "@" + cal.version(), Index.build(cal, index.firstYear, lastYear));
  }

  private static Index store(String key, Index index) {
    synchronized (CACHE) {
      Index current = CACHE.get(key);
      if (current == null
          || !current.isFor(index.calendar)
          || current.firstYear > index.firstYear
          || current.lastYear < index.lastYear) {
        CACHE.put(key, index);
      }
    }
    return index;
  }

  private static int utcYear(Instant instant) {
    return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC).getYear();
  }

  /**
   * The working instants of a calendar for the local dates of a range of years, as sorted disjoint
   * intervals of epoch milliseconds with the cumulative working time before each.
   */
  private static final class Index {

    private final BusinessCalendar calendar;
    private final int firstYear;
    private final int lastYear;
    private final long windowEndMillis;
    private final long[] starts;
    private final long[] ends;
    private final long[] before;
    private final long cumulativeAtWindowEnd;

    private Index(
        BusinessCalendar calendar, int firstYear, int lastYear, long[] starts, long[] ends) {
      this.calendar = calendar;
      this.firstYear = firstYear;
      this.lastYear = lastYear;
      this.windowEndMillis =
          LocalDate.of(lastYear + 1, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1000;
      this.starts = starts;
      this.ends = ends;
      this.before = new long[starts.length];
      long sum = 0;
      for (int i = 0; i < starts.length; i++) {
        before[i] = sum;
        sum += ends[i] - starts[i];
      }
      this.cumulativeAtWindowEnd = cumulativeMillisAt(windowEndMillis);
    }

    /**
     * Builds the index for every instant whose UTC year is in {@code [firstYear, lastYear]}: the
     * local dates covered reach two days beyond those years on both sides, more than any offset.
     */
    static Index build(BusinessCalendar cal, int firstYear, int lastYear) {
      ZoneRules rules = cal.zone().getRules();
      LocalDate from = LocalDate.of(firstYear, 1, 1).minusDays(2);
      LocalDate to = LocalDate.of(lastYear, 12, 31).plusDays(2);
      Pieces pieces = new Pieces();
      for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
        if (cal.isHoliday(date)) {
          continue;
        }
        for (LocalTimeInterval interval : cal.intervalsOn(date.getDayOfWeek())) {
          addInterval(rules, date, interval, pieces);
        }
      }
      return pieces.toIndex(cal, firstYear, lastYear);
    }

    /**
     * Adds the instants whose local date-time lies in {@code interval} on {@code date}: splits the
     * candidate instants by the zone's offset transitions and, for each constant-offset segment,
     * intersects {@code [start - offset, end - offset)} with it.
     */
    private static void addInterval(
        ZoneRules rules, LocalDate date, LocalTimeInterval interval, Pieces pieces) {
      long localStart = date.toEpochDay() * 86_400L + interval.startSecondOfDay();
      long localEnd = date.toEpochDay() * 86_400L + interval.endSecondOfDay();
      long low = localStart - MAX_OFFSET_SECONDS;
      long high = localEnd + MAX_OFFSET_SECONDS;
      long segmentStart = low;
      while (segmentStart < high) {
        Instant at = Instant.ofEpochSecond(segmentStart);
        long offset = rules.getOffset(at).getTotalSeconds();
        ZoneOffsetTransition next = rules.nextTransition(at);
        long segmentEnd = next == null ? high : Math.min(high, next.getInstant().getEpochSecond());
        long start = Math.max(segmentStart, localStart - offset);
        long end = Math.min(segmentEnd, localEnd - offset);
        if (start < end) {
          pieces.add(start * 1000, end * 1000);
        }
        segmentStart = segmentEnd;
      }
    }

    boolean isFor(BusinessCalendar cal) {
      return calendar == cal || calendar.equals(cal);
    }

    /** Working milliseconds from the index's first interval to the whole millisecond of x. */
    long cumulativeMillis(Instant x) {
      return cumulativeMillisAt(x.getEpochSecond() * 1000 + x.getNano() / NANOS_PER_MILLI);
    }

    /** The nanoseconds of x beyond its whole millisecond if that millisecond is working, else 0. */
    long subMilliNanos(Instant x) {
      long nanos = x.getNano() % NANOS_PER_MILLI;
      if (nanos == 0) {
        return 0;
      }
      long millis = x.getEpochSecond() * 1000 + x.getNano() / NANOS_PER_MILLI;
      int i = lastStartAtOrBefore(millis);
      return i >= 0 && millis < ends[i] ? nanos : 0;
    }

    private long cumulativeMillisAt(long millis) {
      int i = lastStartAtOrBefore(millis);
      if (i < 0) {
        return 0;
      }
      return before[i] + Math.min(millis, ends[i]) - starts[i];
    }

    private int lastStartAtOrBefore(long millis) {
      int found = Arrays.binarySearch(starts, millis);
      return found >= 0 ? found : -found - 2;
    }

    /**
     * The earliest instant where the cumulative working time reaches {@code targetMillis} ms plus
     * {@code remainderNanos} ns (less than one ms), or null when that lies beyond the window.
     */
    Instant solve(long targetMillis, long remainderNanos) {
      if (remainderNanos == 0
          ? cumulativeAtWindowEnd < targetMillis
          : cumulativeAtWindowEnd <= targetMillis) {
        return null;
      }
      int low = 0;
      int high = starts.length - 1;
      while (low < high) {
        int mid = (low + high) >>> 1;
        long endCumulative = before[mid] + ends[mid] - starts[mid];
        boolean reaches =
            remainderNanos == 0 ? endCumulative >= targetMillis : endCumulative > targetMillis;
        if (reaches) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      long millis = starts[low] + (targetMillis - before[low]);
      return Instant.ofEpochMilli(millis).plusNanos(remainderNanos);
    }
  }

  /** A growable list of instant intervals, sorted and merged into an {@link Index}. */
  private static final class Pieces {
    private long[] starts = new long[1024];
    private long[] ends = new long[1024];
    private int size;

    void add(long start, long end) {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
      }
      starts[size] = start;
      ends[size] = end;
      size++;
    }

    Index toIndex(BusinessCalendar cal, int firstYear, int lastYear) {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Long.compare(starts[x], starts[y]));
      long[] mergedStarts = new long[size];
      long[] mergedEnds = new long[size];
      int count = 0;
      for (int i : order) {
        if (count > 0 && starts[i] <= mergedEnds[count - 1]) {
          mergedEnds[count - 1] = Math.max(mergedEnds[count - 1], ends[i]);
        } else {
          mergedStarts[count] = starts[i];
          mergedEnds[count] = ends[i];
          count++;
        }
      }
      return new Index(
          cal,
          firstYear,
          lastYear,
          Arrays.copyOf(mergedStarts, count),
          Arrays.copyOf(mergedEnds, count));
    }
  }
}
