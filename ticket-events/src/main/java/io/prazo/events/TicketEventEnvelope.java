package io.prazo.events;

import java.util.Objects;

/**
 * An event with its place in history: what consumers of the history API and the Kafka topic see.
 *
 * @param eventId the event's unique id; consumers deduplicate on it, not null
 * @param sequence the event's position in its ticket's stream, from 0
 * @param metadata who acted and why, not null
 * @param event the event, not null
 */
public record TicketEventEnvelope(
    String eventId, long sequence, EventMetadata metadata, TicketEvent event) {
  /** Validates the parts. */
  public TicketEventEnvelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(event, "event");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0: " + sequence);
    }
  }

  /**
   * The versioned type of the event.
   *
   * @return the type, not null
   */
  public EventTypes.Type type() {
    return EventTypes.of(event.getClass());
  }
}
