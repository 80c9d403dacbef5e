package io.prazo.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Entry point: {@code java -jar load-driver.jar [options]} (see {@link Options#USAGE}). Sets up,
 * runs the command benchmark and then the ceiling (or the query or the Kafka benchmark), prints the
 * summary and writes the JSON file.
 *
 * <p>Before each benchmark the database is checkpointed and left to settle, so neither run pays for
 * the writes of the one before it (750,000 ceiling rows leave seconds of checkpoint work).
 */
public final class LoadDriver {

  static final int OK = 0;
  private static final long SETTLE_MILLIS = 3_000;

  /** Checkpoints the database (when the driver can reach it) and pauses a moment. */
  /** Settles the database between runs when it can be reached; does nothing otherwise. */
  private static QueryBenchmark.Settle settler(JdbcTarget jdbc, PrintStream err) {
    return () -> {
      if (jdbc != null) {
        settle(jdbc, err);
      }
    };
  }

  private static void settle(JdbcTarget jdbc, PrintStream err) throws InterruptedException {
    if (jdbc != null) {
      try (java.sql.Connection c = jdbc.connect();
          java.sql.Statement s = c.createStatement()) {
        s.execute("CHECKPOINT");
      } catch (java.sql.SQLException e) {
        err.println("CHECKPOINT failed, continuing: " + e.getMessage());
      }
    }
    Thread.sleep(SETTLE_MILLIS);
  }

  static final int REQUESTS_FAILED = 1;
  static final int BAD_COMMAND_LINE = 2;
  static final int RUN_FAILED = 3;

  /** The longest the query benchmark waits for the views to show its tickets. */
  private static final Duration VIEW_CATCH_UP_TIMEOUT = Duration.ofMinutes(10);

  /** A request still unanswered this long after its timeout means the run is broken. */
  private static final Duration GRACE_AFTER_TIMEOUT = Duration.ofSeconds(10);

  private LoadDriver() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, Clock.systemUTC()));
  }

  /** Runs the driver; returns the exit status. Progress and problems go to {@code err}. */
  static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (UsageException e) {
      err.println("load-driver: " + e.getMessage());
      err.println("Run with --help for the options.");
      return BAD_COMMAND_LINE;
    }
    if (options.help()) {
      out.print(Options.USAGE);
      return OK;
    }
    try {
      RunResult result = execute(options, err, clock);
      Report.writeJson(result, options.out(), Report.objectMapper());
      out.print(Report.text(result));
      out.println();
      out.println("Result file: " + options.out().toAbsolutePath().normalize());
      if (result.errorCount() > 0) {
        err.println("load-driver: " + result.errorCount() + " requests failed (see the report)");
        return REQUESTS_FAILED;
      }
      return OK;
    } catch (SetupException | IllegalStateException e) {
      err.println("load-driver: " + e.getMessage());
      return RUN_FAILED;
    } catch (IOException e) {
      err.println("load-driver: cannot write " + options.out() + ": " + e.getMessage());
      return RUN_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("load-driver: interrupted");
      return RUN_FAILED;
    }
  }

  private static RunResult execute(Options options, PrintStream err, Clock clock)
      throws SetupException, InterruptedException {
    Instant startedAt = clock.instant();
    Duration grace = options.requestTimeout().plus(GRACE_AFTER_TIMEOUT);
    ObjectMapper json = Report.objectMapper();

    // Everything that can be checked is checked before the first benchmark starts.
    JdbcTarget jdbc = options.mode().ceiling() ? JdbcTarget.resolve(options) : null;
    if (options.mode().queries()) {
      return RunResult.of(
          startedAt,
          RunResult.Machine.current(),
          options,
          null,
          null,
          null,
          queries(options, checkpointTarget(options, err), grace, json, err),
          null);
    }
    if (options.mode().kafka()) {
      KafkaTarget kafka = KafkaTarget.resolve(options);
      return RunResult.of(
          startedAt,
          RunResult.Machine.current(),
          options,
          null,
          null,
          null,
          null,
          kafka(options, kafka, checkpointTarget(options, err), grace, json, err));
    }
    CommandBenchmark commandBenchmark = null;
    CommandBenchmark.Actors actors = null;
    if (options.mode().commands()) {
      PrazoClient setup = new PrazoClient(options.url(), options.requestTimeout(), json);
      err.println("Setting up on " + setup.baseUrl() + " (tokens, contract of load-org)");
      actors = CommandBenchmark.prepare(setup, options.clients());
      // A client of its own: no connection left idle (and maybe closed by the server) meanwhile.
      commandBenchmark =
          new CommandBenchmark(
              new PrazoClient(options.url(), options.requestTimeout(), json), json);
    }

    CommandBenchmark.Result commands = null;
    if (commandBenchmark != null) {
      settle(jdbc, err);
      err.println("Commands: " + options.clients() + " clients");
      commands = commandBenchmark.run(actors, options.warmup(), options.duration(), grace, err);
    }
    CeilingBenchmark.Result ceiling = null;
    if (jdbc != null) {
      settle(jdbc, err);
      err.println("Ceiling: " + options.clients() + " connections inserting into " + jdbc.url());
      ceiling =
          new CeilingBenchmark(jdbc)
              .run(options.clients(), options.warmup(), options.duration(), grace, err);
    }
    return RunResult.of(
        startedAt, RunResult.Machine.current(), options, jdbc, ceiling, commands, null, null);
  }

  /**
   * The Kafka benchmark: its set-up (tokens, contract, the publisher's presence), then its parts,
   * each after a checkpoint when the database can be reached.
   */
  private static KafkaBenchmark.Result kafka(
      Options options,
      KafkaTarget target,
      JdbcTarget jdbc,
      Duration grace,
      ObjectMapper json,
      PrintStream err)
      throws SetupException, InterruptedException {
    PrazoClient setup = new PrazoClient(options.url(), options.requestTimeout(), json);
    err.println(
        "Setting up on "
            + setup.baseUrl()
            + " (tokens, contract of "
            + CommandBenchmark.ORGANIZATION
            + ", "
            + KafkaBenchmark.PUBLISHER
            + ")");
    KafkaBenchmark.Actors actors = KafkaBenchmark.prepare(setup, options.clients());
    setup.close();
    return new KafkaBenchmark(
            new PrazoClient(options.url(), options.requestTimeout(), json), json, target)
        .run(actors, options, grace, settler(jdbc, err), err);
  }

  /**
   * The query benchmark: its set-up (tickets opened, then the views awaited), then its runs, each
   * after a checkpoint when the database can be reached.
   */
  private static QueryBenchmark.Result queries(
      Options options, JdbcTarget jdbc, Duration grace, ObjectMapper json, PrintStream err)
      throws SetupException, InterruptedException {
    PrazoClient setupClient = new PrazoClient(options.url(), options.requestTimeout(), json);
    err.println(
        "Setting up on "
            + setupClient.baseUrl()
            + " (tokens, policy "
            + QueryPlan.FAST_POLICY
            + ", contracts of "
            + QueryPlan.ORGANIZATIONS
            + " organizations)");
    QuerySetup.Actors actors = QuerySetup.prepare(setupClient);
    QuerySetup setup = new QuerySetup(setupClient, json);
    err.println("Opening " + options.tickets() + " tickets with " + options.clients() + " clients");
    QuerySetup.Population population =
        setup.populate(actors, options.tickets(), options.clients(), err);
    QuerySetup.Summary summary = setup.awaitViews(population, VIEW_CATCH_UP_TIMEOUT, err);
    setupClient.close();
    return new QueryBenchmark(new PrazoClient(options.url(), options.requestTimeout(), json), json)
        .run(population, summary, options, grace, settler(jdbc, err), err);
  }

  /** The database to checkpoint between the query benchmark's runs, or null when there is none. */
  private static JdbcTarget checkpointTarget(Options options, PrintStream err) {
    try {
      return JdbcTarget.resolve(options);
    } catch (SetupException e) {
      err.println("No checkpoints between the runs: " + e.getMessage());
      return null;
    }
  }
}
