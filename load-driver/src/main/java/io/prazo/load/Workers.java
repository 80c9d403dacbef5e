package io.prazo.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Runs one benchmark's workers on platform threads, with a progress line every few seconds. */
final class Workers {

  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private Workers() {}

  /**
   * Starts every worker on its own thread and waits until all have returned. Workers stop by
   * themselves when {@code phases} is over; one still busy {@code grace} later is interrupted and
   * the run fails.
   *
   * @param completed requests done so far (warm-up included), for the progress line
   * @throws IllegalStateException when a worker threw or did not stop in time
   */
  static void run(
      String name,
      List<? extends Runnable> workers,
      Phases phases,
      LongAdder completed,
      PrintStream progress,
      Duration grace)
      throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>(workers.size());
    for (int i = 0; i < workers.size(); i++) {
      Thread thread = new Thread(workers.get(i), name + "-" + (i + 1));
      thread.setDaemon(true);
      thread.setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
      threads.add(thread);
    }
    threads.forEach(Thread::start);
    long deadline = phases.end() + grace.toNanos();
    long nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        long now = System.nanoTime();
        if (now - deadline > 0) {
          threads.forEach(Thread::interrupt);
          throw new IllegalStateException(
              name + ": " + thread.getName() + " still busy " + grace + " after the end");
        }
        if (now - nextProgress >= 0) {
          progress.println(progressLine(name, phases, now, completed.sum()));
          nextProgress = now + PROGRESS_EVERY_NANOS;
        }
        TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, Math.min(nextProgress, deadline) - now));
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException(name + ": a worker failed", failure.get());
    }
  }

  static String progressLine(String name, Phases phases, long now, long completed) {
    if (phases.isWarmingUp(now)) {
      return String.format(
          Locale.ROOT,
          "[%s] warm-up %.0f/%.0f s, %d requests",
          name,
          (now - phases.start()) / 1e9,
          (phases.measureStart() - phases.start()) / 1e9,
          completed);
    }
    if (!phases.isOver(now)) {
      return String.format(
          Locale.ROOT,
          "[%s] measuring %.0f/%.0f s, %d requests",
          name,
          (now - phases.measureStart()) / 1e9,
          (phases.end() - phases.measureStart()) / 1e9,
          completed);
    }
    return String.format(
        Locale.ROOT, "[%s] finishing requests in flight, %d requests", name, completed);
  }
}
