package io.prazo.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain kafka-clients consumer of every partition of the ticket events topic, in a group of its
 * own (nothing committed): it starts at the topic's current end or its beginning and hands each
 * record, read as a {@link PublishedEvent}, to a callback with the instant its poll returned. Not
 * thread-safe: one thread opens it (or hands it over once) and polls it.
 *
 * <p>Partitions are assigned rather than subscribed, so no group rebalance delays the first poll;
 * the consumer never creates the topic (the publisher creates it with its partitions).
 */
final class TopicReader implements AutoCloseable {

  /** Where a new reader starts. */
  enum Start {
    /** The topic's end when the reader is opened: only records published afterwards. */
    END,
    /** The first record the topic still holds. */
    BEGINNING
  }

  /** Receives each record that could be read. */
  @FunctionalInterface
  interface Handler {
    void accept(PublishedEvent event, long arrivedNanos);
  }

  private static final long TOPIC_POLL_MILLIS = 250;

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private long records;
  private long unreadable;

  private TopicReader(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
    this.consumer = consumer;
    this.partitions = partitions;
  }

  /**
   * Opens a reader, waiting up to {@code waitForTopic} for the topic to exist (the publisher
   * creates it with its first event), and fixes its positions at {@code start}.
   *
   * @throws SetupException when the brokers cannot be reached or the topic does not appear in time
   */
  static TopicReader open(KafkaTarget target, Start start, Duration waitForTopic)
      throws SetupException, InterruptedException {
    KafkaConsumer<String, byte[]> consumer;
    try {
      consumer = new KafkaConsumer<>(properties(target));
    } catch (KafkaException e) {
      throw new SetupException(
          "cannot create a Kafka consumer for " + target.bootstrapServers() + ": " + e, e);
    }
    try {
      List<TopicPartition> partitions = awaitPartitions(consumer, target, waitForTopic);
      consumer.assign(partitions);
      if (start == Start.END) {
        consumer.seekToEnd(partitions);
      } else {
        consumer.seekToBeginning(partitions);
      }
      for (TopicPartition partition : partitions) {
        // Resolves the lazy seek now, so records published from here on are all read.
        consumer.position(partition);
      }
      return new TopicReader(consumer, partitions);
    } catch (KafkaException e) {
      consumer.close(Duration.ZERO);
      throw new SetupException(
          "Kafka at " + target.bootstrapServers() + " did not answer: " + e.getMessage(), e);
    } catch (SetupException | InterruptedException | RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  /** The consumer's settings: a group of its own, no commits, no topic creation. */
  static Properties properties(KafkaTarget target) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "prazo-load-driver-" + UUID.randomUUID());
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "prazo-load-driver");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return properties;
  }

  private static List<TopicPartition> awaitPartitions(
      KafkaConsumer<String, byte[]> consumer, KafkaTarget target, Duration waitForTopic)
      throws SetupException, InterruptedException {
    long deadline = System.nanoTime() + waitForTopic.toNanos();
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(target.topic(), Duration.ofSeconds(10));
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos) {
          partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return List.copyOf(partitions);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new SetupException(
            "no topic "
                + target.topic()
                + " on "
                + target.bootstrapServers()
                + " within "
                + waitForTopic
                + " (is ticket-command publishing?)");
      }
      Thread.sleep(TOPIC_POLL_MILLIS);
    }
  }

  /** The topic's partitions. */
  List<TopicPartition> partitions() {
    return partitions;
  }

  /**
   * Waits up to {@code timeout} for records and hands each to {@code handler}; records that are no
   * ticket event are only counted ({@link #unreadable()}).
   *
   * @return the records this poll returned
   */
  int poll(Duration timeout, Handler handler) {
    ConsumerRecords<String, byte[]> batch = consumer.poll(timeout);
    long arrived = System.nanoTime();
    for (ConsumerRecord<String, byte[]> record : batch) {
      PublishedEvent event = PublishedEvent.parse(record.key(), record.value());
      if (event == null) {
        unreadable++;
      } else {
        handler.accept(event, arrived);
      }
    }
    records += batch.count();
    return batch.count();
  }

  /**
   * The end offsets of {@code partitions} now, asked through a short-lived consumer of its own (a
   * reader's consumer belongs to the thread that polls it).
   */
  static Map<TopicPartition, Long> endOffsets(
      KafkaTarget target, Collection<TopicPartition> partitions) throws SetupException {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(target))) {
      return consumer.endOffsets(partitions, Duration.ofSeconds(30));
    } catch (KafkaException e) {
      throw new SetupException(
          "cannot read the end offsets of " + target.topic() + ": " + e.getMessage(), e);
    }
  }

  /** Whether this reader has read every partition up to {@code ends}. */
  boolean reached(Map<TopicPartition, Long> ends) {
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition) < ends.getOrDefault(partition, 0L)) {
        return false;
      }
    }
    return true;
  }

  /** Records read so far, readable or not. */
  long records() {
    return records;
  }

  /** Records read so far that are no ticket event (no JSON, or no id, ticket or sequence). */
  long unreadable() {
    return unreadable;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
