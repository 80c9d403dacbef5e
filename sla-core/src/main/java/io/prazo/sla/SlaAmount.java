package io.prazo.sla;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of an SLA target: either a fixed amount of working time, such as {@code PT30M}, or a
 * whole number of business days, such as {@code 2bd}. N business days are N times the target
 * calendar's {@linkplain BusinessCalendar#dayLength() day length} of working time (spec: sla.md
 * section 1); no other rule for business days exists.
 *
 * <p>An amount is always positive. Its wire form is an ISO-8601 duration ({@code PT4H}) or a count
 * followed by {@code bd} ({@code 1bd}); {@link #toString()} gives the canonical wire form, which
 * {@link #parse} reads back to an equal amount. Equal durations written differently ({@code P1D}
 * and {@code PT24H}) are the same amount.
 *
 * <p>Implementation Requirements: this class is immutable and thread-safe.
 */
public final class SlaAmount {

  private static final Pattern BUSINESS_DAYS =
      Pattern.compile("([+-]?[0-9]{1,10})\\s*bd", Pattern.CASE_INSENSITIVE);

  /** The fixed duration, or null for business days. */
  private final Duration duration;

  /** The number of business days, or 0 for a fixed duration. */
  private final int businessDays;

  private SlaAmount(Duration duration, int businessDays) {
    this.duration = duration;
    this.businessDays = businessDays;
  }

  /**
   * Obtains a fixed amount of working time.
   *
   * @param duration the amount, positive, not null
   * @return the amount, not null
   * @throws IllegalArgumentException if the duration is zero or negative
   * @throws NullPointerException if the duration is null
   */
  public static SlaAmount ofDuration(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("an SLA amount must be positive, was " + duration);
    }
    return new SlaAmount(duration, 0);
  }

  /**
   * Obtains a number of business days.
   *
   * @param days the number of business days, 1 or more
   * @return the amount, not null
   * @throws IllegalArgumentException if {@code days < 1}
   */
  public static SlaAmount ofBusinessDays(int days) {
    if (days < 1) {
      throw new IllegalArgumentException("an SLA amount must be positive, was " + days + "bd");
    }
    return new SlaAmount(null, days);
  }

  /**
   * Parses the wire form: an ISO-8601 duration such as {@code PT30M}, {@code PT4H} or {@code P1D}
   * (24 hours), or business days such as {@code 2bd} ({@code bd} in any case).
   *
   * @param text the text, not null
   * @return the amount, not null
   * @throws IllegalArgumentException if the text is neither form, or the amount is zero or negative
   * @throws NullPointerException if the text is null
   */
  public static SlaAmount parse(CharSequence text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.toString().strip();
    Matcher days = BUSINESS_DAYS.matcher(trimmed);
    if (days.matches()) {
      long count = Long.parseLong(days.group(1));
      if (count < 1) {
        throw new IllegalArgumentException("an SLA amount must be positive, was " + trimmed);
      }
      if (count > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("too many business days: " + trimmed);
      }
      return ofBusinessDays((int) count);
    }
    Duration duration;
    try {
      duration = Duration.parse(trimmed);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is neither an ISO-8601 duration (PT30M) nor business days (2bd)");
    }
    return ofDuration(duration);
  }

  /**
   * Whether the amount is a number of business days rather than a fixed duration.
   *
   * @return true for business days
   */
  public boolean isBusinessDays() {
    return duration == null;
  }

  /**
   * The number of business days.
   *
   * @return the count, 1 or more
   * @throws IllegalStateException if the amount is a fixed duration
   */
  public int businessDays() {
    if (duration != null) {
      throw new IllegalStateException(this + " is a duration, not business days");
    }
    return businessDays;
  }

  /**
   * The fixed duration.
   *
   * @return the positive duration, not null
   * @throws IllegalStateException if the amount is business days
   */
  public Duration duration() {
    if (duration == null) {
      throw new IllegalStateException(this + " is business days, not a duration");
    }
    return duration;
  }

  /**
   * The working time this amount stands for on a calendar with the given day length: the fixed
   * duration itself, or business days times the day length.
   *
   * @param dayLength the calendar's day length, positive, not null
   * @return the positive working time, not null
   * @throws NullPointerException if {@code dayLength} is null
   * @throws IllegalArgumentException if {@code dayLength} is not positive
   */
  public Duration toDuration(Duration dayLength) {
    Objects.requireNonNull(dayLength, "dayLength");
    if (dayLength.isZero() || dayLength.isNegative()) {
      throw new IllegalArgumentException("the day length must be positive, was " + dayLength);
    }
    return duration != null ? duration : dayLength.multipliedBy(businessDays);
  }

  /**
   * Equal when both are the same duration or the same number of business days.
   *
   * @param obj the other object, may be null
   * @return true if equal
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof SlaAmount other
        && Objects.equals(duration, other.duration)
        && businessDays == other.businessDays;
  }

  /**
   * A hash of the amount.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return duration != null ? duration.hashCode() : 31 * businessDays + 7;
  }

  /**
   * The canonical wire form: {@link Duration#toString()} (e.g. {@code PT30M}) or the count and
   * {@code bd} (e.g. {@code 2bd}).
   *
   * @return the text, which {@link #parse} reads back to an equal amount, not null
   */
  @Override
  public String toString() {
    return duration != null ? duration.toString() : businessDays + "bd";
  }
}
