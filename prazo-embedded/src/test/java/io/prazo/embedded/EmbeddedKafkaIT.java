package io.prazo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  private static final String TOPIC = "ticket-events";

  @TempDir Path temp;

  @Test
  void producesAndConsumesWithPlainClientsOnTheRequestedPort() throws Exception {
    int port = freePort();
    long started = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(temp.resolve("data"), port)) {
      report("first start (format)", started);
      assertThat(kafka.port()).isEqualTo(port);
      assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);
      assertThat(kafka.running()).isTrue();
      assertThat(kafka.dataDirectory()).isEqualTo(temp.resolve("data").toRealPath());

      createTopic(kafka, TOPIC, 3);
      try (KafkaProducer<String, String> producer = producer(kafka)) {
        for (int i = 1; i <= 5; i++) {
          producer
              .send(new ProducerRecord<>(TOPIC, "T-" + i, "opened " + i))
              .get(30, TimeUnit.SECONDS);
        }
      }
      assertThat(values(consume(kafka, TOPIC, 5)))
          .containsExactlyInAnyOrder("opened 1", "opened 2", "opened 3", "opened 4", "opened 5");
    }
  }

  @Test
  void usesSingleNodeSettingsAndTakesExtraOnes() throws Exception {
    try (EmbeddedKafka kafka =
            EmbeddedKafka.start(temp.resolve("data"), 0, Map.of("log.retention.hours", "24"));
        Admin admin = admin(kafka)) {
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
      Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
      assertThat(config.get("log.retention.hours").value()).isEqualTo("24");
      assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
      assertThat(config.get("offsets.topic.replication.factor").value()).isEqualTo("1");
      assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
      assertThat(admin.describeCluster().clusterId().get()).isEqualTo(kafka.clusterId());
    }
    assertThatThrownBy(
            () -> EmbeddedKafka.start(temp.resolve("other"), 0, Map.of("listeners", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listeners is managed by EmbeddedKafka");
    assertThatThrownBy(
            () -> EmbeddedKafka.start(temp.resolve("other"), 0, Map.of("num.io.threads", "many")))
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("Invalid Kafka broker settings")
        .hasMessageContaining("num.io.threads");
  }

  @Test
  void aStoppedBrokerRefusesClientsAndARestartedOneHasItsRecordsBack() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(temp.resolve("data"), 0)) {
      createTopic(kafka, TOPIC, 1);
      String clusterId = kafka.clusterId();
      try (KafkaProducer<String, String> producer = producer(kafka)) {
        producer.send(new ProducerRecord<>(TOPIC, "T-1", "before")).get(30, TimeUnit.SECONDS);

        kafka.stop();
        assertThat(kafka.running()).isFalse();
        kafka.stop(); // already stopped: nothing happens
        assertThatThrownBy(() -> connect(kafka.port())).isInstanceOf(ConnectException.class);
        assertThatThrownBy(
                () ->
                    producer
                        .send(new ProducerRecord<>(TOPIC, "T-2", "during"))
                        .get(60, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(TimeoutException.class);

        long restarted = System.nanoTime();
        kafka.restart();
        report("restart", restarted);
        assertThat(kafka.running()).isTrue();
        assertThat(kafka.clusterId()).isEqualTo(clusterId);
        producer.send(new ProducerRecord<>(TOPIC, "T-3", "after")).get(30, TimeUnit.SECONDS);
      }
      assertThat(values(consume(kafka, TOPIC, 2))).containsExactly("before", "after");
      try (Admin admin = admin(kafka)) {
        assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
      }
      kafka.restart(); // while running: stop, then start
      assertThat(values(consume(kafka, TOPIC, 2))).containsExactly("before", "after");
    }
  }

  @Test
  void aNewBrokerOnTheSameDirectoryKeepsClusterTopicsAndRecords() throws Exception {
    Path data = temp.resolve("data");
    String clusterId;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(data, 0)) {
      clusterId = kafka.clusterId();
      createTopic(kafka, TOPIC, 2);
      try (KafkaProducer<String, String> producer = producer(kafka)) {
        producer.send(new ProducerRecord<>(TOPIC, "T-1", "kept")).get(30, TimeUnit.SECONDS);
      }
    }
    long started = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(data, 0);
        Admin admin = admin(kafka)) {
      report("start on existing data", started);
      assertThat(kafka.clusterId()).isEqualTo(clusterId);
      assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
      assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions())
          .hasSize(2);
      assertThat(values(consume(kafka, TOPIC, 1))).containsExactly("kept");
    }
  }

  @Test
  void aSecondStartOnADirectoryInUseInThisJvmFailsClearly() throws Exception {
    Path data = temp.resolve("data");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(data, 0)) {
      assertThatThrownBy(() -> EmbeddedKafka.start(data, 0))
          .isInstanceOf(EmbeddedKafkaException.class)
          .hasMessageContaining("already in use by a broker started in this JVM");
      kafka.stop(); // a stopped broker still holds its directory
      assertThatThrownBy(() -> EmbeddedKafka.start(data, 0))
          .isInstanceOf(EmbeddedKafkaException.class)
          .hasMessageContaining("already in use");
      kafka.restart();
      createTopic(kafka, TOPIC, 1); // first broker unaffected
    }
    EmbeddedKafka.start(data, 0).close(); // free again after close()
  }

  @Test
  void aSecondStartOnADirectoryInUseByAnotherProcessFailsClearly() throws Exception {
    Path data = temp.resolve("data");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedKafkaChildMain.class.getName(),
                data.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String ready =
          CompletableFuture.supplyAsync(
                  () -> out.lines().filter(l -> l.startsWith("READY ")).findFirst().orElse(null))
              .get(120, TimeUnit.SECONDS);
      assertThat(ready).as("child broker started").isNotNull();

      assertThatThrownBy(() -> EmbeddedKafka.start(data, 0))
          .isInstanceOf(EmbeddedKafkaException.class)
          .hasMessageContaining("already in use by another process")
          .hasMessageContaining("locked by pid " + child.pid());
    } finally {
      child.getOutputStream().close(); // the child closes its broker and exits
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    EmbeddedKafka.start(data, 0).close();
  }

  @Test
  void aStartOnAPortInUseFailsClearlyAndLeavesNothingBehind() throws Exception {
    Path data = temp.resolve("data");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> EmbeddedKafka.start(data, taken.getLocalPort()))
          .isInstanceOf(EmbeddedKafkaException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("in use");
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(data, 0)) {
      createTopic(kafka, TOPIC, 1);
    }
  }

  @Test
  void aRestartFailsClearlyWhenItsPortWasTakenMeanwhileAndWorksOnceItIsFree() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(temp.resolve("data"), 0)) {
      kafka.stop();
      try (ServerSocket taken =
          new ServerSocket(kafka.port(), 1, InetAddress.getByName("127.0.0.1"))) {
        assertThatThrownBy(kafka::restart)
            .isInstanceOf(EmbeddedKafkaException.class)
            .hasMessageContaining("port " + kafka.port());
        assertThat(kafka.running()).isFalse();
      }
      kafka.restart();
      createTopic(kafka, TOPIC, 1);
    }
  }

  @Test
  void aDataDirectoryThatCannotBeCreatedFailsClearly() throws Exception {
    Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
    assertThatThrownBy(() -> EmbeddedKafka.start(file, 0))
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("Cannot create Kafka data directory " + file);
  }

  @Test
  void closeIsIdempotentAndFinal() throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start(temp.resolve("data"), 0);
    kafka.close();
    kafka.close();
    assertThat(kafka.running()).isFalse();
    kafka.stop(); // nothing to stop
    assertThatThrownBy(kafka::restart).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> connect(kafka.port())).isInstanceOf(ConnectException.class);
  }

  // ---------------------------------------------------------------------------------------------

  private static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static void createTopic(EmbeddedKafka kafka, String topic, int partitions)
      throws Exception {
    try (Admin admin = admin(kafka)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    properties.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
    return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
  }

  /** Reads {@code count} records from the start of {@code topic} (fails after 30 s). */
  private static List<ConsumerRecord<String, String>> consume(
      EmbeddedKafka kafka, String topic, int count) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records).as("records read from " + topic).hasSize(count);
    return records;
  }

  private static List<String> values(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }

  private static void connect(int port) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }

  private static void report(String what, long startedNanos) {
    System.out.printf("[timing] %s: %d ms%n", what, (System.nanoTime() - startedNanos) / 1_000_000);
  }
}
