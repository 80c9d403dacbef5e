package io.prazo.load;

import java.time.Duration;

/**
 * One benchmark's timeline, in {@link System#nanoTime()} readings: warm-up from {@code start} to
 * {@code measureStart}, then the measured window up to {@code end}. A request belongs to the window
 * it <em>started</em> in, so one still running at {@code end} is measured in full and the window's
 * rate is {@code count / (end - measureStart)}.
 */
record Phases(long start, long measureStart, long end) {

  static Phases startingAt(long now, Duration warmup, Duration duration) {
    long measureStart = now + warmup.toNanos();
    return new Phases(now, measureStart, measureStart + duration.toNanos());
  }

  /** Whether a request that started at {@code requestStart} is measured (not warm-up). */
  boolean measures(long requestStart) {
    return requestStart - measureStart >= 0 && requestStart - end < 0;
  }

  /** Whether the run is over at {@code now}: no new request may start. */
  boolean isOver(long now) {
    return now - end >= 0;
  }

  boolean isWarmingUp(long now) {
    return now - measureStart < 0;
  }

  Duration measured() {
    return Duration.ofNanos(end - measureStart);
  }
}
