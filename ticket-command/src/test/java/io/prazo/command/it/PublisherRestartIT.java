package io.prazo.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.command.publish.KafkaPublisherProperties;
import io.prazo.command.publish.TicketEventPublisher;
import io.prazo.eventstore.Projections;
import io.prazo.testing.TestKafka;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The publisher stopped and started again in the middle of a backlog, and made to publish the whole
 * history again: a consumer that deduplicates on {@code id} still sees exactly the store. Small
 * batches (a context of its own), so that a stop lands between batches of one backlog.
 */
@TestPropertySource(properties = "prazo.kafka.batch-size=10")
class PublisherRestartIT extends CommandServiceIT {
  @Autowired KafkaPublisherProperties kafka;
  @Autowired EventProcessingConfiguration processing;
  @Autowired Projections projections;

  @BeforeEach
  void acmeIsOnPronnus() {
    contract("acme", "pronnus");
  }

  @AfterEach
  void publisherRunsAgain() {
    StreamingEventProcessor publisher = publisher();
    if (!publisher.isRunning()) {
      publisher.start();
    }
  }

  @Test
  void restartedInTheMiddleOfABacklogItMissesNothing() throws Exception {
    StreamingEventProcessor publisher = publisher();
    publisher.shutDown();
    List<String> tickets = new TicketTraffic(http, customer(), agent()).run(60, 6);
    List<PublishedTopic.Stored> stored = PublishedTopic.stored(jdbc, tickets);
    assertThat(stored).hasSize(60 * TicketTraffic.EVENTS_PER_TICKET);

    try (PublishedTopic topic = new PublishedTopic(TestKafka.shared(), kafka.topic())) {
      long head = projections.head();
      long position = -1;
      boolean stoppedMidway = false;
      for (int restart = 0; restart < 3 && position < head; restart++) {
        publisher.start();
        position = awaitProgressBeyond(position);
        publisher.shutDown();
        stoppedMidway |= position < head;
      }
      assertThat(stoppedMidway)
          .as("the publisher was stopped with part of the backlog still to publish")
          .isTrue();
      publisher.start();
      PublishedTopic.assertMatchesStore(topic.awaitAll(stored, Duration.ofSeconds(60)), stored);
    }
  }

  @Test
  void publishingTheWholeHistoryAgainRepeatsEventsWithTheSameIds() {
    List<String> tickets = List.of(open().text("ticketId"), open().text("ticketId"));
    List<PublishedTopic.Stored> stored = PublishedTopic.stored(jdbc, tickets);
    try (PublishedTopic topic = new PublishedTopic(TestKafka.shared(), kafka.topic())) {
      int firstRound = topic.awaitAll(stored, Duration.ofSeconds(30)).size();

      assertThat(
              http.post(
                      "/api/admin/projections/" + TicketEventPublisher.PROCESSOR + "/rebuild",
                      supervisor(),
                      "")
                  .status())
          .isEqualTo(202);
      List<PublishedTopic.Published> all = awaitRepeats(topic, stored, firstRound);
      PublishedTopic.assertMatchesStore(all, stored);
    }
  }

  private StreamingEventProcessor publisher() {
    return processing
        .eventProcessor(TicketEventPublisher.PROCESSOR, StreamingEventProcessor.class)
        .orElseThrow();
  }

  /**
   * Waits until the publisher has confirmed at least one more batch (its position moved), and
   * returns the new position: usually a batch or two into the backlog.
   */
  private long awaitProgressBeyond(long position) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Projections.Status status = projections.status(TicketEventPublisher.PROCESSOR).orElseThrow();
      if (status.coverage() > 0.999 && status.position() > position) {
        return status.position();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the restarted publisher published nothing: " + status);
      }
      Thread.sleep(1);
    }
  }

  /** Reads until every stored event has arrived a second time. */
  private static List<PublishedTopic.Published> awaitRepeats(
      PublishedTopic topic, List<PublishedTopic.Stored> stored, int firstRound) {
    Set<String> wanted = new HashSet<>();
    stored.forEach(s -> wanted.add(s.eventId()));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<PublishedTopic.Published> all = topic.received();
      Set<String> repeated = new HashSet<>();
      all.subList(firstRound, all.size()).forEach(p -> repeated.add(p.id()));
      if (repeated.containsAll(wanted)) {
        return all;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the history was not published again");
      }
      topic.poll();
    }
  }
}
