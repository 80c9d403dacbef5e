package io.prazo.load;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

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

  /** One request of a paced client. */
  @FunctionalInterface
  interface PacedStep {
    /**
     * @param index how many requests this client sent before, from 0
     */
    void send(int index) throws InterruptedException;
  }

  /**
   * Runs a paced client until the run is over: a request every {@code interval} nanoseconds from
   * {@code start + offset}, without catching up after a stall (a client that fell behind resumes
   * the pace from now). Each request done counts in {@code completed}. Returns when the run is over
   * or the thread is interrupted (its flag then stays set).
   */
  void paced(long interval, long offset, LongAdder completed, PacedStep step) {
    long next = start + offset;
    int sent = 0;
    try {
      while (true) {
        long now = System.nanoTime();
        if (next - now > 0) {
          LockSupport.parkNanos(next - now);
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
          continue;
        }
        if (isOver(now)) {
          return;
        }
        step.send(sent++);
        completed.increment();
        next = Math.max(next + interval, System.nanoTime() - interval);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
