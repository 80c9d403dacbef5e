package io.prazo.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * Public access to the package-private {@code ReferenceBusinessTime} of sla-core's tests, so that
 * benchmarks in {@code io.prazo.sla.bench} can call it directly (no reflection in the measured
 * path).
 */
public final class ReferenceAccess {

  private ReferenceAccess() {}

  /** {@code ReferenceBusinessTime.workingTime}: minute-aligned instants only. */
  public static Duration workingTime(BusinessCalendar cal, Instant a, Instant b) {
    return ReferenceBusinessTime.workingTime(cal, a, b);
  }

  /** {@code ReferenceBusinessTime.plus}: minute-aligned instant and whole minutes only. */
  public static Instant plus(BusinessCalendar cal, Instant t, Duration d) {
    return ReferenceBusinessTime.plus(cal, t, d);
  }
}
