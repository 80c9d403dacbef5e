package io.prazo.embedded;

import com.yammer.metrics.core.MetricName;
import com.yammer.metrics.core.MetricsRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker running in this JVM: one KRaft node in combined mode (broker and
 * controller, node id 1), whose data lives in a directory of the caller's choosing and survives
 * restarts.
 *
 * <ul>
 *   <li>{@link #start(Path, int)} formats the storage the first time (a new cluster id, kept in
 *       {@code kafka-logs/meta.properties} inside the data directory) and reuses it afterwards.
 *   <li>Clients on this machine connect to {@link #bootstrapServers()} ({@code localhost:<port>},
 *       PLAINTEXT, no authentication). The broker listens on the loopback interface only; its
 *       controller listener takes another free loopback port at each start.
 *   <li>{@link #stop()} takes the broker down while keeping its data directory and port, so that
 *       {@link #restart()} brings back the same broker at the same address: what outages look like
 *       to clients. {@link #close()} stops it for good; a JVM shutdown hook does the same if {@code
 *       close()} is never called.
 *   <li>One broker per data directory: a second start on a directory in use (in this or another
 *       JVM) fails with an {@link EmbeddedKafkaException} saying so; so does a start on a port that
 *       is taken.
 *   <li>Single-node settings ({@link #defaultSettings()}): replication factor 1 everywhere, no
 *       automatic topic creation, small thread pools and a small log-cleaner buffer.
 * </ul>
 *
 * <p>The broker logs through SLF4J under the {@code kafka} and {@code org.apache.kafka} categories
 * (chatty at INFO). It needs no log4j; only a client asking for the broker's logger levels
 * (DescribeConfigs on {@code BROKER_LOGGER}) would need log4j 1 on the class path. As in a Kafka
 * server process, a fatal storage or metadata fault halts the JVM ({@code
 * org.apache.kafka.common.utils.Exit}).
 *
 * <p>Thread-safe.
 */
public final class EmbeddedKafka implements AutoCloseable {

  /** The KRaft node id of the broker (and controller). */
  public static final int NODE_ID = 1;

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final String LISTEN_HOST = "127.0.0.1";
  private static final String ADVERTISED_HOST = "localhost";
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String LOG_DIRECTORY = "kafka-logs";
  private static final String LOCK_FILE = "prazo-embedded-kafka.lock";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PORT_WAIT = Duration.ofSeconds(2);
  private static final int START_ATTEMPTS = 3;

  /** Settings that the broker's layout depends on: not overridable. */
  private static final Set<String> RESERVED_SETTINGS =
      Set.of(
          "node.id",
          "broker.id",
          "process.roles",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers",
          "controller.listener.names",
          "listeners",
          "advertised.listeners",
          "listener.security.protocol.map",
          "inter.broker.listener.name",
          "security.inter.broker.protocol",
          "log.dir",
          "log.dirs",
          "metadata.log.dir",
          "zookeeper.connect");

  /** Data directories with a broker of this JVM (for a clear in-JVM message). */
  private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

  private final Path dataDirectory;
  private final Path logDirectory;
  private final int port;
  private final String clusterId;
  private final Map<String, String> settings;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Thread shutdownHook;
  private KafkaRaftServer server;
  private Set<MetricName> yammerMetricsBefore = Set.of();
  private boolean closed;

  private EmbeddedKafka(
      Path dataDirectory,
      int port,
      String clusterId,
      Map<String, String> settings,
      FileChannel lockChannel,
      FileLock lock) {
    this.dataDirectory = dataDirectory;
    this.logDirectory = dataDirectory.resolve(LOG_DIRECTORY);
    this.port = port;
    this.clusterId = clusterId;
    this.settings = settings;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.shutdownHook = new Thread(this::close, "prazo-embedded-kafka-shutdown-" + port);
  }

  /**
   * Starts a broker on {@code dataDirectory} (created and formatted if it holds no Kafka storage
   * yet) with the default settings ({@link #defaultSettings()}), and returns once it accepts
   * requests.
   *
   * @param port the TCP port of the broker on localhost, or 0 for any free port; kept across {@link
   *     #restart()}s
   * @throws EmbeddedKafkaException if the directory is unusable or in use, the port is taken, or
   *     the broker does not come up; nothing is left running then
   */
  public static EmbeddedKafka start(Path dataDirectory, int port) {
    return start(dataDirectory, port, Map.of());
  }

  /**
   * Starts a broker on {@code dataDirectory} (created and formatted if it holds no Kafka storage
   * yet), and returns once it accepts requests.
   *
   * @param port the TCP port of the broker on localhost, or 0 for any free port; kept across {@link
   *     #restart()}s
   * @param brokerSettings Kafka server settings (server.properties names and values) added to, or
   *     replacing, {@link #defaultSettings()}, e.g. {@code log.retention.hours}. Listeners, node
   *     id, roles, quorum and log directories are managed here and not allowed.
   * @throws EmbeddedKafkaException if the directory is unusable or in use, the port is taken, the
   *     settings are invalid, or the broker does not come up; nothing is left running then
   */
  public static EmbeddedKafka start(
      Path dataDirectory, int port, Map<String, String> brokerSettings) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535: " + port);
    }
    Map<String, String> effective = new LinkedHashMap<>(defaultSettings());
    brokerSettings.forEach(
        (name, value) -> {
          if (RESERVED_SETTINGS.contains(name)) {
            throw new IllegalArgumentException(
                name + " is managed by EmbeddedKafka and cannot be set");
          }
          effective.put(name, value);
        });
    long started = System.nanoTime();
    Path directory = prepare(dataDirectory.toAbsolutePath().normalize());
    if (!IN_USE.add(directory)) {
      throw new EmbeddedKafkaException(
          "Kafka data directory "
              + directory
              + " is already in use by a broker started in this JVM; close() it first");
    }
    FileChannel lockChannel = null;
    FileLock lock = null;
    try {
      lockChannel =
          FileChannel.open(
              directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = lockDirectory(directory, lockChannel);
      String clusterId = formatIfNeeded(directory.resolve(LOG_DIRECTORY));
      int chosenPort = port != 0 ? port : freePort();
      EmbeddedKafka kafka =
          new EmbeddedKafka(
              directory,
              chosenPort,
              clusterId,
              Collections.unmodifiableMap(effective),
              lockChannel,
              lock);
      kafka.launch();
      Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
      lockChannel = null; // owned by the broker now
      log.info(
          "Kafka {} broker on {} (cluster {}) with data in {} started in {} ms",
          AppInfoParser.getVersion(),
          kafka.bootstrapServers(),
          clusterId,
          directory,
          (System.nanoTime() - started) / 1_000_000);
      return kafka;
    } catch (IOException e) {
      throw new EmbeddedKafkaException("Cannot use Kafka data directory " + directory, e);
    } finally {
      if (lockChannel != null) {
        release(lockChannel, lock);
        IN_USE.remove(directory);
      }
    }
  }

  /**
   * The settings every broker starts with: a single node on a small machine (2 cores) that keeps
   * Kafka's durability and retention defaults.
   */
  public static Map<String, String> defaultSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("num.partitions", "1");
    settings.put("default.replication.factor", "1");
    settings.put("min.insync.replicas", "1");
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("offsets.topic.num.partitions", "1");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("transaction.state.log.num.partitions", "1");
    settings.put("group.initial.rebalance.delay.ms", "0");
    settings.put("auto.create.topics.enable", "false");
    settings.put("num.network.threads", "2");
    settings.put("num.io.threads", "4");
    settings.put("background.threads", "4");
    settings.put("log.cleaner.threads", "1");
    // The cleaner allocates this on the heap up front; Kafka's 128 MB is meant for a server.
    settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    settings.put("server.max.startup.time.ms", Long.toString(READY_TIMEOUT.toMillis()));
    return Collections.unmodifiableMap(settings);
  }

  /** Where clients connect: {@code localhost:<port>}. */
  public String bootstrapServers() {
    return ADVERTISED_HOST + ":" + port;
  }

  /** The TCP port of the broker (on the loopback interface), the same across restarts. */
  public int port() {
    return port;
  }

  /** The data directory, absolute and with symbolic links resolved. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The cluster id, chosen when the data directory was formatted. */
  public String clusterId() {
    return clusterId;
  }

  /** Whether the broker is up (started and neither stopped nor closed). */
  public synchronized boolean running() {
    return server != null;
  }

  /**
   * Takes the broker down: clients get connection refused until {@link #restart()}. The data
   * directory stays reserved for this broker and its data is kept. Does nothing when not running.
   */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    long started = System.nanoTime();
    KafkaRaftServer stopping = server;
    server = null;
    shutDown(stopping);
    removeLeftoverYammerMetrics();
    log.info(
        "Kafka broker on {} stopped in {} ms",
        bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Brings the broker up again (stopping it first if it runs) on the same port with the same data,
   * and returns once it accepts requests.
   *
   * @throws IllegalStateException if the broker was closed
   * @throws EmbeddedKafkaException if it does not come up (e.g. its port was taken meanwhile); it
   *     is then stopped, and can be restarted again
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("closed: " + this);
    }
    stop();
    long started = System.nanoTime();
    launch();
    log.info(
        "Kafka broker on {} restarted in {} ms",
        bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Stops the broker for good and releases its data directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stop();
    } finally {
      release(lockChannel, lock);
      IN_USE.remove(dataDirectory);
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // called from the hook itself, or during shutdown
      }
    }
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers() + ", dataDirectory=" + dataDirectory + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // starting

  private static Path prepare(Path requested) {
    try {
      Files.createDirectories(requested);
      Path directory = requested.toRealPath();
      if (!Files.isWritable(directory)) {
        throw new EmbeddedKafkaException("Kafka data directory " + directory + " is not writable");
      }
      return directory;
    } catch (IOException e) {
      throw new EmbeddedKafkaException(
          "Cannot create Kafka data directory " + requested + ": " + e, e);
    }
  }

  private static FileLock lockDirectory(Path directory, FileChannel channel) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String owner = "";
      try {
        owner = " (" + Files.readString(directory.resolve(LOCK_FILE)).trim() + ")";
      } catch (IOException ignored) {
        // no details then
      }
      throw new EmbeddedKafkaException(
          "Kafka data directory "
              + directory
              + " is already in use by another process"
              + owner
              + "; stop that broker first");
    }
    channel.truncate(0);
    channel.write(
        StandardCharsets.UTF_8.encode(
            "locked by pid " + ProcessHandle.current().pid() + " since " + Instant.now()));
    return lock;
  }

  /**
   * Formats {@code logDirectory} as the broker's only log and metadata directory unless it was
   * already (as {@code kafka-storage.sh format} does with a static quorum); returns the cluster id.
   */
  private static String formatIfNeeded(Path logDirectory) throws IOException {
    Path metaProperties = logDirectory.resolve("meta.properties");
    if (!Files.exists(metaProperties)) {
      long started = System.nanoTime();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        new Formatter()
            .setPrintStream(printStream)
            .setNodeId(NODE_ID)
            .setClusterId(Uuid.randomUuid().toString())
            .setControllerListenerName(CONTROLLER_LISTENER)
            .setMetadataLogDirectory(logDirectory.toString())
            .addDirectory(logDirectory.toString())
            .run();
      } catch (Exception e) {
        throw new EmbeddedKafkaException(
            "Cannot format Kafka storage in " + logDirectory + ": " + e.getMessage(), e);
      }
      log.info(
          "Formatted Kafka storage in {} in {} ms: {}",
          logDirectory,
          (System.nanoTime() - started) / 1_000_000,
          output.toString(StandardCharsets.UTF_8).strip());
    }
    Properties meta = new Properties();
    try (InputStream in = Files.newInputStream(metaProperties)) {
      meta.load(in);
    }
    String clusterId = meta.getProperty("cluster.id");
    if (clusterId == null || clusterId.isBlank()) {
      throw new EmbeddedKafkaException(metaProperties + " names no cluster.id");
    }
    return clusterId;
  }

  /** Starts the server; on failure nothing of it is left running. Caller holds the monitor. */
  private void launch() {
    RuntimeException lastFailure = null;
    yammerMetricsBefore = Set.copyOf(KafkaYammerMetrics.defaultRegistry().allMetrics().keySet());
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      awaitPortFree();
      int controllerPort;
      try {
        controllerPort = freePort();
      } catch (IOException e) {
        throw new EmbeddedKafkaException("No free port for the Kafka controller listener", e);
      }
      KafkaConfig config;
      try {
        config = new KafkaConfig(serverProperties(controllerPort), false);
      } catch (RuntimeException e) {
        throw new EmbeddedKafkaException("Invalid Kafka broker settings: " + e.getMessage(), e);
      }
      KafkaRaftServer starting;
      try {
        starting = new KafkaRaftServer(config, Time.SYSTEM);
      } catch (RuntimeException e) {
        throw new EmbeddedKafkaException(
            "Cannot open the Kafka storage in " + logDirectory + ": " + e.getMessage(), e);
      }
      try {
        starting.startup();
        awaitReady();
        server = starting;
        return;
      } catch (Error e) {
        shutDown(starting);
        removeLeftoverYammerMetrics();
        throw e;
      } catch (RuntimeException e) {
        shutDown(starting);
        removeLeftoverYammerMetrics();
        lastFailure = e;
        if (!causedByBind(e)) {
          break;
        }
        log.info("A port was taken meanwhile ({}); retrying", e.getMessage());
      }
    }
    if (causedByBind(lastFailure)) {
      throw new EmbeddedKafkaException(
          "Kafka broker could not listen on port " + port + ": " + rootMessage(lastFailure),
          lastFailure);
    }
    throw new EmbeddedKafkaException(
        "Kafka broker on port "
            + port
            + " with data in "
            + dataDirectory
            + " did not start: "
            + rootMessage(lastFailure),
        lastFailure);
  }

  private Map<String, Object> serverProperties(int controllerPort) {
    Map<String, Object> properties = new LinkedHashMap<>(settings);
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", Integer.toString(NODE_ID));
    properties.put("controller.quorum.voters", NODE_ID + "@" + LISTEN_HOST + ":" + controllerPort);
    properties.put("controller.listener.names", CONTROLLER_LISTENER);
    properties.put(
        "listeners",
        BROKER_LISTENER
            + "://"
            + LISTEN_HOST
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + LISTEN_HOST
            + ":"
            + controllerPort);
    properties.put("advertised.listeners", BROKER_LISTENER + "://" + bootstrapServers());
    properties.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    properties.put("inter.broker.listener.name", BROKER_LISTENER);
    properties.put("log.dirs", logDirectory.toString());
    return properties;
  }

  /**
   * Waits briefly for the broker port (a stopped broker's port may need a moment), then fails
   * clearly if someone else holds it.
   */
  private void awaitPortFree() {
    long deadline = System.nanoTime() + PORT_WAIT.toNanos();
    while (true) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true); // as Kafka's own listener: TIME_WAIT does not count
        probe.bind(new InetSocketAddress(InetAddress.getByName(LISTEN_HOST), port), 1);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new EmbeddedKafkaException(
              "Kafka broker port " + port + " on " + LISTEN_HOST + " is in use: " + e.getMessage(),
              e);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedKafkaException("Interrupted while waiting for port " + port, e);
      }
    }
  }

  /** Returns once the broker answers a metadata request with itself as a live node. */
  private void awaitReady() {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "prazo-embedded-kafka-ready-check");
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    properties.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(READY_TIMEOUT.toMillis()));
    try (Admin admin = Admin.create(properties)) {
      Collection<Node> nodes =
          admin
              .describeCluster()
              .nodes()
              .get(READY_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      if (nodes.stream().noneMatch(node -> node.id() == NODE_ID)) {
        throw new EmbeddedKafkaException("The broker does not list itself: " + nodes);
      }
    } catch (ExecutionException e) {
      throw new EmbeddedKafkaException(
          "Kafka broker on " + bootstrapServers() + " does not answer: " + e.getCause(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new EmbeddedKafkaException(
          "Kafka broker on " + bootstrapServers() + " not ready within " + READY_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedKafkaException("Interrupted while waiting for the Kafka broker", e);
    }
  }

  private static void shutDown(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("Kafka broker did not shut down cleanly", e);
    }
  }

  /**
   * Removes the Yammer metrics (JVM-wide registry, also JMX MBeans) registered since this broker
   * started and not removed by its shutdown (partition, log, socket-server gauges...). Left there,
   * they would keep the stopped broker reachable and, since the registry hands out an existing
   * gauge rather than replacing it, report its state instead of the restarted broker's. (Several
   * brokers in one JVM, as in tests, share these metrics by name anyway: they are for reporting
   * only, so removing one another broker still updates costs nothing but its JMX view.)
   */
  private void removeLeftoverYammerMetrics() {
    MetricsRegistry registry = KafkaYammerMetrics.defaultRegistry();
    Set<MetricName> leftovers = new HashSet<>(registry.allMetrics().keySet());
    leftovers.removeAll(yammerMetricsBefore);
    leftovers.forEach(registry::removeMetric);
    log.debug("Removed {} Yammer metrics left by the stopped broker", leftovers.size());
  }

  private static boolean causedByBind(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return failure == root ? String.valueOf(failure) : failure + " (caused by " + root + ")";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LISTEN_HOST))) {
      return socket.getLocalPort();
    }
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
}
