package io.prazo.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.testing.EventContractValidator;
import io.prazo.testing.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A topic read from its beginning the way an outside service reads it (a consumer group of its own,
 * stock kafka-clients), and the checks that what arrived is exactly the event store's history.
 */
final class PublishedTopic implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventContractValidator VALIDATOR = new EventContractValidator();

  /** One record as it arrived. */
  record Published(
      String key, byte[] value, JsonNode json, String contentType, int partition, long offset) {
    String id() {
      return json.path("id").asText();
    }

    String subject() {
      return json.path("subject").asText();
    }

    long sequence() {
      return json.path("sequence").asLong(-1);
    }
  }

  /** One event as the store holds it. */
  record Stored(String ticketId, long sequence, String eventId, String type) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Published> received = new ArrayList<>();

  PublishedTopic(TestKafka kafka, String topic) {
    consumer = kafka.newConsumer("it-reader-" + UUID.randomUUID());
    consumer.subscribe(List.of(topic));
  }

  /**
   * Reads until every given event has arrived at least once (by id), then returns everything read
   * so far, in arrival order.
   *
   * @throws AssertionError naming what is missing, after the timeout
   */
  List<Published> awaitAll(Collection<Stored> expected, Duration timeout) {
    Set<String> missing = expected.stream().map(Stored::eventId).collect(Collectors.toSet());
    received.forEach(p -> missing.remove(p.id()));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!missing.isEmpty()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            missing.size()
                + " of "
                + expected.size()
                + " events never arrived, e.g. "
                + missing.stream().limit(5).toList());
      }
      poll().forEach(p -> missing.remove(p.id()));
    }
    return List.copyOf(received);
  }

  /**
   * Reads once (waiting up to 200 ms for records).
   *
   * @return what arrived in this read
   */
  List<Published> poll() {
    List<Published> arrived = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      arrived.add(parse(record));
    }
    received.addAll(arrived);
    return arrived;
  }

  /** Everything read so far. */
  List<Published> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }

  /** The stored events of some tickets, each ticket's in sequence order. */
  static List<Stored> stored(JdbcTemplate jdbc, Collection<String> ticketIds) {
    return jdbc.query(
        "SELECT aggregate_identifier, sequence_number, event_identifier, payload_type"
            + " FROM domain_event_entry WHERE aggregate_identifier = ANY (?)"
            + " ORDER BY aggregate_identifier, sequence_number",
        (rs, i) -> new Stored(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
        (Object) ticketIds.toArray(String[]::new));
  }

  /**
   * What a consumer that deduplicates on {@code id} sees is exactly the store: for each ticket, its
   * events in sequence order from 0 with no gap and the store's ids and types; every copy of an
   * event is byte for byte the same; keys and subjects are the ticket ids; every record follows the
   * published contract.
   */
  static void assertMatchesStore(List<Published> published, List<Stored> stored) {
    Set<String> tickets = stored.stream().map(Stored::ticketId).collect(Collectors.toSet());
    Map<String, byte[]> firstCopy = new HashMap<>();
    Map<String, List<Published>> firstCopies = new LinkedHashMap<>();
    for (Published p : published) {
      if (!tickets.contains(p.subject())) {
        continue;
      }
      assertThat(p.key()).as("key of %s", p.id()).isEqualTo(p.subject());
      assertThat(p.contentType()).isEqualTo("application/cloudevents+json");
      byte[] earlier = firstCopy.putIfAbsent(p.id(), p.value());
      if (earlier != null) {
        assertThat(Arrays.equals(earlier, p.value()))
            .as("a repeated event %s is identical to its first copy", p.id())
            .isTrue();
        continue;
      }
      assertThat(VALIDATOR.validate(p.value()))
          .as("contract violations of %s", new String(p.value(), StandardCharsets.UTF_8))
          .isEmpty();
      firstCopies.computeIfAbsent(p.subject(), t -> new ArrayList<>()).add(p);
    }
    Map<String, List<Stored>> byTicket =
        stored.stream()
            .collect(
                Collectors.groupingBy(Stored::ticketId, LinkedHashMap::new, Collectors.toList()));
    assertThat(firstCopies.keySet()).containsExactlyInAnyOrderElementsOf(byTicket.keySet());
    byTicket.forEach(
        (ticket, events) -> {
          List<Published> arrived = firstCopies.get(ticket);
          assertThat(arrived.stream().map(Published::id).toList())
              .as("ticket %s: event ids in arrival order", ticket)
              .containsExactlyElementsOf(events.stream().map(Stored::eventId).toList());
          assertThat(arrived.stream().map(Published::sequence).toList())
              .as("ticket %s: sequences in arrival order", ticket)
              .containsExactlyElementsOf(events.stream().map(Stored::sequence).toList());
          for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).sequence()).as("the store has no gap").isEqualTo(i);
            assertThat(arrived.get(i).json().path("type").asText())
                .startsWith(events.get(i).type() + ".v");
          }
        });
  }

  private static Published parse(ConsumerRecord<String, byte[]> record) {
    try {
      Header contentType = record.headers().lastHeader("content-type");
      return new Published(
          record.key(),
          record.value(),
          JSON.readTree(record.value()),
          contentType == null ? null : new String(contentType.value(), StandardCharsets.US_ASCII),
          record.partition(),
          record.offset());
    } catch (IOException e) {
      throw new UncheckedIOException("a record that is not JSON at offset " + record.offset(), e);
    }
  }
}
