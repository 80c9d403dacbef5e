package io.prazo.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Successful requests started in a measured window: how many, how many per second of the window,
 * and how long they took.
 */
record Measured(long count, double perSecond, LatencyMs latencyMs) {

  static Measured of(Histogram microseconds, Duration window) {
    long count = microseconds.getTotalCount();
    double seconds = window.toNanos() / 1e9;
    return new Measured(count, seconds > 0 ? count / seconds : 0, LatencyMs.of(microseconds));
  }
}
