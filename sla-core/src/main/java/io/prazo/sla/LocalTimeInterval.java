package io.prazo.sla;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A half-open interval of local time within one day, {@code [start, end)}, such as {@code
 * 08:00-12:00}. The end may be {@code 24:00}, the end of the day, which {@link LocalTime} cannot
 * hold; the interval therefore keeps both ends as seconds of the day, {@code 0 <= start < end <=
 * 86400}. Times are whole seconds: fractions of a second are refused.
 *
 * <p>Because {@code start < end} is required, an end of {@link LocalTime#MIDNIGHT} given to {@link
 * #of(LocalTime, LocalTime)} can only mean the end of the day and is read as {@code 24:00}.
 *
 * <p>Implementation Requirements: this class is immutable and thread-safe.
 */
public final class LocalTimeInterval implements Comparable<LocalTimeInterval> {

  /** Seconds in a day: the largest end, {@code 24:00}. */
  public static final int SECONDS_PER_DAY = 86_400;

  /** The whole day, {@code 00:00-24:00}. */
  public static final LocalTimeInterval ALL_DAY = new LocalTimeInterval(0, SECONDS_PER_DAY);

  private static final Pattern TIME = Pattern.compile("([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?");

  private final int startSecond;
  private final int endSecond;

  private LocalTimeInterval(int startSecond, int endSecond) {
    this.startSecond = startSecond;
    this.endSecond = endSecond;
  }

  /**
   * Obtains an interval from two local times.
   *
   * @param start the inclusive start, not null, whole seconds
   * @param end the exclusive end, not null, whole seconds; {@link LocalTime#MIDNIGHT} means {@code
   *     24:00}
   * @return the interval, not null
   * @throws IllegalArgumentException if a time has a fraction of a second, or {@code start} is not
   *     before {@code end}
   * @throws NullPointerException if an argument is null
   */
  public static LocalTimeInterval of(LocalTime start, LocalTime end) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.getNano() != 0 || end.getNano() != 0) {
      throw new IllegalArgumentException("times must be whole seconds: " + start + ", " + end);
    }
    int endSecond = end.equals(LocalTime.MIDNIGHT) ? SECONDS_PER_DAY : end.toSecondOfDay();
    return ofSecondsOfDay(start.toSecondOfDay(), endSecond);
  }

  /**
   * Obtains an interval from seconds of the day.
   *
   * @param startSecond the inclusive start, from 0 to 86399
   * @param endSecond the exclusive end, from 1 to 86400 (86400 is {@code 24:00})
   * @return the interval, not null
   * @throws IllegalArgumentException if a bound is out of range or {@code startSecond >= endSecond}
   */
  public static LocalTimeInterval ofSecondsOfDay(int startSecond, int endSecond) {
    if (startSecond < 0 || startSecond >= SECONDS_PER_DAY) {
      throw new IllegalArgumentException("start must be within the day: " + startSecond + " s");
    }
    if (endSecond < 1 || endSecond > SECONDS_PER_DAY) {
      throw new IllegalArgumentException("end must be within the day: " + endSecond + " s");
    }
    if (startSecond >= endSecond) {
      throw new IllegalArgumentException(
          "start "
              + format(startSecond)
              + " must be before end "
              + format(endSecond)
              + " (an interval cannot cross midnight)");
    }
    return new LocalTimeInterval(startSecond, endSecond);
  }

  /**
   * Parses an interval from two times of the form {@code HH:mm} or {@code HH:mm:ss}, such as {@code
   * parse("08:00", "24:00")}. Only the end may be {@code 24:00}.
   *
   * @param start the start, not null
   * @param end the end, not null
   * @return the interval, not null
   * @throws IllegalArgumentException if a time does not parse, or the start is not before the end
   * @throws NullPointerException if an argument is null
   */
  public static LocalTimeInterval parse(CharSequence start, CharSequence end) {
    int startSecond = parseSecondOfDay(start, false);
    int endSecond = parseSecondOfDay(end, true);
    return ofSecondsOfDay(startSecond, endSecond);
  }

  /**
   * Parses one time of day of the form {@code HH:mm} or {@code HH:mm:ss}.
   *
   * @param text the text, not null
   * @param allowEndOfDay whether {@code 24:00} is accepted
   * @return the second of the day, 0 to 86400
   */
  private static int parseSecondOfDay(CharSequence text, boolean allowEndOfDay) {
    Objects.requireNonNull(text, "time");
    Matcher m = TIME.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a time of the form HH:mm");
    }
    int hours = Integer.parseInt(m.group(1));
    int minutes = Integer.parseInt(m.group(2));
    int seconds = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    if (hours == 24 && minutes == 0 && seconds == 0) {
      if (!allowEndOfDay) {
        throw new IllegalArgumentException("24:00 is allowed only as the end of an interval");
      }
      return SECONDS_PER_DAY;
    }
    if (hours > 23 || minutes > 59 || seconds > 59) {
      throw new IllegalArgumentException("'" + text + "' is not a valid time of day");
    }
    return hours * 3600 + minutes * 60 + seconds;
  }

  /**
   * The inclusive start.
   *
   * @return the start, not null
   */
  public LocalTime start() {
    return LocalTime.ofSecondOfDay(startSecond);
  }

  /**
   * The exclusive end as a local time; {@code 24:00} is returned as {@link LocalTime#MIDNIGHT}. Use
   * {@link #isEndOfDay()} or {@link #endSecondOfDay()} to tell it apart.
   *
   * @return the end, not null
   */
  public LocalTime end() {
    return endSecond == SECONDS_PER_DAY ? LocalTime.MIDNIGHT : LocalTime.ofSecondOfDay(endSecond);
  }

  /**
   * Whether the interval ends at {@code 24:00}, the end of the day.
   *
   * @return true if the end is {@code 24:00}
   */
  public boolean isEndOfDay() {
    return endSecond == SECONDS_PER_DAY;
  }

  /**
   * The start as seconds after midnight.
   *
   * @return the start, from 0 to 86399
   */
  public int startSecondOfDay() {
    return startSecond;
  }

  /**
   * The end as seconds after midnight.
   *
   * @return the end, from 1 to 86400 ({@code 24:00})
   */
  public int endSecondOfDay() {
    return endSecond;
  }

  /**
   * The nominal length of the interval: end minus start in local time. On a day with a
   * daylight-saving change the real time the interval covers may differ.
   *
   * @return a positive duration of at most 24 hours, not null
   */
  public Duration duration() {
    return Duration.ofSeconds(endSecond - startSecond);
  }

  /**
   * Whether a local time lies inside this half-open interval.
   *
   * @param time the time, not null
   * @return true if {@code start <= time < end}
   */
  public boolean contains(LocalTime time) {
    long nanoOfDay = time.toNanoOfDay();
    return nanoOfDay >= startSecond * 1_000_000_000L && nanoOfDay < endSecond * 1_000_000_000L;
  }

  /**
   * Whether this interval and another share some time. Intervals that only touch ({@code
   * 08:00-12:00} and {@code 12:00-13:00}) do not overlap.
   *
   * @param other the other interval, not null
   * @return true if they overlap
   */
  public boolean overlaps(LocalTimeInterval other) {
    return startSecond < other.endSecond && other.startSecond < endSecond;
  }

  /**
   * Whether this interval and another overlap or touch, so that their union is one interval.
   *
   * @param other the other interval, not null
   * @return true if they are connected
   */
  public boolean isConnected(LocalTimeInterval other) {
    return startSecond <= other.endSecond && other.startSecond <= endSecond;
  }

  /**
   * The smallest interval holding this one and another.
   *
   * @param other the other interval, not null
   * @return the span, not null
   */
  public LocalTimeInterval span(LocalTimeInterval other) {
    return ofSecondsOfDay(
        Math.min(startSecond, other.startSecond), Math.max(endSecond, other.endSecond));
  }

  /**
   * The start as text, {@code HH:mm} or {@code HH:mm:ss} when the seconds are not zero.
   *
   * @return the text, not null
   */
  public String startText() {
    return format(startSecond);
  }

  /**
   * The end as text, {@code HH:mm}, {@code HH:mm:ss} when the seconds are not zero, or {@code
   * 24:00}.
   *
   * @return the text, not null
   */
  public String endText() {
    return format(endSecond);
  }

  private static String format(int secondOfDay) {
    int hours = secondOfDay / 3600;
    int minutes = secondOfDay / 60 % 60;
    int seconds = secondOfDay % 60;
    return seconds == 0
        ? String.format("%02d:%02d", hours, minutes)
        : String.format("%02d:%02d:%02d", hours, minutes, seconds);
  }

  /**
   * Orders by start, then by end.
   *
   * @param other the other interval, not null
   * @return negative, zero or positive
   */
  @Override
  public int compareTo(LocalTimeInterval other) {
    int cmp = Integer.compare(startSecond, other.startSecond);
    return cmp != 0 ? cmp : Integer.compare(endSecond, other.endSecond);
  }

  /**
   * Equal when both bounds are equal.
   *
   * @param obj the other object, may be null
   * @return true if equal
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof LocalTimeInterval other
        && startSecond == other.startSecond
        && endSecond == other.endSecond;
  }

  /**
   * A hash of both bounds.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return startSecond * 31 + endSecond;
  }

  /**
   * The interval as {@code HH:mm-HH:mm}, e.g. {@code 08:00-24:00}.
   *
   * @return the text, not null
   */
  @Override
  public String toString() {
    return startText() + "-" + endText();
  }
}
