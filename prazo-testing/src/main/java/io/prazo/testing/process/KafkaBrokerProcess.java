package io.prazo.testing.process;

import io.prazo.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in a JVM of its own, as its distribution runs it: {@code kafka.Kafka
 * server.properties} on a class path of Kafka's jars from Maven Central. One KRaft node in combined
 * mode (broker and controller, node id 1) on two free loopback ports, its storage formatted first
 * by Kafka's own tool ({@code kafka.tools.StorageTool format}), with the single-node settings of
 * {@link EmbeddedKafka#defaultSettings()}.
 *
 * <p>Both programs write to one log file. {@link #close()} stops the broker (it is killed if it has
 * not stopped within 10 s); {@link ChildProcess} kills it if the test JVM exits first.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  /** The KRaft node id of the broker and controller. */
  public static final int NODE_ID = 1;

  private static final String HOST = "127.0.0.1";
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final ChildProcess process;
  private final int port;

  private KafkaBrokerProcess(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Formats a new broker's storage in {@code directory} and starts it; returns once the broker
   * answers a metadata request listing itself.
   *
   * @param classpath the class path of {@code kafka_2.13} and its runtime dependencies (with an
   *     SLF4J provider, or it logs nothing)
   * @param directory a directory that does not exist yet or is empty: {@code server.properties} and
   *     the log directory {@code kafka-logs} go there
   * @param logFile where the storage tool and the broker write their output
   * @param jvmOptions options of the broker's JVM, e.g. {@code -Xmx256m}
   * @throws IllegalStateException if the storage cannot be formatted or the broker does not come up
   *     (the end of its output is in the message); nothing is left running then
   */
  public static KafkaBrokerProcess start(
      String classpath, Path directory, Path logFile, List<String> jvmOptions) {
    if (classpath == null || classpath.isBlank()) {
      throw new IllegalArgumentException("no class path for the Kafka broker");
    }
    int port = LoopbackPorts.free();
    int controllerPort = LoopbackPorts.free();
    Path properties = writeServerProperties(directory, port, controllerPort);

    ChildProcess format =
        ChildProcess.start(
            "kafka-storage-format",
            List.of(
                ChildProcess.javaExecutable(),
                "-cp",
                classpath,
                "kafka.tools.StorageTool",
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                properties.toString()),
            Map.of(),
            logFile);
    int formatted = format.awaitExit(FORMAT_TIMEOUT);
    if (formatted != 0) {
      throw new IllegalStateException(
          "Kafka's storage tool failed (exit code "
              + formatted
              + ") in "
              + directory
              + ":\n"
              + format.tail(40));
    }

    List<String> command = new java.util.ArrayList<>();
    command.add(ChildProcess.javaExecutable());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
            "-cp",
            classpath,
            "kafka.Kafka",
            properties.toString()));
    ChildProcess broker = ChildProcess.start("kafka-broker", command, Map.of(), logFile);
    KafkaBrokerProcess kafka = new KafkaBrokerProcess(broker, port);
    try {
      kafka.awaitReady();
      return kafka;
    } catch (RuntimeException e) {
      broker.killForcibly();
      throw e;
    }
  }

  /** Where clients connect: {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The broker's JVM. */
  public ChildProcess process() {
    return process;
  }

  /** Stops the broker, forcibly if it takes longer than 10 s. */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(10));
  }

  @Override
  public String toString() {
    return "Kafka broker on " + bootstrapServers() + ", " + process;
  }

  private static Path writeServerProperties(Path directory, int port, int controllerPort) {
    try {
      Files.createDirectories(directory);
      try (var entries = Files.list(directory)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("not an empty directory: " + directory);
        }
      }
      Map<String, String> settings = new LinkedHashMap<>(EmbeddedKafka.defaultSettings());
      settings.put("process.roles", "broker,controller");
      settings.put("node.id", Integer.toString(NODE_ID));
      settings.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
      settings.put("controller.listener.names", "CONTROLLER");
      settings.put(
          "listeners",
          "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
      settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
      settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      settings.put("inter.broker.listener.name", "PLAINTEXT");
      settings.put("log.dirs", directory.resolve("kafka-logs").toAbsolutePath().toString());
      Path file = directory.resolve("server.properties");
      Files.writeString(
          file,
          settings.entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining("\n"))
              + "\n",
          StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the Kafka broker's directory " + directory, e);
    }
  }

  private void awaitReady() {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "prazo-test-broker-ready-check");
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Throwable last = null;
    try (Admin admin = Admin.create(properties)) {
      while (System.nanoTime() < deadline) {
        process.requireAlive();
        try {
          Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          if (nodes.stream().anyMatch(node -> node.id() == NODE_ID)) {
            return;
          }
          last = new IllegalStateException("the broker does not list itself: " + nodes);
        } catch (ExecutionException e) {
          last = e.getCause();
        } catch (TimeoutException e) {
          last = e;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
    }
    throw new IllegalStateException(
        "The Kafka broker on "
            + bootstrapServers()
            + " did not answer within "
            + READY_TIMEOUT
            + " (last: "
            + last
            + "); the end of its output:\n"
            + process.tail(60));
  }
}
