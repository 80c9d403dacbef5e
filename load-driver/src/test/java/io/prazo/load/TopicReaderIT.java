package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prazo.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's consumer side against a real, throw-away Kafka broker: the test plays the
 * publisher, writing CloudEvents records keyed by ticket as ticket-command does.
 */
class TopicReaderIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path temp;

  private static EmbeddedKafka kafka;
  private static Admin admin;
  private static KafkaProducer<String, byte[]> producer;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start(temp.resolve("kafka"), 0);
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    admin = Admin.create(properties);
    Properties producing = new Properties();
    producing.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    producing.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producing.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producing.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    producer = new KafkaProducer<>(producing);
  }

  @AfterAll
  static void stopKafka() {
    if (producer != null) {
      producer.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aReaderAtTheEndSeesOnlyLaterRecordsAndOneAtTheBeginningSeesThemAll() throws Exception {
    KafkaTarget target = topic("reader-start", 3);
    publish(target, "T-1", "e-1", 0);
    publish(target, "T-2", "e-2", 0);

    try (TopicReader atEnd = TopicReader.open(target, TopicReader.Start.END, WAIT);
        TopicReader atBeginning = TopicReader.open(target, TopicReader.Start.BEGINNING, WAIT)) {
      assertThat(atEnd.partitions()).hasSize(3);
      publish(target, "T-1", "e-3", 1);
      producer.send(new ProducerRecord<>(target.topic(), "T-3", bytes("no event"))).get();

      Set<String> late = readUntil(atEnd, 1);
      Set<String> all = readUntil(atBeginning, 3);

      assertThat(late).containsExactly("e-3");
      assertThat(all).containsExactlyInAnyOrder("e-1", "e-2", "e-3");
      assertThat(atEnd.records()).isEqualTo(2);
      assertThat(atEnd.unreadable()).isEqualTo(1);
      Map<TopicPartition, Long> ends = TopicReader.endOffsets(target, atEnd.partitions());
      assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
      assertThat(atEnd.reached(ends)).isTrue();
    }
  }

  @Test
  void pairsEachAcceptedCommandWithTheRecordOfItsTicketAndSequence() throws Exception {
    KafkaTarget target = topic("reader-matching", 2);
    LatencyMatcher matcher = new LatencyMatcher();
    try (TopicReader reader = TopicReader.open(target, TopicReader.Start.END, WAIT)) {
      // As ticket-command: the record may be published before or after the answer is noted.
      publish(target, "T-1", "e-1", 4);
      long now = System.nanoTime();
      matcher.accepted("T-1", 4, now, true);
      matcher.accepted("T-2", 7, now, true);
      matcher.accepted("T-3", 1, now, true);
      publish(target, "T-2", "e-2", 6);
      publish(target, "T-2", "e-3", 7);

      long deadline = System.nanoTime() + WAIT.toNanos();
      while (matcher.outcome().matched() < 2 && System.nanoTime() - deadline < 0) {
        reader.poll(
            Duration.ofMillis(100),
            (event, arrived) -> matcher.consumed(event.ticketId(), event.sequence(), arrived));
      }
    }

    LatencyMatcher.Outcome outcome = matcher.outcome();
    assertThat(outcome.matched()).isEqualTo(2);
    assertThat(outcome.neverMatched()).isEqualTo(1);
    assertThat(outcome.neverMatchedExamples()).containsExactly("T-3/1");
    assertThat(outcome.latencies().getMaxValue()).isLessThan(TimeUnit.SECONDS.toMicros(30));
  }

  @Test
  void countsARebuildsDistinctEventsAgainstTheHistory() throws Exception {
    KafkaTarget target = topic("reader-rebuild", 3);
    List<String> history = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      history.add("e-" + i);
      publish(target, "T-" + (i % 7), "e-" + i, i / 7);
    }
    DistinctArrivals arrivals = new DistinctArrivals(new HashSet<>(history));
    try (TopicReader reader = TopicReader.open(target, TopicReader.Start.END, WAIT)) {
      // The republished history, with a repeat and one event that is not part of it.
      for (int i = 0; i < 50; i++) {
        publish(target, "T-" + (i % 7), "e-" + i, i / 7);
      }
      publish(target, "T-0", "e-0", 0);
      publish(target, "T-9", "e-new", 0);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (reader.records() < 52 && System.nanoTime() - deadline < 0) {
        reader.poll(
            Duration.ofMillis(100), (event, arrived) -> arrivals.arrived(event.id(), arrived));
      }
    }

    assertThat(arrivals.complete()).isTrue();
    assertThat(arrivals.distinct()).isEqualTo(50);
    assertThat(arrivals.repeats()).isEqualTo(1);
    assertThat(arrivals.unexpected()).isEqualTo(1);
    assertThat(arrivals.lastNanos()).isGreaterThanOrEqualTo(arrivals.firstNanos());
  }

  @Test
  void waitsForAMissingTopicWithoutCreatingIt() throws Exception {
    KafkaTarget missing = new KafkaTarget(kafka.bootstrapServers(), "no-such-topic");

    assertThatThrownBy(
            () -> TopicReader.open(missing, TopicReader.Start.END, Duration.ofMillis(500)))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("no topic no-such-topic");
    assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
        .doesNotContain("no-such-topic");
  }

  private static KafkaTarget topic(String name, int partitions) throws Exception {
    admin
        .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
    return new KafkaTarget(kafka.bootstrapServers(), name);
  }

  private static void publish(KafkaTarget target, String ticket, String id, long sequence)
      throws Exception {
    String value =
        "{\"specversion\":\"1.0\",\"id\":\""
            + id
            + "\",\"source\":\"/prazo/ticket-command\",\"type\":\"io.prazo.ticket.note.v1\","
            + "\"subject\":\""
            + ticket
            + "\",\"data\":{\"ticketId\":\""
            + ticket
            + "\"},\"sequence\":"
            + sequence
            + "}";
    producer.send(new ProducerRecord<>(target.topic(), ticket, bytes(value))).get();
  }

  /** Polls until {@code count} distinct events arrived (or the wait is over); their ids. */
  private static Set<String> readUntil(TopicReader reader, int count) {
    Set<String> ids = new HashSet<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (ids.size() < count && System.nanoTime() - deadline < 0) {
      reader.poll(Duration.ofMillis(100), (event, arrived) -> ids.add(event.id()));
    }
    // One more short poll: nothing else may arrive.
    reader.poll(Duration.ofMillis(300), (event, arrived) -> ids.add(event.id()));
    return ids;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
