package io.prazo.command.publish;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code prazo.kafka.*}: where ticket events are published and how the publisher reads the store.
 *
 * @param enabled whether this instance publishes; only switch it off where another instance of
 *     ticket-command on the same event store publishes (the store keeps every event, and a
 *     publisher switched on later sends everything it has not sent yet)
 * @param bootstrapServers the brokers, {@code host:port[,host:port...]}; required when enabled
 * @param topic the topic every event goes to, keyed by ticket id
 * @param source the CloudEvents {@code source} of every event
 * @param createTopic whether the publisher creates the topic when it is missing
 * @param partitions partitions of a topic the publisher creates
 * @param replicationFactor replicas of a topic the publisher creates; -1 takes the broker's default
 * @param topicConfig topic settings for a topic the publisher creates (e.g. {@code retention.ms})
 * @param producer further producer settings (security, SASL, compression...), applied last except
 *     for the ones Prazo's guarantees rest on (idempotence, acks, serializers)
 * @param deliveryTimeout how long the producer keeps retrying a record before the batch fails and
 *     is published again from the last confirmed event
 * @param maxBlock how long a send may wait for the topic's metadata (broker unreachable)
 * @param segments how many segments the event stream is split into; instances share them
 * @param batchSize events per batch: a batch is confirmed by the broker before its position is
 *     saved
 * @param fullBufferRecheck how soon the processor's reader looks again when its buffers were full
 * @param idleRecheck how soon the processor's reader looks again when no new event was pending
 */
@ConfigurationProperties("prazo.kafka")
public record KafkaPublisherProperties(
    @DefaultValue("true") boolean enabled,
    String bootstrapServers,
    @DefaultValue("tickets.events.v1") String topic,
    @DefaultValue("/prazo/ticket-command") String source,
    @DefaultValue("true") boolean createTopic,
    @DefaultValue("6") int partitions,
    @DefaultValue("-1") short replicationFactor,
    Map<String, String> topicConfig,
    Map<String, String> producer,
    @DefaultValue("120s") Duration deliveryTimeout,
    @DefaultValue("30s") Duration maxBlock,
    @DefaultValue("2") int segments,
    @DefaultValue("500") int batchSize,
    @DefaultValue("2ms") Duration fullBufferRecheck,
    @DefaultValue("10ms") Duration idleRecheck) {

  public KafkaPublisherProperties {
    topicConfig = topicConfig == null ? Map.of() : Map.copyOf(topicConfig);
    producer = producer == null ? Map.of() : Map.copyOf(producer);
    if (enabled && (bootstrapServers == null || bootstrapServers.isBlank())) {
      throw new IllegalArgumentException(
          "prazo.kafka.bootstrap-servers (PRAZO_KAFKA_BOOTSTRAP_SERVERS) is required: every ticket"
              + " event is published to Kafka. Set prazo.kafka.enabled=false only where another"
              + " instance publishes.");
    }
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("prazo.kafka.topic must not be blank");
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("prazo.kafka.source must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("prazo.kafka.partitions must be at least 1");
    }
    if (replicationFactor == 0 || replicationFactor < -1) {
      throw new IllegalArgumentException("prazo.kafka.replication-factor must be -1 or at least 1");
    }
    if (deliveryTimeout.isNegative() || deliveryTimeout.isZero()) {
      throw new IllegalArgumentException("prazo.kafka.delivery-timeout must be positive");
    }
    if (maxBlock.isNegative()) {
      throw new IllegalArgumentException("prazo.kafka.max-block must not be negative");
    }
    if (segments < 1 || batchSize < 1) {
      throw new IllegalArgumentException("prazo.kafka.segments and batch-size must be at least 1");
    }
  }
}
