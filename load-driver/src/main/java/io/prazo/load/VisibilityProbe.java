package io.prazo.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * How soon a command's effect can be read: {@value #PROBERS} probe clients each assign a random
 * ticket, take the instant the 200 arrives, and read the ticket until its view shows the command's
 * version; every other probe they read it once with {@code ?minVersion=} instead, which waits in
 * the service. A prober starts a probe at most every {@value #PROBE_SPACING_MILLIS} ms, so the
 * probes themselves are a light load. Optionally with a paced command load (assignments and
 * internal notes on random tickets) beside them.
 */
final class VisibilityProbe {

  /** Clients that share the background rate. */
  static final int BACKGROUND_CLIENTS = 4;

  /** Probe clients. */
  static final int PROBERS = 4;

  /** The least time between the starts of two probes of one prober. */
  static final long PROBE_SPACING_MILLIS = 100;

  /** Pause between two reads of a view that is still behind. */
  static final long POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /** A command whose effect is still not visible this long after its answer is an error. */
  private static final long VISIBLE_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(10);

  private static final long TRANSPORT_ERROR_PAUSE_MS = 100;

  /**
   * One run's figures.
   *
   * @param load {@code "idle"} or the background load
   * @param backgroundRate the background's target commands/s (0 when idle)
   * @param probeCommands the probe's commands, from sending to the answer
   * @param visibleByPolling from a probe command's answer until the first read that shows its
   *     version ends
   * @param pollsPerCommand reads it took on average (the last, that showed it, included)
   * @param minVersionReads a {@code GET ?minVersion=} sent right after the command's answer, from
   *     sending to its answer
   * @param background the background's commands, from sending to the answer
   */
  record Stats(
      String load,
      int backgroundRate,
      double measuredSeconds,
      Measured probeCommands,
      Measured visibleByPolling,
      double pollsPerCommand,
      Measured minVersionReads,
      Measured background,
      Map<String, Long> errors,
      Map<String, Long> warmupErrors,
      List<String> errorExamples) {

    long errorCount() {
      return Errors.total(errors, warmupErrors);
    }
  }

  private final PrazoClient client;
  private final ObjectMapper json;
  private final String agentToken;
  private final List<String> ticketIds;
  private final List<byte[]> assignments = new ArrayList<>();
  private final byte[] note;

  VisibilityProbe(
      PrazoClient client, ObjectMapper json, String agentToken, List<String> ticketIds) {
    this.client = client;
    this.json = json;
    this.agentToken = agentToken;
    this.ticketIds = ticketIds;
    for (String assignee : QueryPlan.assignees()) {
      assignments.add(client.body(Map.of("assignee", assignee, "level", "N1")));
    }
    this.note = client.body(Map.of("body", "Internal note (load test).", "public", false));
  }

  /** Runs the probe, with {@code backgroundRate} commands/s beside it (0: none). */
  Stats run(
      int backgroundRate, Duration warmup, Duration duration, Duration grace, PrintStream progress)
      throws InterruptedException {
    LongAdder completed = new LongAdder();
    Phases phases = Phases.startingAt(System.nanoTime(), warmup, duration);
    List<Prober> probers = new ArrayList<>();
    List<Runnable> workers = new ArrayList<>();
    SplittableRandom probeSeeds = new SplittableRandom(17);
    for (int i = 0; i < PROBERS; i++) {
      Prober prober = new Prober(phases, completed, probeSeeds.split());
      probers.add(prober);
      workers.add(prober);
    }
    List<Tally> background = new ArrayList<>();
    if (backgroundRate > 0) {
      long interval = Math.round(BACKGROUND_CLIENTS * 1e9 / backgroundRate);
      SplittableRandom seeds = new SplittableRandom(29);
      for (int i = 0; i < BACKGROUND_CLIENTS; i++) {
        Tally tally = new Tally();
        background.add(tally);
        SplittableRandom random = seeds.split();
        long offset = i * interval / BACKGROUND_CLIENTS;
        workers.add(() -> paced(phases, interval, offset, random, tally, completed));
      }
    }
    String load = backgroundRate > 0 ? backgroundRate + " commands/s in the background" : "idle";
    Workers.run("visibility, " + load, workers, phases, completed, progress, grace);

    Tally backgroundAll = Tally.merge(background);
    Tally commands = Tally.merge(probers.stream().map(p -> p.commands).toList());
    Tally polled = Tally.merge(probers.stream().map(p -> p.polled).toList());
    Tally minVersion = Tally.merge(probers.stream().map(p -> p.minVersion).toList());
    Tally errors = Tally.merge(List.of(commands, polled, minVersion, backgroundAll));
    long visible = polled.latencies.getTotalCount();
    long polls = probers.stream().mapToLong(p -> p.measuredPolls).sum();
    return new Stats(
        load,
        backgroundRate,
        phases.measured().toNanos() / 1e9,
        Measured.of(commands.latencies, phases.measured()),
        Measured.of(polled.latencies, phases.measured()),
        visible > 0 ? (double) polls / visible : 0,
        Measured.of(minVersion.latencies, phases.measured()),
        backgroundRate > 0 ? Measured.of(backgroundAll.latencies, phases.measured()) : null,
        errors.errors.counts(),
        errors.warmupErrors.counts(),
        Errors.examples(errors.errors, errors.warmupErrors));
  }

  /** The version in a ticket's or a command's answer, or -1. */
  long version(String body) {
    try {
      return json.readTree(body).path("version").asLong(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  /** A background client: assignments and notes, alternately, to random tickets. */
  private void paced(
      Phases phases,
      long interval,
      long offset,
      SplittableRandom random,
      Tally tally,
      LongAdder completed) {
    phases.paced(
        interval,
        offset,
        completed,
        index -> {
          String id = ticketIds.get(random.nextInt(ticketIds.size()));
          boolean assign = index % 2 == 0;
          send(
              phases,
              tally,
              assign ? "background assignment" : "background note",
              "/api/tickets/" + id + (assign ? "/assignment" : "/replies"),
              assign ? assignments.get(random.nextInt(assignments.size())) : note);
        });
  }

  /** Sends one agent command, tallied; its answer, or null when it failed. */
  private PrazoClient.Response send(
      Phases phases, Tally tally, String what, String path, byte[] body)
      throws InterruptedException {
    long start = System.nanoTime();
    try {
      PrazoClient.Response response = client.post(path, agentToken, body);
      if (response.isSuccess()) {
        tally.success(phases, start, System.nanoTime());
        return response;
      }
      tally.failure(phases, start, String.valueOf(response.status()), what, response.body());
    } catch (IOException e) {
      tally.failure(phases, start, e.getClass().getSimpleName(), what, e.getMessage());
      Thread.sleep(TRANSPORT_ERROR_PAUSE_MS);
    }
    return null;
  }

  /** The probe client. Its tallies are read by the main thread after it has ended. */
  private final class Prober implements Runnable {
    private final Phases phases;
    private final LongAdder completed;
    private final SplittableRandom random;
    private final Tally commands = new Tally();
    private final Tally polled = new Tally();
    private final Tally minVersion = new Tally();
    private long measuredPolls;

    Prober(Phases phases, LongAdder completed, SplittableRandom random) {
      this.phases = phases;
      this.completed = completed;
      this.random = random;
    }

    @Override
    public void run() {
      try {
        long spacing = TimeUnit.MILLISECONDS.toNanos(PROBE_SPACING_MILLIS);
        long next = System.nanoTime() + random.nextLong(spacing);
        for (int probe = 0; ; probe++) {
          long wait = next - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          if (phases.isOver(System.nanoTime())) {
            return;
          }
          String id = ticketIds.get(random.nextInt(ticketIds.size()));
          long start = System.nanoTime();
          next = start + spacing;
          PrazoClient.Response ack =
              send(
                  phases,
                  commands,
                  "probe assignment",
                  "/api/tickets/" + id + "/assignment",
                  assignments.get(probe % assignments.size()));
          long accepted = System.nanoTime();
          completed.increment();
          if (ack == null) {
            continue;
          }
          long version = version(ack.body());
          if (probe % 2 == 0) {
            poll(id, version, start, accepted);
          } else {
            readWithMinVersion(id, version);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Reads the ticket until its view shows {@code version}. */
    private void poll(String id, long version, long commandStart, long accepted)
        throws InterruptedException {
      int polls = 0;
      while (true) {
        long start = System.nanoTime();
        PrazoClient.Response read;
        try {
          read = client.get("/api/tickets/" + id, agentToken);
        } catch (IOException e) {
          polled.failure(
              phases, commandStart, e.getClass().getSimpleName(), "poll", e.getMessage());
          Thread.sleep(TRANSPORT_ERROR_PAUSE_MS);
          return;
        }
        long end = System.nanoTime();
        polls++;
        completed.increment();
        if (!read.isSuccess()) {
          polled.failure(phases, start, String.valueOf(read.status()), "poll", read.body());
          return;
        }
        if (version(read.body()) >= version) {
          if (phases.measures(commandStart)) {
            Histograms.record(polled.latencies, accepted, end);
            measuredPolls += polls;
          }
          return;
        }
        if (end - accepted > VISIBLE_WITHIN_NANOS) {
          polled.failure(
              phases,
              commandStart,
              "not visible",
              "poll",
              "version " + version + " of " + id + " not in the view 10 s after the answer");
          return;
        }
        LockSupport.parkNanos(POLL_PAUSE_NANOS);
      }
    }

    /** One read that waits in the service until the view shows {@code version}. */
    private void readWithMinVersion(String id, long version) throws InterruptedException {
      long start = System.nanoTime();
      try {
        PrazoClient.Response read =
            client.get("/api/tickets/" + id + "?minVersion=" + version, agentToken);
        long end = System.nanoTime();
        if (!read.isSuccess()) {
          minVersion.failure(
              phases, start, String.valueOf(read.status()), "minVersion read", read.body());
        } else if (version(read.body()) < version) {
          minVersion.failure(phases, start, "stale", "minVersion read", read.body());
        } else {
          minVersion.success(phases, start, end);
        }
      } catch (IOException e) {
        minVersion.failure(
            phases, start, e.getClass().getSimpleName(), "minVersion read", e.getMessage());
        Thread.sleep(TRANSPORT_ERROR_PAUSE_MS);
      }
      completed.increment();
    }
  }
}
