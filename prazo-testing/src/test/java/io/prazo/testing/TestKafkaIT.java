package io.prazo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TestKafkaIT {

  @Test
  void sharedIsOneBrokerPerJvmEvenWhenFirstAskedConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<TestKafka>> askers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        askers.add(TestKafka::shared);
      }
      for (Future<TestKafka> answer : pool.invokeAll(askers)) {
        assertThat(answer.get()).isSameAs(TestKafka.shared());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(TestKafka.shared().mode()).isIn("embedded", "containers");
  }

  @Test
  void theSharedBrokerCarriesRecordsAndIsRegisteredForSpring() throws Exception {
    TestKafka kafka = TestKafka.shared();
    String topic = "shared-" + UUID.randomUUID();
    createTopic(kafka, topic);
    try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
      producer.send(record(topic, "T-1", "opened")).get(30, TimeUnit.SECONDS);
      producer.send(record(topic, "T-1", "resolved")).get(30, TimeUnit.SECONDS);
    }
    assertThat(values(read(kafka, topic, 2))).containsExactly("opened", "resolved");

    Map<String, Supplier<Object>> registered = new HashMap<>();
    kafka.registerAsBroker(registered::put);
    assertThat(registered).containsOnlyKeys("prazo.kafka.bootstrap-servers", "prazo.kafka.topic");
    assertThat(registered.get("prazo.kafka.bootstrap-servers").get())
        .isEqualTo(kafka.bootstrapServers());
    Map<String, Supplier<Object>> again = new HashMap<>();
    kafka.registerAsBroker(again::put);
    assertThat(again.get("prazo.kafka.topic").get())
        .as("each application gets a topic of its own")
        .isNotEqualTo(registered.get("prazo.kafka.topic").get());
  }

  @Test
  void newConsumerStartsAtTheEarliestOffsetAndCommitsOnlyWhenTold() throws Exception {
    TestKafka kafka = TestKafka.shared();
    String topic = "commits-" + UUID.randomUUID();
    createTopic(kafka, topic);
    try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
      for (String value : List.of("a", "b", "c")) {
        producer.send(record(topic, "k", value)).get(30, TimeUnit.SECONDS);
      }
    }
    String group = "group-" + UUID.randomUUID();
    try (KafkaConsumer<String, byte[]> consumer = kafka.newConsumer(group)) {
      assertThat(values(poll(consumer, topic, 3))).containsExactly("a", "b", "c");
    }
    try (KafkaConsumer<String, byte[]> consumer = kafka.newConsumer(group)) {
      List<ConsumerRecord<String, byte[]>> again = poll(consumer, topic, 3);
      assertThat(values(again)).as("nothing was committed").containsExactly("a", "b", "c");
      consumer.commitSync();
    }
    try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
      producer.send(record(topic, "k", "d")).get(30, TimeUnit.SECONDS);
    }
    try (KafkaConsumer<String, byte[]> consumer = kafka.newConsumer(group)) {
      assertThat(values(poll(consumer, topic, 1))).containsExactly("d");
    }
  }

  @Test
  void theSharedBrokerCannotBeStoppedOrClosedByATest() {
    TestKafka kafka = TestKafka.shared();
    assertThatThrownBy(kafka::stop)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TestKafka.dedicated()");
    assertThatThrownBy(kafka::close).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aDedicatedBrokerRefusesProducersWhileStoppedAndKeepsItsRecords() throws Exception {
    try (TestKafka kafka = TestKafka.dedicated()) {
      assertThat(kafka).isNotSameAs(TestKafka.shared());
      assertThat(kafka.bootstrapServers()).isNotEqualTo(TestKafka.shared().bootstrapServers());
      assertThat(kafka.mode()).isEqualTo(TestKafka.shared().mode());
      String address = kafka.bootstrapServers();
      String topic = "outage";
      createTopic(kafka, topic);
      try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
        producer.send(record(topic, "T-1", "before")).get(30, TimeUnit.SECONDS);

        kafka.stop();
        assertThatThrownBy(
                () -> producer.send(record(topic, "T-2", "during")).get(60, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(TimeoutException.class);

        kafka.start();
        assertThat(kafka.bootstrapServers()).isEqualTo(address);
        producer.send(record(topic, "T-3", "after")).get(30, TimeUnit.SECONDS);
      }
      assertThat(values(read(kafka, topic, 2))).containsExactly("before", "after");
    }
  }

  @Test
  void aClosedDedicatedBrokerIsGoneForGood() {
    TestKafka kafka = TestKafka.dedicated();
    kafka.close();
    kafka.close(); // idempotent
    assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class);
  }

  // ---------------------------------------------------------------------------------------------

  private static void createTopic(TestKafka kafka, String topic) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
  }

  /** A producer that gives up quickly: 3 s to find the broker, 5 s to deliver. */
  private static KafkaProducer<String, byte[]> producer(TestKafka kafka) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    properties.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
    return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }

  private static ProducerRecord<String, byte[]> record(String topic, String key, String value) {
    return new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
  }

  private static List<ConsumerRecord<String, byte[]>> read(
      TestKafka kafka, String topic, int count) {
    try (KafkaConsumer<String, byte[]> consumer = kafka.newConsumer("read-" + UUID.randomUUID())) {
      return poll(consumer, topic, count);
    }
  }

  /** Polls until {@code count} records came (fails after 30 s). */
  private static List<ConsumerRecord<String, byte[]>> poll(
      KafkaConsumer<String, byte[]> consumer, String topic, int count) {
    consumer.subscribe(List.of(topic));
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (records.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    assertThat(records).as("records read from " + topic).hasSize(count);
    return records;
  }

  private static List<String> values(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }
}
