package io.prazo.command.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's Kafka producer: made on first use, shared by the processor's segments, and thrown
 * away after a failure, so that the next attempt starts with a fresh connection and nothing of the
 * failed batch still queued (the batch is sent again from its first event).
 */
public class PublisherProducer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PublisherProducer.class);
  private static final Duration LINGER = Duration.ofMillis(5);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Map<String, Object> settings;
  private final MeterRegistry meters;
  private Producer<String, byte[]> current;
  private KafkaClientMetrics currentMetrics;
  private boolean closed;

  /**
   * @param properties where and how to publish
   * @param meters where the producer's own metrics go
   */
  public PublisherProducer(KafkaPublisherProperties properties, MeterRegistry meters) {
    this.settings = settings(properties);
    this.meters = meters;
  }

  /**
   * The producer settings: the operator's extras, then what the publisher's guarantees rest on,
   * which the extras cannot change.
   */
  static Map<String, Object> settings(KafkaPublisherProperties properties) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "prazo-publisher-" + UUID.randomUUID());
    settings.put(ProducerConfig.LINGER_MS_CONFIG, (int) LINGER.toMillis());
    settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.maxBlock().toMillis());
    long delivery = properties.deliveryTimeout().toMillis();
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
    settings.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        (int) Math.max(1, Math.min(30_000, delivery - LINGER.toMillis())));
    settings.putAll(properties.producer());
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    settings.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return Map.copyOf(settings);
  }

  /**
   * The producer, made when there is none.
   *
   * @return the shared producer
   * @throws IllegalStateException once closed
   */
  public synchronized Producer<String, byte[]> get() {
    if (closed) {
      throw new IllegalStateException("the publisher's producer is closed");
    }
    if (current == null) {
      current = new KafkaProducer<>(settings);
      currentMetrics = new KafkaClientMetrics(current);
      currentMetrics.bindTo(meters);
    }
    return current;
  }

  /**
   * Throws a producer away after a failure, dropping whatever it still had queued. Does nothing if
   * it was already replaced.
   *
   * @param failed the producer a send or a confirmation failed on
   */
  public synchronized void discard(Producer<String, byte[]> failed) {
    if (failed != current) {
      return;
    }
    log.info("Discarding the Kafka producer after a failure; the next batch starts a new one");
    closeCurrent(Duration.ZERO);
  }

  /** Sends what is queued (for a while) and closes the producer. */
  @Override
  public synchronized void close() {
    closed = true;
    closeCurrent(CLOSE_TIMEOUT);
  }

  private void closeCurrent(Duration timeout) {
    if (current == null) {
      return;
    }
    try {
      currentMetrics.close();
      current.close(timeout);
    } catch (RuntimeException e) {
      log.warn("Closing the Kafka producer failed", e);
    } finally {
      current = null;
      currentMetrics = null;
    }
  }
}
