package io.prazo.load;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in milliseconds, from a histogram of microseconds. Percentiles are
 * HdrHistogram's highest equivalent values (3 significant digits). All zero when nothing was
 * recorded.
 */
record LatencyMs(double p50, double p90, double p99, double p999, double max, double mean) {

  static LatencyMs of(Histogram microseconds) {
    if (microseconds.getTotalCount() == 0) {
      return new LatencyMs(0, 0, 0, 0, 0, 0);
    }
    return new LatencyMs(
        ms(microseconds.getValueAtPercentile(50.0)),
        ms(microseconds.getValueAtPercentile(90.0)),
        ms(microseconds.getValueAtPercentile(99.0)),
        ms(microseconds.getValueAtPercentile(99.9)),
        ms(microseconds.getMaxValue()),
        microseconds.getMean() / 1000.0);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
