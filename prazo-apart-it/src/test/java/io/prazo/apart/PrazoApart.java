package io.prazo.apart;

import io.prazo.embedded.Directories;
import io.prazo.embedded.EmbeddedPostgres;
import io.prazo.testing.process.ChildProcess;
import io.prazo.testing.process.KafkaBrokerProcess;
import io.prazo.testing.process.ServiceProcess;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Prazo deployed apart on this machine: PostgreSQL (the embedded server, a child process) and a
 * Kafka broker (a JVM of its own), the test's token issuer, and ticket-command, ticket-query and
 * sla-projector each in its own JVM from its executable jar, configured only by environment
 * variables, as an operator would run them. Everything listens on free loopback ports; data and
 * output go to a new directory under {@code target/apart-it}.
 *
 * <p>Where the jars and Kafka's class path are comes from system properties that the module's
 * failsafe configuration sets ({@code prazo.apart.*}).
 */
final class PrazoApart implements AutoCloseable {
  static final String TOPIC = "tickets.events.v1";

  /**
   * The services' JVM options: the heap of a small container; with three services starting at once
   * on 2 busy cores, the C1 compiler only and the serial collector took their start-up from about
   * 55 s to about 25 s. Axon's update checker is off without a flag: the services turn it off.
   */
  static final List<String> SERVICE_JVM =
      List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  /** The run directory of the last {@link #start()} in this JVM, for printing its logs. */
  static volatile Path lastRunDirectory;

  private static final String DATABASE = "prazo";
  private static final String DATABASE_USER = "prazo";
  private static final String DATABASE_PASSWORD = "prazo-apart-secret";

  final Path runDirectory;
  final TestTokenIssuer issuer;
  final EmbeddedPostgres postgres;
  final KafkaBrokerProcess kafka;
  final ServiceProcess command;
  final ServiceProcess query;
  private ServiceProcess projector;
  private final List<AutoCloseable> started;

  private PrazoApart(
      Path runDirectory,
      TestTokenIssuer issuer,
      EmbeddedPostgres postgres,
      KafkaBrokerProcess kafka,
      ServiceProcess command,
      ServiceProcess query,
      ServiceProcess projector,
      List<AutoCloseable> started) {
    this.runDirectory = runDirectory;
    this.issuer = issuer;
    this.postgres = postgres;
    this.kafka = kafka;
    this.command = command;
    this.query = query;
    this.projector = projector;
    this.started = started;
  }

  /** Starts everything, the infrastructure and then the three services each in parallel. */
  static PrazoApart start() throws Exception {
    Path runDirectory =
        Path.of(required("prazo.apart.work-dir"))
            .resolve(
                "run-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + "-"
                    + ProcessHandle.current().pid());
    Files.createDirectories(runDirectory);
    lastRunDirectory = runDirectory;
    Path logs = runDirectory.resolve("logs");
    List<AutoCloseable> started = new ArrayList<>();
    try {
      TestTokenIssuer issuer = TestTokenIssuer.start();
      started.add(issuer);
      CompletableFuture<EmbeddedPostgres> postgresStarting =
          async(
              () ->
                  EmbeddedPostgres.start(
                      runDirectory.resolve("postgres"),
                      0,
                      Map.of("fsync", "off", "synchronous_commit", "off")));
      CompletableFuture<KafkaBrokerProcess> kafkaStarting =
          async(
              () ->
                  KafkaBrokerProcess.start(
                      required("prazo.apart.kafka-classpath"),
                      runDirectory.resolve("kafka"),
                      logs.resolve("kafka-broker.log"),
                      List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")));
      // Both finish (and are remembered, to be closed) before either failure is thrown.
      CompletableFuture.allOf(postgresStarting, kafkaStarting).exceptionally(e -> null).join();
      for (CompletableFuture<? extends AutoCloseable> server :
          List.of(postgresStarting, kafkaStarting)) {
        if (!server.isCompletedExceptionally()) {
          started.add(server.join());
        }
      }
      EmbeddedPostgres postgres = join(postgresStarting);
      KafkaBrokerProcess kafka = join(kafkaStarting);
      createDatabase(postgres);
      String dbUrl = postgres.jdbcUrl(DATABASE);

      Map<String, String> common = new LinkedHashMap<>();
      common.put("SERVER_ADDRESS", "127.0.0.1");
      common.put("PRAZO_DB_URL", dbUrl);
      common.put("PRAZO_DB_USER", DATABASE_USER);
      common.put("PRAZO_DB_PASSWORD", DATABASE_PASSWORD);
      common.put("PRAZO_JWT_ISSUER_URI", issuer.issuerUri());
      common.put("PRAZO_JWT_JWK_SET_URI", issuer.jwkSetUri());

      Map<String, String> commandEnvironment = new LinkedHashMap<>(common);
      commandEnvironment.put("PRAZO_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      commandEnvironment.put("PRAZO_KAFKA_TOPIC", TOPIC);
      ServiceProcess command =
          ServiceProcess.start(
              "ticket-command",
              jar("ticket-command"),
              commandEnvironment,
              SERVICE_JVM,
              logs.resolve("ticket-command.log"));
      started.add(command);
      ServiceProcess query =
          ServiceProcess.start(
              "ticket-query",
              jar("ticket-query"),
              common,
              SERVICE_JVM,
              logs.resolve("ticket-query.log"));
      started.add(query);
      Map<String, String> projectorEnvironment = new LinkedHashMap<>(common);
      // The projector trusts the issuer's keys alone, without naming the issuer: an unset
      // PRAZO_JWT_ISSUER_URI must not make it require an empty "iss".
      projectorEnvironment.remove("PRAZO_JWT_ISSUER_URI");
      projectorEnvironment.put("PRAZO_COMMAND_URL", command.baseUrl());
      projectorEnvironment.put(
          "PRAZO_SLA_PROJECTOR_COMMAND_TOKEN", issuer.token("sla-projector", "system", null));
      ServiceProcess projector =
          ServiceProcess.start(
              "sla-projector",
              jar("sla-projector"),
              projectorEnvironment,
              SERVICE_JVM,
              logs.resolve("sla-projector.log"));
      started.add(projector);

      CompletableFuture<?> commandReady = async(() -> command.awaitReady(READY_TIMEOUT));
      CompletableFuture<?> queryReady = async(() -> query.awaitReady(READY_TIMEOUT));
      CompletableFuture<?> projectorReady = async(() -> projector.awaitReady(READY_TIMEOUT));
      join(commandReady);
      join(queryReady);
      join(projectorReady);
      return new PrazoApart(
          runDirectory, issuer, postgres, kafka, command, query, projector, started);
    } catch (Exception | Error e) {
      closeAll(started);
      deleteData(runDirectory);
      throw e;
    }
  }

  /** A connection to the services' database, to look at what they stored. */
  Connection database() throws SQLException {
    return DriverManager.getConnection(
        postgres.jdbcUrl(DATABASE), DATABASE_USER, DATABASE_PASSWORD);
  }

  ServiceProcess projector() {
    return projector;
  }

  /** Starts the projector again, after it was killed, with the same settings; once ready. */
  ServiceProcess restartProjector() {
    ServiceProcess again = projector.startAgain();
    started.add(again);
    projector = again.awaitReady(READY_TIMEOUT);
    return projector;
  }

  List<ServiceProcess> services() {
    return List.of(command, query, projector);
  }

  /** The end of every process's output and of PostgreSQL's log, for a test that failed. */
  static void printLogs(PrintStream out) {
    Path runDirectory = lastRunDirectory;
    Map<Path, List<ChildProcess>> byLogFile = new LinkedHashMap<>();
    for (ChildProcess process : ChildProcess.startedInThisJvm()) {
      byLogFile.computeIfAbsent(process.logFile(), file -> new ArrayList<>()).add(process);
    }
    byLogFile.forEach(
        (file, processes) ->
            out.printf(
                "%n===== %s: the last 150 lines of %s =====%n%s%n",
                processes, file, ChildProcess.tail(file, 150)));
    if (runDirectory != null) {
      Path postgresLog = runDirectory.resolve("postgres").resolve("postgres.log");
      if (!Files.exists(postgresLog)) {
        postgresLog = runDirectory.resolve("logs").resolve("postgres.log");
      }
      if (Files.exists(postgresLog)) {
        out.printf(
            "%n===== PostgreSQL: the last 60 lines of %s =====%n%s%n",
            postgresLog, ChildProcess.tail(postgresLog, 60));
      }
    }
  }

  /**
   * Stops the services, the broker and PostgreSQL, and deletes their data (the logs stay in {@code
   * logs/}).
   */
  @Override
  public void close() {
    closeAll(started);
    deleteData(runDirectory);
  }

  /** Deletes the servers' data, keeping PostgreSQL's log beside the others. */
  private static void deleteData(Path runDirectory) {
    Path postgresLog = runDirectory.resolve("postgres").resolve("postgres.log");
    try {
      if (Files.exists(postgresLog)) {
        Files.createDirectories(runDirectory.resolve("logs"));
        Files.copy(
            postgresLog,
            runDirectory.resolve("logs").resolve("postgres.log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (java.io.IOException e) {
      System.err.println("Could not keep " + postgresLog + ": " + e);
    }
    Directories.deleteQuietly(runDirectory.resolve("kafka"));
    Directories.deleteQuietly(runDirectory.resolve("postgres"));
  }

  private static void closeAll(List<AutoCloseable> started) {
    List<CompletableFuture<?>> stops = new ArrayList<>();
    // The services first and together, then what they use.
    for (AutoCloseable closeable : started) {
      if (closeable instanceof ServiceProcess service) {
        stops.add(CompletableFuture.runAsync(service::close));
      }
    }
    stops.forEach(CompletableFuture::join);
    List<AutoCloseable> lastFirst = new ArrayList<>(started);
    java.util.Collections.reverse(lastFirst);
    for (AutoCloseable closeable : lastFirst) {
      if (!(closeable instanceof ServiceProcess)) {
        try {
          closeable.close();
        } catch (Exception e) {
          System.err.println("Could not stop " + closeable + ": " + e);
        }
      }
    }
  }

  private static void createDatabase(EmbeddedPostgres postgres) throws SQLException {
    try (Connection admin =
            DriverManager.getConnection(
                postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
        Statement statement = admin.createStatement()) {
      statement.execute(
          "CREATE ROLE " + DATABASE_USER + " LOGIN PASSWORD '" + DATABASE_PASSWORD + "'");
      statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + DATABASE_USER);
    }
  }

  private static Path jar(String service) {
    return Path.of(required("prazo.apart." + service + ".jar"));
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property "
              + property
              + " is not set: run this test through Maven (failsafe in prazo-apart-it sets it)");
    }
    return value;
  }

  private static <T> CompletableFuture<T> async(Supplier<T> task) {
    return CompletableFuture.supplyAsync(task);
  }

  /** The result, or the task's own exception. */
  private static <T> T join(CompletableFuture<T> future) throws Exception {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
