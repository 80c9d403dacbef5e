package io.prazo.testing;

import io.prazo.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Kafka 3.9 broker for integration tests: one per test JVM ({@link #shared()}), started on
 * first use and stopped by a JVM shutdown hook, plus brokers of their own ({@link #dedicated()})
 * for tests that take their broker down.
 *
 * <p>Which broker is chosen by the system property {@code prazo.test.infra} or the environment
 * variable {@code PRAZO_TEST_INFRA} (the property wins), as for {@link TestPostgres}:
 *
 * <ul>
 *   <li>{@code embedded}: {@link EmbeddedKafka} in this JVM, data in a temporary directory (deleted
 *       at exit);
 *   <li>{@code containers}: Testcontainers {@code apache/kafka:3.9.2};
 *   <li>{@code auto} (default): containers when a Docker engine is reachable, else embedded.
 * </ul>
 *
 * <p>Both are a single KRaft node with {@link EmbeddedKafka#defaultSettings()}: replication factor
 * 1, no automatic topic creation (create topics with an {@code Admin} or let the code under test do
 * it).
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void kafka(DynamicPropertyRegistry registry) {
 *   TestKafka.shared().registerAsBroker(registry::add);
 * }
 * }</pre>
 */
public final class TestKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TestKafka.class);

  static final String CONTAINER_IMAGE = "apache/kafka:3.9.2";
  private static final String TEMP_PREFIX = "prazo-test-kafka-";
  private static final Duration CONTAINER_RESUME_TIMEOUT = Duration.ofSeconds(60);

  /** The Spring property naming the brokers Prazo publishes to and consumes from. */
  public static final String BOOTSTRAP_SERVERS_PROPERTY = "prazo.kafka.bootstrap-servers";

  /** The setting that names the topic Prazo publishes to. */
  public static final String TOPIC_PROPERTY = "prazo.kafka.topic";

  private static final Object LOCK = new Object();
  private static volatile TestKafka shared;
  private static RuntimeException failure;
  private static Infra infra;
  private static boolean hookRegistered;
  private static final Set<TestKafka> DEDICATED = ConcurrentHashMap.newKeySet();

  private final Infra mode;
  private final Broker broker;
  private final boolean isShared;
  private boolean closed;

  private TestKafka(Infra mode, Broker broker, boolean isShared) {
    this.mode = mode;
    this.broker = broker;
    this.isShared = isShared;
  }

  /**
   * The broker of this JVM, started on the first call (thread-safe). If it cannot be started, this
   * and every later call throw the same error. It cannot be stopped or closed by tests.
   */
  public static TestKafka shared() {
    TestKafka instance = shared;
    if (instance != null) {
      return instance;
    }
    synchronized (LOCK) {
      if (shared != null) {
        return shared;
      }
      if (failure != null) {
        throw new IllegalStateException("The test Kafka broker failed to start earlier", failure);
      }
      try {
        shared = start(true);
        return shared;
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
  }

  /**
   * A new broker of its own (same kind as {@link #shared()}), for a test that {@link #stop()}s it.
   * {@link #close()} it when done; one left open is closed when the JVM exits.
   */
  public static TestKafka dedicated() {
    TestKafka kafka;
    synchronized (LOCK) {
      kafka = start(false);
    }
    DEDICATED.add(kafka);
    return kafka;
  }

  /** {@code embedded} or {@code containers}: which kind of broker this is. */
  public String mode() {
    return mode.mode();
  }

  /**
   * Where clients connect ({@code host:port}); the same across {@link #stop()}/{@link #start()}.
   */
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /**
   * Gives this broker to a Spring application as {@value #BOOTSTRAP_SERVERS_PROPERTY}, with a topic
   * of its own ({@value #TOPIC_PROPERTY}, a new name at each call), so that applications sharing
   * the broker never read each other's events.
   *
   * @param registry where settings go, e.g. a {@code DynamicPropertyRegistry}'s {@code add}
   */
  public void registerAsBroker(BiConsumer<String, Supplier<Object>> registry) {
    registry.accept(BOOTSTRAP_SERVERS_PROPERTY, this::bootstrapServers);
    String topic = "tickets.events.test-" + UUID.randomUUID();
    registry.accept(TOPIC_PROPERTY, () -> topic);
  }

  /**
   * Makes the broker unreachable, keeping its data: embedded, it is stopped (connections are
   * refused); in a container, the container is paused (connections hang). Does nothing when already
   * stopped.
   *
   * @throws IllegalStateException on the shared broker, which other tests use
   */
  public synchronized void stop() {
    requireDedicatedAndOpen("stop");
    broker.stop();
  }

  /**
   * Brings a {@link #stop()}ped broker back at the same address with the same data, and returns
   * once it accepts requests. Does nothing when it runs.
   *
   * @throws IllegalStateException on the shared broker, or after {@link #close()}
   */
  public synchronized void start() {
    requireDedicatedAndOpen("start");
    broker.start();
  }

  /**
   * A consumer of this broker for {@code groupId}: String keys, byte[] values, reading from the
   * earliest offset when the group has none, committing only when told to ({@code commitSync}). The
   * caller closes it.
   */
  public KafkaConsumer<String, byte[]> newConsumer(String groupId) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Stops a {@link #dedicated()} broker for good and deletes its data. Idempotent.
   *
   * @throws IllegalStateException on the shared broker, which stops when the JVM exits
   */
  @Override
  public void close() {
    if (isShared) {
      throw new IllegalStateException("The shared test Kafka broker stops when the JVM exits");
    }
    shutDown();
  }

  @Override
  public String toString() {
    return "TestKafka[" + mode() + (isShared ? ", shared" : ", dedicated") + ", " + broker + "]";
  }

  // ---------------------------------------------------------------------------------------------

  private synchronized void shutDown() {
    if (closed) {
      return;
    }
    closed = true;
    DEDICATED.remove(this);
    broker.close();
  }

  private synchronized void requireDedicatedAndOpen(String action) {
    if (isShared) {
      throw new IllegalStateException(
          "Cannot " + action + " the shared test Kafka broker; use TestKafka.dedicated()");
    }
    if (closed) {
      throw new IllegalStateException("closed: " + this);
    }
  }

  /** Starts a broker of the configured kind. Caller holds {@link #LOCK}. */
  private static TestKafka start(boolean isShared) {
    registerShutdownHook();
    Infra requested = Infra.requested(stringProperties(), System.getenv());
    if (infra == null) {
      infra = requested.resolve(Infra::dockerAvailable);
    }
    long started = System.nanoTime();
    Broker broker = infra == Infra.CONTAINERS ? new ContainerBroker() : new EmbeddedBroker();
    log.info(
        "Test Kafka ({}): {} (asked for {}), {}, ready in {} ms",
        isShared ? "shared" : "dedicated",
        infra.mode(),
        requested.mode(),
        broker,
        (System.nanoTime() - started) / 1_000_000);
    return new TestKafka(infra, broker, isShared);
  }

  private static void registerShutdownHook() {
    if (hookRegistered) {
      return;
    }
    hookRegistered = true;
    Runtime.getRuntime()
        .addShutdownHook(new Thread(TestKafka::shutdownAll, "prazo-test-kafka-shutdown"));
  }

  private static void shutdownAll() {
    DEDICATED.forEach(TestKafka::shutDown);
    TestKafka instance = shared;
    if (instance != null) {
      instance.shutDown();
    }
  }

  private static Map<String, String> stringProperties() {
    Map<String, String> properties = new java.util.HashMap<>();
    System.getProperties()
        .stringPropertyNames()
        .forEach(n -> properties.put(n, System.getProperty(n)));
    return properties;
  }

  private interface Broker {
    String bootstrapServers();

    void stop();

    void start();

    void close();
  }

  private static final class EmbeddedBroker implements Broker {

    private final OwnedTempDirectory directory;
    private final EmbeddedKafka kafka;

    EmbeddedBroker() {
      directory = OwnedTempDirectory.create(TEMP_PREFIX, "the test Kafka broker");
      try {
        kafka = EmbeddedKafka.start(directory.path().resolve("data"), 0);
      } catch (RuntimeException e) {
        directory.close();
        throw e;
      }
    }

    @Override
    public String bootstrapServers() {
      return kafka.bootstrapServers();
    }

    @Override
    public void stop() {
      kafka.stop();
    }

    @Override
    public void start() {
      if (!kafka.running()) {
        kafka.restart();
      }
    }

    @Override
    public void close() {
      try {
        kafka.close();
      } finally {
        directory.close();
      }
    }

    @Override
    public String toString() {
      return "embedded Kafka on " + kafka.bootstrapServers() + ", data in " + directory;
    }
  }

  private static final class ContainerBroker implements Broker {

    private final KafkaContainer container;
    private boolean paused;

    @SuppressWarnings("resource") // stopped by close()
    ContainerBroker() {
      // The same single-node settings as the embedded broker, as KAFKA_* environment variables
      // (the apache/kafka image turns KAFKA_FOO_BAR into foo.bar).
      Map<String, String> environment =
          EmbeddedKafka.defaultSettings().entrySet().stream()
              .collect(
                  Collectors.toMap(
                      e -> "KAFKA_" + e.getKey().replace('.', '_').toUpperCase(Locale.ROOT),
                      Map.Entry::getValue));
      container = new KafkaContainer(DockerImageName.parse(CONTAINER_IMAGE)).withEnv(environment);
      container.start();
    }

    @Override
    public String bootstrapServers() {
      return container.getBootstrapServers();
    }

    @Override
    public synchronized void stop() {
      if (!paused) {
        container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
        paused = true;
      }
    }

    @Override
    public synchronized void start() {
      if (paused) {
        container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
        paused = false;
        awaitBroker();
      }
    }

    /** Waits until the broker lists itself again (it may have fenced itself while frozen). */
    private void awaitBroker() {
      Properties properties = new Properties();
      properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
      properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
      long deadline = System.nanoTime() + CONTAINER_RESUME_TIMEOUT.toNanos();
      try (Admin admin = Admin.create(properties)) {
        while (true) {
          try {
            if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
              return;
            }
          } catch (ExecutionException | TimeoutException e) {
            log.debug("Kafka container not answering yet", e);
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "Kafka container " + bootstrapServers() + " not back after unpausing");
          }
          Thread.sleep(200);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the Kafka container", e);
      }
    }

    @Override
    public synchronized void close() {
      try {
        start(); // a paused container does not stop cleanly
      } catch (RuntimeException e) {
        log.debug("Could not unpause {}", container.getContainerId(), e);
      }
      container.stop();
    }

    @Override
    public String toString() {
      return CONTAINER_IMAGE + " at " + bootstrapServers();
    }
  }
}
