package io.prazo.sla;

import java.time.Duration;
import java.util.Objects;

/**
 * One SLA target: an amount of working time measured on a named calendar, such as {@code PT4H} on
 * {@code 24x7} or {@code 2bd} on {@code br-weekdays}. A plain, immutable carrier.
 *
 * @param amount the amount, positive, not null
 * @param calendarId the id of the calendar the working time is measured on, not null
 */
public record SlaTarget(SlaAmount amount, String calendarId) {

  /**
   * Checks the components.
   *
   * @param amount the amount, not null
   * @param calendarId the calendar id, not null
   * @throws NullPointerException if a component is null
   */
  public SlaTarget {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(calendarId, "calendarId");
  }

  /**
   * Parses a target from the wire form of its amount.
   *
   * @param amount the amount, e.g. {@code PT30M} or {@code 2bd}, not null
   * @param calendarId the calendar id, not null
   * @return the target, not null
   * @throws IllegalArgumentException if the amount does not parse or is not positive
   */
  public static SlaTarget parse(CharSequence amount, String calendarId) {
    return new SlaTarget(SlaAmount.parse(amount), calendarId);
  }

  /**
   * The working time this target allows on its calendar: the amount, with business days multiplied
   * by the calendar's day length.
   *
   * @param calendar the target's calendar, whose id must be {@link #calendarId()}, not null
   * @return the positive working time, not null
   * @throws IllegalArgumentException if the calendar is not the target's calendar
   */
  public Duration toDuration(BusinessCalendar calendar) {
    if (!calendar.id().equals(calendarId)) {
      throw new IllegalArgumentException(
          "target on calendar " + calendarId + " measured with calendar " + calendar.id());
    }
    return amount.toDuration(calendar.dayLength());
  }

  /**
   * The target as {@code amount@calendar}, e.g. {@code PT4H@24x7}.
   *
   * @return the text, not null
   */
  @Override
  public String toString() {
    return amount + "@" + calendarId;
  }
}
