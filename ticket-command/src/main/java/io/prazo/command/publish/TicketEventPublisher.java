package io.prazo.command.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prazo.events.CloudEventJson;
import io.prazo.events.MetadataKeys;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketEventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes every ticket event of the store to Kafka, in the store's order: the event store is the
 * outbox, so publishing is never part of a command and a command never waits for the broker.
 *
 * <p>A batch of events is sent without waiting for each record (the idempotent producer keeps a
 * ticket's records in order within its partition); the batch's transaction, which saves the
 * processor's position, commits only once the broker has confirmed every record of it. If anything
 * fails, the transaction rolls back, the producer is thrown away and the batch is sent again from
 * its first event after a back-off: delivery is at least once, a repeated event carries the same
 * CloudEvents {@code id}, and an event is never skipped.
 *
 * <p>Record key: the ticket id, so a ticket's events share a partition. Value: the event as a
 * CloudEvents 1.0 JSON document (the contract in ticket-events). The record's timestamp is the time
 * of publishing (the event's own time is the CloudEvents {@code time}), so that republishing old
 * events does not make the topic's time-based retention delete them at once.
 */
public class TicketEventPublisher implements EventMessageHandler {
  /** The processor's name, and its processing group's. */
  public static final String PROCESSOR = "kafka-publisher";

  private static final String BATCH_KEY = TicketEventPublisher.class.getName() + ".batch";
  private static final RecordHeader CONTENT_TYPE =
      new RecordHeader(
          "content-type", CloudEventJson.CONTENT_TYPE.getBytes(StandardCharsets.US_ASCII));

  private final PublisherProducer producers;
  private final TopicSetup topicSetup;
  private final CloudEventJson cloudEvents;
  private final String topic;
  private final String source;
  private final Duration confirmTimeout;
  private final Counter published;
  private final Counter failedBatches;

  /**
   * @param properties where and how to publish
   * @param producers the shared producer
   * @param topicSetup makes sure the topic exists
   * @param meters where the published and failed counts go
   */
  public TicketEventPublisher(
      KafkaPublisherProperties properties,
      PublisherProducer producers,
      TopicSetup topicSetup,
      MeterRegistry meters) {
    this.producers = producers;
    this.topicSetup = topicSetup;
    this.cloudEvents = CloudEventJson.standard();
    this.topic = properties.topic();
    this.source = properties.source();
    this.confirmTimeout = properties.deliveryTimeout().plus(properties.maxBlock());
    this.published =
        Counter.builder("prazo.kafka.published")
            .description("Ticket events the broker confirmed (a republished event counts again)")
            .tag("topic", topic)
            .register(meters);
    this.failedBatches =
        Counter.builder("prazo.kafka.publish.failures")
            .description("Batches that failed and are sent again from their first event")
            .tag("topic", topic)
            .register(meters);
  }

  @Override
  public Object handle(EventMessage<?> message) {
    if (!(message.getPayload() instanceof TicketEvent event)
        || !(message instanceof DomainEventMessage<?> domain)) {
      return null;
    }
    Batch batch = batch();
    TicketEventEnvelope envelope =
        new TicketEventEnvelope(
            message.getIdentifier(),
            domain.getSequenceNumber(),
            MetadataKeys.read(message.getMetaData()),
            event);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            topic,
            null,
            null,
            event.ticketId(),
            cloudEvents.write(envelope, source),
            new RecordHeaders(List.of(CONTENT_TYPE)));
    try {
      batch.sent.add(batch.producer.send(record));
    } catch (KafkaException e) {
      throw batch.failed("cannot send event " + message.getIdentifier(), e);
    }
    return null;
  }

  @Override
  public boolean supportsReset() {
    return true;
  }

  /** A reset publishes the whole history again; there is nothing to clear. */
  @Override
  public void prepareReset() {}

  @Override
  public <R> void prepareReset(R resetContext) {}

  private Batch batch() {
    UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
    Batch batch = (Batch) unit.resources().get(BATCH_KEY);
    if (batch == null) {
      try {
        topicSetup.ensure();
      } catch (PublishFailedException e) {
        failedBatches.increment();
        throw e;
      }
      batch = new Batch(producers.get());
      unit.resources().put(BATCH_KEY, batch);
      unit.onPrepareCommit(batch::awaitConfirmations);
    }
    return batch;
  }

  /** One transaction's records and the producer they went to. */
  private final class Batch {
    final Producer<String, byte[]> producer;
    final List<Future<RecordMetadata>> sent = new ArrayList<>();

    Batch(Producer<String, byte[]> producer) {
      this.producer = producer;
    }

    void awaitConfirmations(UnitOfWork<?> unit) {
      long deadline = System.nanoTime() + confirmTimeout.toNanos();
      try {
        for (Future<RecordMetadata> future : sent) {
          future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
      } catch (ExecutionException e) {
        throw failed("the broker did not confirm an event", e.getCause());
      } catch (TimeoutException e) {
        throw failed("the broker did not confirm the batch within " + confirmTimeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failed("interrupted while waiting for the broker", e);
      }
      published.increment(sent.size());
    }

    PublishFailedException failed(String why, Throwable cause) {
      failedBatches.increment();
      producers.discard(producer);
      return new PublishFailedException(
          why + "; the batch of " + sent.size() + " events is published again", cause);
    }
  }
}
