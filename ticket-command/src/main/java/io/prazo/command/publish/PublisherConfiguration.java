package io.prazo.command.publish;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.prazo.eventstore.OutboundProcessor;
import io.prazo.eventstore.Projections;
import io.prazo.eventstore.StreamingProjection;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishing to Kafka: the publisher's streaming processor on the event store (its position in
 * ticket-command's token table), its producer, the topic, and its metrics. On unless {@code
 * prazo.kafka.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "prazo.kafka.enabled", matchIfMissing = true)
@EnableConfigurationProperties(KafkaPublisherProperties.class)
public class PublisherConfiguration {
  private static final Logger log = LoggerFactory.getLogger(PublisherConfiguration.class);

  @Bean(destroyMethod = "close")
  public PublisherProducer publisherProducer(
      KafkaPublisherProperties properties, MeterRegistry meters) {
    return new PublisherProducer(properties, meters);
  }

  @Bean
  public TopicSetup topicSetup(KafkaPublisherProperties properties) {
    return new TopicSetup(properties);
  }

  @Bean
  public TicketEventPublisher ticketEventPublisher(
      KafkaPublisherProperties properties,
      PublisherProducer producer,
      TopicSetup topicSetup,
      MeterRegistry meters) {
    return new TicketEventPublisher(properties, producer, topicSetup, meters);
  }

  /** The publisher is not a read model: the test clock does not wait for the broker. */
  @Bean
  public OutboundProcessor kafkaPublisherProcessor() {
    return new OutboundProcessor(TicketEventPublisher.PROCESSOR);
  }

  /**
   * {@code prazo.kafka.publish.lag}: events between the store's head and the publisher's position
   * (over the segments this instance holds).
   */
  @Bean
  public MeterBinder publishLagGauge(Projections projections, KafkaPublisherProperties properties) {
    return registry ->
        Gauge.builder(
                "prazo.kafka.publish.lag",
                projections,
                p ->
                    p.status(TicketEventPublisher.PROCESSOR)
                        .map(status -> (double) status.lag())
                        .orElse(Double.NaN))
            .description("Events in the store not yet confirmed by the broker")
            .tag("topic", properties.topic())
            .register(registry);
  }

  /**
   * Creates the topic right after startup, so consumers can subscribe before the first event; if
   * the broker is not there yet, the publisher creates it before its first batch.
   */
  @Bean
  public ApplicationListener<ApplicationReadyEvent> earlyTopicSetup(TopicSetup topicSetup) {
    return ready -> {
      Thread thread =
          new Thread(
              () -> {
                try {
                  topicSetup.ensure();
                } catch (RuntimeException e) {
                  log.warn(
                      "Kafka topic not set up yet ({}); the publisher will retry", e.getMessage());
                }
              },
              "prazo-kafka-topic-setup");
      thread.setDaemon(true);
      thread.start();
    };
  }

  /**
   * Registers the processor. Its own configuration class, so that registering does not need the
   * beans above while they are being made.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "prazo.kafka.enabled", matchIfMissing = true)
  static class ProcessorRegistration {
    @Autowired
    public void registerProcessor(
        EventProcessingConfigurer processing,
        TicketEventPublisher publisher,
        KafkaPublisherProperties properties,
        ConnectionProvider connections,
        Serializer serializer) {
      new StreamingProjection(
              TicketEventPublisher.PROCESSOR,
              "token_entry",
              properties.segments(),
              properties.batchSize(),
              properties.fullBufferRecheck(),
              properties.idleRecheck())
          .register(processing, publisher, connections, serializer);
    }
  }
}
