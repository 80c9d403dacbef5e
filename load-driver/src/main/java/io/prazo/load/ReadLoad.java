package io.prazo.load;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Closed-loop reads: concurrent clients each sending its next {@code GET} as soon as the previous
 * one has answered, for a warm-up and a measured window.
 */
final class ReadLoad {

  /** After a transport failure (no answer at all), so a dead server does not spin the clients. */
  private static final long TRANSPORT_ERROR_PAUSE_MS = 100;

  /**
   * One run's figures.
   *
   * @param name what was read, e.g. {@code "queue, page 50"}
   * @param query the request, with {@code {placeholders}} for what varies from one to the next
   * @param matching how many tickets the query matched when the run started (its page's {@code
   *     total}), or null for single tickets
   * @param reads successful reads started in the measured window
   */
  record Stats(
      String name,
      String query,
      int clients,
      double measuredSeconds,
      Long matching,
      Measured reads,
      Map<String, Long> errors,
      Map<String, Long> warmupErrors,
      List<String> errorExamples) {

    long errorCount() {
      return Errors.total(errors, warmupErrors);
    }
  }

  private final PrazoClient client;
  private final String token;

  ReadLoad(PrazoClient client, String token) {
    this.client = client;
    this.token = token;
  }

  /**
   * Runs {@code clients} clients, each drawing its requests' paths from {@code paths} with its own
   * random numbers.
   */
  Stats run(
      String name,
      String query,
      Long matching,
      Function<SplittableRandom, String> paths,
      int clients,
      Duration warmup,
      Duration duration,
      Duration grace,
      PrintStream progress)
      throws InterruptedException {
    LongAdder completed = new LongAdder();
    Phases phases = Phases.startingAt(System.nanoTime(), warmup, duration);
    List<Tally> tallies = new ArrayList<>(clients);
    List<Runnable> workers = new ArrayList<>(clients);
    SplittableRandom seeds = new SplittableRandom(name.hashCode());
    for (int i = 0; i < clients; i++) {
      Tally tally = new Tally();
      SplittableRandom random = seeds.split();
      tallies.add(tally);
      workers.add(() -> readUntilTheEnd(phases, paths, random, tally, completed, name));
    }
    Workers.run(name + " x" + clients, workers, phases, completed, progress, grace);
    Tally all = Tally.merge(tallies);
    return new Stats(
        name,
        query,
        clients,
        phases.measured().toNanos() / 1e9,
        matching,
        Measured.of(all.latencies, phases.measured()),
        all.errors.counts(),
        all.warmupErrors.counts(),
        Errors.examples(all.errors, all.warmupErrors));
  }

  private void readUntilTheEnd(
      Phases phases,
      Function<SplittableRandom, String> paths,
      SplittableRandom random,
      Tally tally,
      LongAdder completed,
      String name) {
    try {
      while (!phases.isOver(System.nanoTime())) {
        String path = paths.apply(random);
        long start = System.nanoTime();
        try {
          PrazoClient.Response response = client.get(path, token);
          long end = System.nanoTime();
          if (response.isSuccess()) {
            tally.success(phases, start, end);
          } else {
            tally.failure(phases, start, String.valueOf(response.status()), name, response.body());
          }
        } catch (IOException e) {
          tally.failure(phases, start, e.getClass().getSimpleName(), name, e.getMessage());
          Thread.sleep(TRANSPORT_ERROR_PAUSE_MS);
        }
        completed.increment();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
