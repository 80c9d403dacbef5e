package io.prazo.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.prazo.command.publish.KafkaPublisherProperties;
import io.prazo.command.publish.TicketEventPublisher;
import io.prazo.testing.Http;
import io.prazo.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every stored event reaches the topic, each ticket's in order, under the published contract. */
class KafkaPublishingIT extends CommandServiceIT {
  @Autowired KafkaPublisherProperties kafka;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void acmeIsOnPronnus() {
    contract("acme", "pronnus");
  }

  @Test
  void everyEventOfManyConcurrentTicketsArrivesInSequenceOrderWithNoGap() throws Exception {
    List<String> tickets = new TicketTraffic(http, customer(), agent()).run(40, 8);

    List<PublishedTopic.Stored> stored = PublishedTopic.stored(jdbc, tickets);
    assertThat(stored).hasSize(40 * TicketTraffic.EVENTS_PER_TICKET);
    try (PublishedTopic topic = new PublishedTopic(TestKafka.shared(), kafka.topic())) {
      List<PublishedTopic.Published> published = topic.awaitAll(stored, Duration.ofSeconds(60));
      PublishedTopic.assertMatchesStore(published, stored);
      assertThat(published.stream().map(PublishedTopic.Published::partition).distinct().count())
          .as("tickets are spread over the topic's partitions")
          .isGreaterThan(1);
    }
  }

  @Test
  void theEnvelopeCarriesTheEventsIdentityTimeAndWhoActedWhy() {
    Http.Answer opened =
        http.post(
            "/api/tickets",
            customer(),
            openBody("acme", "cust-1", "HIGH"),
            "X-Correlation-Id",
            "envelope-check");
    String ticketId = opened.text("ticketId");
    List<PublishedTopic.Stored> stored = PublishedTopic.stored(jdbc, List.of(ticketId));

    try (PublishedTopic topic = new PublishedTopic(TestKafka.shared(), kafka.topic())) {
      JsonNode event =
          topic.awaitAll(stored, Duration.ofSeconds(30)).stream()
              .filter(p -> p.subject().equals(ticketId))
              .findFirst()
              .orElseThrow()
              .json();
      assertThat(event.path("specversion").asText()).isEqualTo("1.0");
      assertThat(event.path("id").asText()).isEqualTo(stored.get(0).eventId());
      assertThat(event.path("source").asText()).isEqualTo("/prazo/ticket-command");
      assertThat(event.path("type").asText()).isEqualTo("io.prazo.ticket.opened.v2");
      assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
      assertThat(event.path("sequence").isIntegralNumber()).isTrue();
      assertThat(event.path("sequence").asLong()).isZero();
      assertThat(event.path("correlationid").asText()).isEqualTo("envelope-check");
      assertThat(event.path("actorid").asText()).isEqualTo("cust-1");
      assertThat(event.path("actorrole").asText()).isEqualTo("customer");
      assertThat(event.path("actororganization").asText()).isEqualTo("acme");
      assertThat(event.path("time").asText())
          .isEqualTo(event.path("data").path("occurredAt").asText());
      assertThat(event.path("data").path("ticketId").asText()).isEqualTo(ticketId);
      assertThat(event.path("data").path("number").asText()).isEqualTo(opened.text("number"));
    }
  }

  @Test
  void thePublisherReportsItsPositionCountsAndLag() {
    String ticketId = open().text("ticketId");
    List<PublishedTopic.Stored> stored = PublishedTopic.stored(jdbc, List.of(ticketId));
    try (PublishedTopic topic = new PublishedTopic(TestKafka.shared(), kafka.topic())) {
      topic.awaitAll(stored, Duration.ofSeconds(30));
    }
    JsonNode publisher = publisherStatus();
    assertThat(publisher.path("outbound").asBoolean()).isTrue();
    assertThat(publisher.path("error").isNull()).isTrue();

    assertThat(meters.get("prazo.kafka.published").counter().count()).isPositive();
    assertThat(meters.get("prazo.kafka.publish.failures").counter().count()).isZero();
    assertThat(meters.find("kafka.producer.record.send.total").functionCounters())
        .as("the producer's own metrics")
        .isNotEmpty();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (meters.get("prazo.kafka.publish.lag").gauge().value() != 0) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the publish lag never came back to 0: " + publisherStatus());
      }
      Thread.onSpinWait();
    }
  }

  private JsonNode publisherStatus() {
    for (JsonNode status : http.get("/api/admin/projections", supervisor()).json()) {
      if (status.path("name").asText().equals(TicketEventPublisher.PROCESSOR)) {
        return status;
      }
    }
    throw new AssertionError("no " + TicketEventPublisher.PROCESSOR + " in the projections");
  }
}
