package io.prazo.load;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The ceiling for commands/s: how many single-row INSERTs per second the same PostgreSQL commits
 * when as many connections as there are load clients each autocommit one row (an event-sized random
 * payload) per transaction. Every command commits at least one transaction, so commands/s cannot
 * exceed this on the same database.
 */
final class CeilingBenchmark {

  static final String TABLE = "load_ceiling";
  static final int PAYLOAD_BYTES = 300;

  /** Server settings that decide what a commit costs, reported with the figures. */
  private static final List<String> SETTINGS =
      List.of("fsync", "synchronous_commit", "wal_sync_method", "commit_delay", "full_page_writes");

  private static final long ERROR_PAUSE_MS = 100;

  /**
   * The outcome.
   *
   * @param inserts committed inserts started in the measured window
   * @param errors failed inserts in the measured window, by SQLSTATE
   * @param warmupErrors failed inserts during warm-up, by SQLSTATE
   * @param serverVersion PostgreSQL's {@code server_version}
   * @param serverSettings the commit-related settings, by name
   */
  record Result(
      int connections,
      double measuredSeconds,
      Measured inserts,
      Map<String, Long> errors,
      Map<String, Long> warmupErrors,
      List<String> errorExamples,
      String serverVersion,
      Map<String, String> serverSettings) {

    long errorCount() {
      return Errors.total(errors, warmupErrors);
    }
  }

  private final JdbcTarget target;

  CeilingBenchmark(JdbcTarget target) {
    this.target = target;
  }

  /**
   * Creates the scratch table {@value #TABLE} (replacing a leftover one), runs {@code connections}
   * inserting threads for {@code warmup} then {@code duration}, and drops the table again.
   */
  Result run(
      int connections, Duration warmup, Duration duration, Duration grace, PrintStream progress)
      throws SetupException, InterruptedException {
    try (Connection admin = connect()) {
      String version = show(admin, "server_version");
      Map<String, String> settings = new LinkedHashMap<>();
      for (String setting : SETTINGS) {
        settings.put(setting, show(admin, setting));
      }
      try (Statement ddl = admin.createStatement()) {
        ddl.execute("DROP TABLE IF EXISTS " + TABLE);
        ddl.execute(
            "CREATE TABLE "
                + TABLE
                + " (id bigserial PRIMARY KEY, payload bytea NOT NULL,"
                + " created_at timestamptz NOT NULL DEFAULT now())");
      }
      try {
        return measure(connections, warmup, duration, grace, progress, version, settings);
      } finally {
        try (Statement ddl = admin.createStatement()) {
          ddl.execute("DROP TABLE IF EXISTS " + TABLE);
        }
      }
    } catch (SQLException e) {
      throw new SetupException(
          "PostgreSQL at " + target.url() + " failed: " + e.getMessage() + sqlState(e), e);
    }
  }

  private Result measure(
      int connections,
      Duration warmup,
      Duration duration,
      Duration grace,
      PrintStream progress,
      String version,
      Map<String, String> settings)
      throws SQLException, InterruptedException {
    List<Connection> opened = new ArrayList<>(connections);
    try {
      // Connect before the clock starts: 32 authentications are not part of the warm-up.
      for (int i = 0; i < connections; i++) {
        opened.add(connect());
      }
      LongAdder completed = new LongAdder();
      Phases phases = Phases.startingAt(System.nanoTime(), warmup, duration);
      List<Inserter> inserters = new ArrayList<>(connections);
      for (Connection connection : opened) {
        inserters.add(new Inserter(connection, phases, completed));
      }
      Workers.run("ceiling", inserters, phases, completed, progress, grace);

      Histogram latencies = Histograms.micros();
      Errors errors = new Errors();
      Errors warmupErrors = new Errors();
      for (Inserter inserter : inserters) {
        latencies.add(inserter.latencies);
        errors.addAll(inserter.errors);
        warmupErrors.addAll(inserter.warmupErrors);
      }
      return new Result(
          connections,
          phases.measured().toNanos() / 1e9,
          Measured.of(latencies, phases.measured()),
          errors.counts(),
          warmupErrors.counts(),
          Errors.examples(errors, warmupErrors),
          version,
          settings);
    } finally {
      closeAll(opened);
    }
  }

  private Connection connect() throws SQLException {
    return target.connect();
  }

  private static String show(Connection connection, String setting) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW " + setting)) {
      return row.next() ? row.getString(1) : null;
    }
  }

  private static void closeAll(List<Connection> connections) {
    for (Connection connection : connections) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing after the run: nothing left to save
      }
    }
  }

  private static String sqlState(SQLException e) {
    return e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
  }

  /** One inserting thread on its own connection. Read by the main thread after it has ended. */
  private static final class Inserter implements Runnable {

    private final Connection connection;
    private final Phases phases;
    private final LongAdder completed;
    private final Histogram latencies = Histograms.micros();
    private final Errors errors = new Errors();
    private final Errors warmupErrors = new Errors();

    Inserter(Connection connection, Phases phases, LongAdder completed) {
      this.connection = connection;
      this.phases = phases;
      this.completed = completed;
    }

    @Override
    public void run() {
      byte[] payload = new byte[PAYLOAD_BYTES];
      ThreadLocalRandom random = ThreadLocalRandom.current();
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO " + TABLE + " (payload) VALUES (?)")) {
        while (!phases.isOver(System.nanoTime()) && !Thread.currentThread().isInterrupted()) {
          random.nextBytes(payload);
          insert.setBytes(1, payload);
          long start = System.nanoTime();
          try {
            insert.executeUpdate();
          } catch (SQLException e) {
            completed.increment();
            failed(start, e);
            if (connection.isClosed()) {
              return;
            }
            Thread.sleep(ERROR_PAUSE_MS);
            continue;
          }
          long end = System.nanoTime();
          completed.increment();
          if (phases.measures(start)) {
            Histograms.record(latencies, start, end);
          }
        }
      } catch (SQLException e) {
        failed(System.nanoTime(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void failed(long start, SQLException e) {
      String kind = e.getSQLState() == null ? "SQLException" : "SQLSTATE " + e.getSQLState();
      (phases.isWarmingUp(start) ? warmupErrors : errors).add(kind, "insert", e.getMessage());
    }
  }
}
