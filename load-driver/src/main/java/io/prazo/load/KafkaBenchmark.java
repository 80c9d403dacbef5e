package io.prazo.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka publishing benchmark, in three parts.
 *
 * <ol>
 *   <li><b>History</b>: concurrent clients open tickets and take each through assignment, a public
 *       reply, an internal note, a pause and a resume (seven events, left open), until the store
 *       holds {@code historyEvents} of their events; a consumer reads the topic meanwhile, so the
 *       events stored and published per second while commands run are measured over the same
 *       window. Then the publisher's lag must reach 0 and every stored event must be in the topic.
 *   <li><b>Rebuilds</b>: a consumer at the topic's end, then {@code POST
 *       /api/admin/projections/kafka-publisher/rebuild}; timed until every event of the history has
 *       arrived again (distinct event ids). {@code --rebuilds} times, the first on a publisher
 *       whose batch path the JIT has not compiled yet.
 *   <li><b>Accepted to consumed</b>: per rate, paced clients assign and annotate random tickets of
 *       the history; each accepted command's answer (time and {@code version}) is paired with the
 *       record of that ticket and {@code sequence} by {@link LatencyMatcher}.
 * </ol>
 */
final class KafkaBenchmark {

  /** The publisher's name in {@code GET /api/admin/projections}. */
  static final String PUBLISHER = "kafka-publisher";

  /** The longest the publisher may take to catch up, or a rebuild to finish. */
  static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(10);

  /** How long the first ticket's events may take to create the topic. */
  static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

  /** How long after a latency run's end its records may still arrive. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  /** Commands per second one paced client sends at most. */
  static final int RATE_PER_CLIENT = 25;

  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long SAMPLE_MILLIS = 50;
  private static final long POLL_MILLIS = 200;
  private static final Duration READ_POLL = Duration.ofMillis(50);
  private static final long TRANSPORT_ERROR_PAUSE_MS = 100;
  private static final List<String> ASSIGNEES =
      List.of("kafka-agent-1", "kafka-agent-2", "kafka-agent-3", "kafka-agent-4");

  /** The tokens of a run: a supervisor (for the admin API), an agent, one customer per client. */
  record Actors(String supervisorToken, String agentToken, List<String> customerTokens) {}

  /**
   * How the history was built, and the publishing rate while it was.
   *
   * @param clients concurrent clients
   * @param tickets tickets opened
   * @param commands commands sent
   * @param events events those commands stored (from the versions they answered)
   * @param seconds from the clients' start until the last command was answered (the first ticket,
   *     opened alone before so that the topic exists, is counted above but not in the rates)
   * @param windowSeconds the window the live rates are measured over: from when a tenth of the
   *     events was stored until the last command was answered (both sampled every 50 ms)
   * @param storedPerSecond events stored per second in that window
   * @param publishedPerSecond distinct events consumed per second in that window
   * @param caughtUpSeconds from the last command's answer until the publisher's lag was 0 and the
   *     consumer had read the whole topic (sampled every 200 ms)
   * @param topicEvents distinct events (ids) in the topic afterwards: the history the rebuild sends
   * @param topicRecords records in the topic afterwards (an event sent twice counts twice)
   * @param missing events the commands stored that the topic lacks (must be 0)
   */
  record History(
      int clients,
      long tickets,
      long commands,
      long events,
      double seconds,
      double commandsPerSecond,
      double eventsPerSecond,
      double windowSeconds,
      long storedInWindow,
      double storedPerSecond,
      long publishedInWindow,
      double publishedPerSecond,
      double caughtUpSeconds,
      long topicEvents,
      long topicRecords,
      long missing) {}

  /**
   * The rebuild.
   *
   * @param events the history's distinct events
   * @param arrived those that arrived again
   * @param complete whether all did, within {@link #CATCH_UP_TIMEOUT}
   * @param seconds from the rebuild request until the last of them arrived
   * @param eventsPerSecond {@code arrived / seconds}
   * @param firstEventSeconds from the request until the first arrived
   * @param steadyEventsPerSecond between the 10% and the 90% marks
   * @param records records read (repeats and events outside the history included)
   * @param repeats records of an event that had already arrived again
   * @param unexpected records of events outside the history (stored during the rebuild)
   */
  record Rebuild(
      long events,
      long arrived,
      boolean complete,
      double seconds,
      double eventsPerSecond,
      double firstEventSeconds,
      double steadyEventsPerSecond,
      long records,
      long repeats,
      long unexpected) {}

  /**
   * One accepted-to-consumed run.
   *
   * @param rate target commands per second
   * @param clients paced clients sharing it
   * @param commands successful measured commands, from sending to the answer
   * @param consumed from a measured command's answer to the arrival of its record
   * @param matched measured commands whose record arrived
   * @param recordFirst of those, records that arrived before the answer (counted as 0)
   * @param neverMatched measured commands whose record never arrived (a failure)
   * @param neverMatchedExamples a few of those, as {@code ticket/sequence}
   */
  record LatencyRun(
      int rate,
      int clients,
      double measuredSeconds,
      Measured commands,
      Measured consumed,
      long matched,
      long recordFirst,
      long neverMatched,
      List<String> neverMatchedExamples,
      Map<String, Long> errors,
      Map<String, Long> warmupErrors,
      List<String> errorExamples) {

    /** Failed commands and records that never arrived. */
    long errorCount() {
      return Errors.total(errors, warmupErrors) + neverMatched;
    }
  }

  /**
   * Everything the benchmark found.
   *
   * @param bootstrapServers the brokers read
   * @param topic the topic read
   */
  record Result(
      String bootstrapServers,
      String topic,
      History history,
      List<Rebuild> rebuilds,
      List<LatencyRun> latency) {

    /**
     * Failed commands, records that never arrived, stored events missing, an unfinished rebuild.
     */
    long errorCount() {
      long count = history.missing();
      for (Rebuild rebuild : rebuilds) {
        count += rebuild.complete() ? 0 : rebuild.events() - rebuild.arrived();
      }
      for (LatencyRun run : latency) {
        count += run.errorCount();
      }
      return count;
    }
  }

  private final PrazoClient client;
  private final ObjectMapper json;
  private final KafkaTarget target;
  private final List<byte[]> assignments = new ArrayList<>();
  private final byte[] publicReply;
  private final byte[] note;
  private final byte[] pause;
  private final byte[] resume;

  KafkaBenchmark(PrazoClient client, ObjectMapper json, KafkaTarget target) {
    this.client = client;
    this.json = json;
    this.target = target;
    for (String assignee : ASSIGNEES) {
      assignments.add(client.body(Map.of("assignee", assignee, "level", "N1")));
    }
    this.publicReply = client.body(Map.of("body", "Looking into it (load test).", "public", true));
    this.note = client.body(Map.of("body", "Internal note (load test).", "public", false));
    this.pause = client.body(Map.of("reason", "AWAITING_CUSTOMER"));
    this.resume = client.body(Map.of());
  }

  /**
   * Checks the service is up and publishes, binds {@link CommandBenchmark#ORGANIZATION} to {@link
   * CommandBenchmark#POLICY} and gets the tokens for {@code clients} clients.
   */
  static Actors prepare(PrazoClient client, int clients)
      throws SetupException, InterruptedException {
    client.checkHealth();
    String supervisor = client.issueToken("kafka-supervisor", List.of("supervisor"), null);
    publisher(client, supervisor);
    client.bindContract(CommandBenchmark.ORGANIZATION, CommandBenchmark.POLICY, supervisor);
    String agent = client.issueToken("kafka-agent", List.of("agent"), null);
    List<String> customers = new ArrayList<>(clients);
    for (int i = 1; i <= clients; i++) {
      customers.add(
          client.issueToken(
              CommandBenchmark.customerId(i), List.of("customer"), CommandBenchmark.ORGANIZATION));
    }
    return new Actors(supervisor, agent, List.copyOf(customers));
  }

  /** Runs the three parts; {@code settle} runs before each rebuild and each latency run. */
  Result run(
      Actors actors,
      Options options,
      Duration grace,
      QueryBenchmark.Settle settle,
      PrintStream progress)
      throws SetupException, InterruptedException {
    progress.println(
        "History: "
            + options.historyEvents()
            + " events from "
            + options.clients()
            + " clients, topic "
            + target.topic()
            + " on "
            + target.bootstrapServers());
    Built built = buildHistory(actors, options.historyEvents(), options.clients(), progress);
    List<Rebuild> rebuilds = new ArrayList<>();
    for (int i = 1; i <= options.rebuilds(); i++) {
      settle.run();
      rebuilds.add(rebuild(actors, built.eventIds(), progress));
    }
    List<LatencyRun> runs = new ArrayList<>();
    for (int rate : options.rates()) {
      settle.run();
      runs.add(
          latency(
              actors,
              built.ticketIds(),
              rate,
              options.warmup(),
              options.duration(),
              grace,
              progress));
    }
    return new Result(target.bootstrapServers(), target.topic(), built.history(), rebuilds, runs);
  }

  /** The history, the ids of its events (the topic's) and its tickets. */
  record Built(History history, Set<String> eventIds, List<String> ticketIds) {}

  /** Part 1: builds the history with {@code clients} clients, measuring the live rates. */
  Built buildHistory(Actors actors, int targetEvents, int clients, PrintStream progress)
      throws SetupException, InterruptedException {
    AtomicLong stored = new AtomicLong();
    LongAdder commands = new LongAdder();
    List<Ticket> tickets = Collections.synchronizedList(new ArrayList<>());
    // One ticket first: its events make the publisher create the topic, so the consumer can start
    // before the load does and see every event arrive.
    tickets.add(createTicket(actors.customerTokens().get(0), 1, 0, actors, stored, commands));
    long storedBefore = stored.get();
    long commandsBefore = commands.sum();
    TopicReader topic = TopicReader.open(target, TopicReader.Start.BEGINNING, TOPIC_TIMEOUT);
    HistoryReader reader = new HistoryReader(topic);
    Thread readerThread = new Thread(reader, "history-reader");
    readerThread.setDaemon(true);
    readerThread.start();
    try {
      AtomicReference<String> failure = new AtomicReference<>();
      AtomicInteger running = new AtomicInteger(clients);
      AtomicLong lastAnswer = new AtomicLong(System.nanoTime());
      List<Thread> threads = new ArrayList<>(clients);
      for (int c = 0; c < clients; c++) {
        int number = c + 1;
        String customer = actors.customerTokens().get(c);
        Thread thread =
            new Thread(
                () -> {
                  try {
                    for (int n = 1; stored.get() < targetEvents && failure.get() == null; n++) {
                      tickets.add(createTicket(customer, number, n, actors, stored, commands));
                    }
                  } catch (SetupException e) {
                    failure.compareAndSet(null, e.getMessage());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                    running.decrementAndGet();
                  }
                },
                "history-" + number);
        thread.setDaemon(true);
        threads.add(thread);
      }
      long start = System.nanoTime();
      threads.forEach(Thread::start);
      long windowStart = 0;
      long storedAtWindowStart = 0;
      long publishedAtWindowStart = 0;
      long nextProgress = start + PROGRESS_EVERY_NANOS;
      while (running.get() > 0) {
        Thread.sleep(SAMPLE_MILLIS);
        long now = System.nanoTime();
        long storedNow = stored.get();
        long publishedNow = reader.distinct.get();
        if (windowStart == 0 && storedNow >= targetEvents / 10) {
          windowStart = now;
          storedAtWindowStart = storedNow;
          publishedAtWindowStart = publishedNow;
        }
        if (now - nextProgress >= 0) {
          progress.printf(
              Locale.ROOT,
              "[history] %d of %d events stored, %d published, %d commands in %.0f s%n",
              storedNow,
              targetEvents,
              publishedNow,
              commands.sum(),
              (now - start) / 1e9);
          nextProgress = now + PROGRESS_EVERY_NANOS;
        }
        reader.check();
      }
      // Sampled together, as at the window's start (the last answer came at most a sample ago).
      long windowEnd = System.nanoTime();
      long storedAtEnd = stored.get();
      long publishedAtEnd = reader.distinct.get();
      for (Thread thread : threads) {
        thread.join();
      }
      long end = lastAnswer.get();
      if (failure.get() != null) {
        throw new SetupException("history: " + failure.get());
      }
      if (windowStart == 0) {
        windowStart = start;
      }
      double windowSeconds = Math.max(1e-9, (windowEnd - windowStart) / 1e9);
      awaitPublisher(actors, "the history", progress);
      Map<TopicPartition, Long> ends = TopicReader.endOffsets(target, topic.partitions());
      reader.awaitReached(ends, CATCH_UP_TIMEOUT);
      double caughtUp = (System.nanoTime() - end) / 1e9;
      reader.stop();
      readerThread.join();
      reader.check();
      double seconds = (end - start) / 1e9;
      List<String> ids = new ArrayList<>();
      long missing = 0;
      synchronized (tickets) {
        for (Ticket ticket : tickets) {
          ids.add(ticket.id());
          missing += Math.max(0, ticket.events() - reader.perTicket.getOrDefault(ticket.id(), 0));
        }
      }
      History history =
          new History(
              clients,
              ids.size(),
              commands.sum(),
              storedAtEnd,
              seconds,
              (commands.sum() - commandsBefore) / seconds,
              (storedAtEnd - storedBefore) / seconds,
              windowSeconds,
              storedAtEnd - storedAtWindowStart,
              (storedAtEnd - storedAtWindowStart) / windowSeconds,
              publishedAtEnd - publishedAtWindowStart,
              (publishedAtEnd - publishedAtWindowStart) / windowSeconds,
              caughtUp,
              reader.ids.size(),
              reader.topic.records(),
              missing);
      progress.printf(
          Locale.ROOT,
          "[history] %d events of %d tickets in %.1f s; the topic holds %d distinct events%n",
          storedAtEnd,
          ids.size(),
          seconds,
          reader.ids.size());
      return new Built(history, reader.ids, List.copyOf(ids));
    } finally {
      reader.stop();
      readerThread.join(TimeUnit.SECONDS.toMillis(10));
      topic.close();
    }
  }

  /** Part 2: requests the rebuild and times the history's arrival. */
  Rebuild rebuild(Actors actors, Set<String> history, PrintStream progress)
      throws SetupException, InterruptedException {
    DistinctArrivals arrivals = new DistinctArrivals(history);
    long start;
    long records;
    try (TopicReader reader = TopicReader.open(target, TopicReader.Start.END, TOPIC_TIMEOUT)) {
      progress.println("Rebuild: POST /api/admin/projections/" + PUBLISHER + "/rebuild");
      start = System.nanoTime();
      requestRebuild(actors);
      long deadline = start + CATCH_UP_TIMEOUT.toNanos();
      long nextProgress = start + PROGRESS_EVERY_NANOS;
      while (!arrivals.complete()) {
        long now = System.nanoTime();
        if (now - deadline > 0) {
          progress.printf(
              Locale.ROOT,
              "[rebuild] gave up after %s: %d of %d events arrived%n",
              CATCH_UP_TIMEOUT,
              arrivals.distinct(),
              arrivals.expected());
          break;
        }
        if (now - nextProgress >= 0) {
          progress.printf(
              Locale.ROOT,
              "[rebuild] %d of %d events arrived in %.0f s%n",
              arrivals.distinct(),
              arrivals.expected(),
              (now - start) / 1e9);
          nextProgress = now + PROGRESS_EVERY_NANOS;
        }
        reader.poll(READ_POLL, (event, arrived) -> arrivals.arrived(event.id(), arrived));
      }
      records = reader.records();
    }
    double seconds = arrivals.distinct() == 0 ? 0 : (arrivals.lastNanos() - start) / 1e9;
    Rebuild rebuild =
        new Rebuild(
            arrivals.expected(),
            arrivals.distinct(),
            arrivals.complete(),
            seconds,
            seconds > 0 ? arrivals.distinct() / seconds : 0,
            arrivals.distinct() == 0 ? 0 : (arrivals.firstNanos() - start) / 1e9,
            arrivals.steadyPerSecond(),
            records,
            arrivals.repeats(),
            arrivals.unexpected());
    progress.printf(
        Locale.ROOT,
        "[rebuild] %d of %d events in %.2f s (%.0f/s)%n",
        rebuild.arrived(),
        rebuild.events(),
        rebuild.seconds(),
        rebuild.eventsPerSecond());
    // The latency runs need a publisher that is live again.
    awaitPublisher(actors, "the rebuild", progress);
    return rebuild;
  }

  /** Part 3: one accepted-to-consumed run at {@code rate} commands per second. */
  LatencyRun latency(
      Actors actors,
      List<String> tickets,
      int rate,
      Duration warmup,
      Duration duration,
      Duration grace,
      PrintStream progress)
      throws SetupException, InterruptedException {
    LatencyMatcher matcher = new LatencyMatcher();
    int clients = pacedClients(rate);
    try (TopicReader topic = TopicReader.open(target, TopicReader.Start.END, TOPIC_TIMEOUT)) {
      MatchingReader reader = new MatchingReader(topic, matcher);
      Thread readerThread = new Thread(reader, "latency-reader");
      readerThread.setDaemon(true);
      readerThread.start();
      try {
        LongAdder completed = new LongAdder();
        Phases phases = Phases.startingAt(System.nanoTime(), warmup, duration);
        long interval = Math.round(clients * 1e9 / rate);
        SplittableRandom seeds = new SplittableRandom(rate);
        List<Tally> tallies = new ArrayList<>();
        List<Runnable> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          Tally tally = new Tally();
          tallies.add(tally);
          SplittableRandom random = seeds.split();
          long offset = i * interval / clients;
          workers.add(
              () ->
                  paced(
                      actors.agentToken(),
                      tickets,
                      phases,
                      interval,
                      offset,
                      random,
                      tally,
                      matcher,
                      completed));
        }
        Workers.run(
            "accepted to consumed, " + rate + " commands/s",
            workers,
            phases,
            completed,
            progress,
            grace);
        long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (matcher.measuredWaiting() > 0 && System.nanoTime() - drainDeadline < 0) {
          reader.check();
          Thread.sleep(SAMPLE_MILLIS);
        }
        reader.stop();
        readerThread.join();
        reader.check();
        Tally all = Tally.merge(tallies);
        LatencyMatcher.Outcome outcome = matcher.outcome();
        LatencyRun run =
            new LatencyRun(
                rate,
                clients,
                phases.measured().toNanos() / 1e9,
                Measured.of(all.latencies, phases.measured()),
                Measured.of(outcome.latencies(), phases.measured()),
                outcome.matched(),
                outcome.recordFirst(),
                outcome.neverMatched(),
                outcome.neverMatchedExamples(),
                all.errors.counts(),
                all.warmupErrors.counts(),
                Errors.examples(all.errors, all.warmupErrors));
        progress.printf(
            Locale.ROOT,
            "[%d commands/s] %d matched (%d record first), %d never; p99 %.1f ms%n",
            rate,
            run.matched(),
            run.recordFirst(),
            run.neverMatched(),
            run.consumed().latencyMs().p99());
        return run;
      } finally {
        reader.stop();
        readerThread.join(TimeUnit.SECONDS.toMillis(10));
      }
    }
  }

  /** Paced clients for {@code rate}: one per {@value #RATE_PER_CLIENT}/s, at least two. */
  static int pacedClients(int rate) {
    return Math.max(2, (rate + RATE_PER_CLIENT - 1) / RATE_PER_CLIENT);
  }

  /** A paced client: assignments and notes, alternately, to random tickets of the history. */
  private void paced(
      String agentToken,
      List<String> tickets,
      Phases phases,
      long interval,
      long offset,
      SplittableRandom random,
      Tally tally,
      LatencyMatcher matcher,
      LongAdder completed) {
    phases.paced(
        interval,
        offset,
        completed,
        index -> {
          String id = tickets.get(random.nextInt(tickets.size()));
          boolean assign = index % 2 == 0;
          String what = assign ? "assignment" : "note";
          byte[] body = assign ? assignments.get(random.nextInt(assignments.size())) : note;
          String path = "/api/tickets/" + id + (assign ? "/assignment" : "/replies");
          long start = System.nanoTime();
          try {
            PrazoClient.Response response = client.post(path, agentToken, body);
            long answered = System.nanoTime();
            long version = response.isSuccess() ? version(response.body()) : -1;
            if (!response.isSuccess()) {
              tally.failure(
                  phases, start, String.valueOf(response.status()), what, response.body());
            } else if (version < 0) {
              tally.failure(phases, start, "no version", what, response.body());
            } else {
              tally.success(phases, start, answered);
              matcher.accepted(id, version, answered, phases.measures(start));
            }
          } catch (IOException e) {
            tally.failure(phases, start, e.getClass().getSimpleName(), what, e.getMessage());
            Thread.sleep(TRANSPORT_ERROR_PAUSE_MS);
          }
        });
  }

  /** A history ticket: its id and the events its commands stored. */
  private record Ticket(String id, long events) {}

  /** Opens a ticket as {@code customer} and takes it through the history's commands. */
  private Ticket createTicket(
      String customer, int number, int index, Actors actors, AtomicLong stored, LongAdder commands)
      throws SetupException, InterruptedException {
    PrazoClient.Response opened =
        client.postOrFail("open", "/api/tickets", customer, openBody(number, index));
    commands.increment();
    String id = client.ticketIdOf(opened.body());
    long version = version(opened.body());
    if (id == null || version < 0) {
      throw new SetupException("open answered without a usable ticketId or version: " + opened);
    }
    stored.addAndGet(version + 1);
    String agent = actors.agentToken();
    String path = "/api/tickets/" + id;
    byte[] assignment = assignments.get(Math.floorMod(number + index, assignments.size()));
    version = follow("assignment", path + "/assignment", agent, assignment, version, stored);
    commands.increment();
    version = follow("reply", path + "/replies", agent, publicReply, version, stored);
    commands.increment();
    version = follow("note", path + "/replies", agent, note, version, stored);
    commands.increment();
    version = follow("pause", path + "/pause", agent, pause, version, stored);
    commands.increment();
    version = follow("resume", path + "/resume", agent, resume, version, stored);
    commands.increment();
    return new Ticket(id, version + 1);
  }

  /**
   * Sends a follow-up command; the ticket's new version, its new events added to {@code stored}.
   */
  private long follow(
      String what, String path, String token, byte[] body, long before, AtomicLong stored)
      throws SetupException, InterruptedException {
    PrazoClient.Response response = client.postOrFail(what, path, token, body);
    long version = version(response.body());
    if (version <= before) {
      throw new SetupException(
          what + " answered version " + version + " after " + before + ": " + response.body());
    }
    stored.addAndGet(version - before);
    return version;
  }

  private byte[] openBody(int number, int index) {
    String customer = CommandBenchmark.customerId(number);
    Map<String, Object> requester = new LinkedHashMap<>();
    requester.put("id", customer);
    requester.put("name", "Load " + number);
    requester.put("email", number + "@load.example");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("organizationId", CommandBenchmark.ORGANIZATION);
    body.put("requester", requester);
    body.put("subject", "Kafka ticket " + number + "-" + index + ": the report export fails");
    body.put(
        "description",
        "Exporting the monthly report stops with an error since this morning. Opened by the"
            + " Prazo load driver for the Kafka benchmark.");
    body.put("channel", "PORTAL");
    body.put("priority", "HIGH");
    return client.body(body);
  }

  /** The {@code version} of a command's answer, or -1. */
  long version(String body) {
    try {
      JsonNode version = json.readTree(body).path("version");
      return version.isIntegralNumber() ? version.asLong() : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private void requestRebuild(Actors actors) throws SetupException, InterruptedException {
    String path = "/api/admin/projections/" + PUBLISHER + "/rebuild";
    PrazoClient.Response response;
    try {
      response = client.post(path, actors.supervisorToken(), new byte[0]);
    } catch (IOException e) {
      throw new SetupException("POST " + path + " failed: " + PrazoClient.describe(e), e);
    }
    if (!response.isSuccess()) {
      throw new SetupException(
          "POST " + path + " was refused: " + response.status() + " " + response.body());
    }
  }

  /** The publisher's entry of {@code GET /api/admin/projections}. */
  static JsonNode publisher(PrazoClient client, String supervisorToken)
      throws SetupException, InterruptedException {
    for (JsonNode projection : client.read("/api/admin/projections", supervisorToken)) {
      if (PUBLISHER.equals(projection.path("name").asText())) {
        return projection;
      }
    }
    throw new SetupException(
        "GET /api/admin/projections lists no "
            + PUBLISHER
            + ": this Prazo does not publish its events to Kafka");
  }

  /** Waits until the publisher runs, replays nothing and its lag is 0. */
  private void awaitPublisher(Actors actors, String after, PrintStream progress)
      throws SetupException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + CATCH_UP_TIMEOUT.toNanos();
    long nextProgress = start + PROGRESS_EVERY_NANOS;
    while (true) {
      JsonNode publisher = publisher(client, actors.supervisorToken());
      long lag = publisher.path("lag").asLong(Long.MAX_VALUE);
      boolean replaying = publisher.path("replaying").asBoolean(false);
      boolean running = publisher.path("running").asBoolean(true);
      String error = publisher.path("error").isTextual() ? publisher.path("error").asText() : null;
      if (lag == 0 && !replaying && running) {
        return;
      }
      long now = System.nanoTime();
      if (now - deadline > 0) {
        throw new SetupException(
            PUBLISHER
                + " did not catch up within "
                + CATCH_UP_TIMEOUT
                + " after "
                + after
                + ": lag "
                + lag
                + (replaying ? ", replaying" : "")
                + (running ? "" : ", not running")
                + (error == null ? "" : ", error " + error));
      }
      if (now - nextProgress >= 0) {
        progress.printf(
            Locale.ROOT,
            "[%s] waiting for the publisher after %s: lag %d%s%s%n",
            PUBLISHER,
            after,
            lag,
            replaying ? ", replaying" : "",
            error == null ? "" : ", error " + error);
        nextProgress = now + PROGRESS_EVERY_NANOS;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** A reader thread's loop, stopped by {@link #stop()}; its failure is rethrown by check. */
  private abstract static class ReaderLoop implements Runnable {
    final TopicReader topic;
    private volatile boolean stopped;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    ReaderLoop(TopicReader topic) {
      this.topic = topic;
    }

    @Override
    public void run() {
      try {
        while (!stopped) {
          pollOnce();
        }
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }

    abstract void pollOnce();

    void stop() {
      stopped = true;
    }

    /** Fails when the reader thread failed. */
    void check() throws SetupException {
      RuntimeException e = failure.get();
      if (e != null) {
        throw new SetupException("reading " + topic.partitions() + " failed: " + e, e);
      }
    }
  }

  /**
   * Reads the topic during and after the history: the distinct event ids, and per ticket how many.
   */
  private static final class HistoryReader extends ReaderLoop {
    final Set<String> ids = new HashSet<>();
    final Map<String, Integer> perTicket = new HashMap<>();
    final AtomicLong distinct = new AtomicLong();
    private volatile Map<TopicPartition, Long> target;
    private volatile boolean reached;

    HistoryReader(TopicReader topic) {
      super(topic);
    }

    @Override
    void pollOnce() {
      topic.poll(
          READ_POLL,
          (event, arrived) -> {
            if (ids.add(event.id())) {
              perTicket.merge(event.ticketId(), 1, Integer::sum);
              distinct.incrementAndGet();
            }
          });
      Map<TopicPartition, Long> ends = target;
      if (ends != null && !reached && topic.reached(ends)) {
        reached = true;
      }
    }

    /** Waits until the reader thread has read up to {@code ends}. */
    void awaitReached(Map<TopicPartition, Long> ends, Duration timeout)
        throws SetupException, InterruptedException {
      target = ends;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached) {
        check();
        if (System.nanoTime() - deadline > 0) {
          throw new SetupException("the consumer did not reach " + ends + " within " + timeout);
        }
        Thread.sleep(SAMPLE_MILLIS);
      }
    }
  }

  /** Reads the topic during a latency run, pairing each record with its command. */
  private static final class MatchingReader extends ReaderLoop {
    private final LatencyMatcher matcher;

    MatchingReader(TopicReader topic, LatencyMatcher matcher) {
      super(topic);
      this.matcher = matcher;
    }

    @Override
    void pollOnce() {
      topic.poll(
          READ_POLL,
          (event, arrived) -> matcher.consumed(event.ticketId(), event.sequence(), arrived));
    }
  }
}
