package io.prazo.load;

import org.HdrHistogram.Histogram;

/** Latency histograms in microseconds; one per thread (not thread-safe), merged after the run. */
final class Histograms {

  private static final int SIGNIFICANT_DIGITS = 3;

  private Histograms() {}

  /** An empty, auto-resizing histogram: any latency fits. */
  static Histogram micros() {
    return new Histogram(SIGNIFICANT_DIGITS);
  }

  /** Records {@code endNanos - startNanos} in microseconds, rounded. */
  static void record(Histogram histogram, long startNanos, long endNanos) {
    histogram.recordValue(Math.max(0, (endNanos - startNanos + 500) / 1000));
  }
}
