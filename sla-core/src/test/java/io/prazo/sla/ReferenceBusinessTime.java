package io.prazo.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A deliberately naive oracle for {@link BusinessTime}: it steps minute by minute and asks the
 * working predicate of sla.md section 1 for each minute. It is exact only for minute-aligned
 * instants and whole-minute durations on calendars whose interval bounds and zone offsets are whole
 * minutes, because working time then cannot change inside a minute; the properties compare on such
 * inputs only.
 */
final class ReferenceBusinessTime {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private ReferenceBusinessTime() {}

  /** The working predicate, straight from the definition. */
  static boolean isWorking(BusinessCalendar cal, Instant x) {
    LocalDateTime local = LocalDateTime.ofInstant(x, cal.zone());
    if (cal.isHoliday(local.toLocalDate())) {
      return false;
    }
    int second = local.toLocalTime().toSecondOfDay();
    for (LocalTimeInterval interval : cal.intervalsOn(local.getDayOfWeek())) {
      if (interval.startSecondOfDay() <= second && second < interval.endSecondOfDay()) {
        return true;
      }
    }
    return false;
  }

  /** Working time in [a, b), both minute-aligned, by counting working minutes. */
  static Duration workingTime(BusinessCalendar cal, Instant a, Instant b) {
    requireMinuteAligned(a);
    requireMinuteAligned(b);
    long minutes = 0;
    for (Instant x = a; x.isBefore(b); x = x.plus(MINUTE)) {
      if (isWorking(cal, x)) {
        minutes++;
      }
    }
    return Duration.ofMinutes(minutes);
  }

  /** The earliest u with workingTime(t, u) = d, by stepping minutes until d is reached. */
  static Instant plus(BusinessCalendar cal, Instant t, Duration d) {
    requireMinuteAligned(t);
    long wanted = d.toMinutes();
    if (!Duration.ofMinutes(wanted).equals(d)) {
      throw new IllegalArgumentException("not whole minutes: " + d);
    }
    Instant x = t;
    long accumulated = 0;
    while (accumulated < wanted) {
      if (isWorking(cal, x)) {
        accumulated++;
      }
      x = x.plus(MINUTE);
    }
    return x;
  }

  private static void requireMinuteAligned(Instant x) {
    if (!x.truncatedTo(ChronoUnit.MINUTES).equals(x)) {
      throw new IllegalArgumentException("not minute-aligned: " + x);
    }
  }
}
