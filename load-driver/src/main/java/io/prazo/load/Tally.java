package io.prazo.load;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One client thread's successful request latencies (measured window only) and failures (warm-up and
 * measured apart). Not thread-safe: each thread has its own, merged after the run.
 */
final class Tally {

  final Histogram latencies = Histograms.micros();
  final Errors errors = new Errors();
  final Errors warmupErrors = new Errors();

  /** A request that started at {@code start} succeeded at {@code end}. */
  void success(Phases phases, long start, long end) {
    if (phases.measures(start)) {
      Histograms.record(latencies, start, end);
    }
  }

  /** A request that started at {@code start} failed; counted with the warm-up or the measure. */
  void failure(Phases phases, long start, String kind, String context, String detail) {
    (phases.isWarmingUp(start) ? warmupErrors : errors).add(kind, context, detail);
  }

  /** Every tally's figures together. */
  static Tally merge(List<Tally> tallies) {
    Tally all = new Tally();
    for (Tally tally : tallies) {
      all.latencies.add(tally.latencies);
      all.errors.addAll(tally.errors);
      all.warmupErrors.addAll(tally.warmupErrors);
    }
    return all;
  }
}
