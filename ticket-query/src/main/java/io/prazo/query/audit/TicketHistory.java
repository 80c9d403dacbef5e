package io.prazo.query.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prazo.events.EventMetadata;
import io.prazo.events.MetadataKeys;
import io.prazo.events.ReplyAdded;
import io.prazo.events.SurveyAnswered;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketEventJson;
import io.prazo.events.TicketOpened;
import io.prazo.query.projection.TicketView;
import io.prazo.query.web.Visibility;
import io.prazo.web.security.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * A ticket's history read straight from the event store (never from a read model, so it is exactly
 * what was recorded), and the ticket as it was at any past instant, folded from that history by the
 * same code that keeps the live view.
 */
public class TicketHistory {
  private final EventStorageEngine store;
  private final TicketEventJson json = TicketEventJson.standard();

  public TicketHistory(EventStorageEngine store) {
    this.store = store;
  }

  /**
   * One event as the history shows it.
   *
   * @param eventId the event's unique id (Kafka consumers deduplicate on it)
   * @param sequence its place in the ticket's stream, from 0
   * @param type the event's name ({@code TicketOpened})
   * @param schema its versioned contract type ({@code io.prazo.ticket.opened.v2})
   * @param occurredAt when it happened
   * @param actor who acted
   * @param correlationId what request it belongs to
   * @param causationId the command or event it came from
   * @param data the event's fields as the contract writes them; without the survey's answer for
   *     those who may not see it
   * @param redacted true when fields were left out of {@code data} for this caller
   */
  public record Entry(
      String eventId,
      long sequence,
      String type,
      String schema,
      Instant occurredAt,
      Actor actor,
      String correlationId,
      String causationId,
      ObjectNode data,
      boolean redacted) {}

  /** The acting principal of an event. */
  public record Actor(String id, String role, String organizationId) {}

  /** A ticket's stored events in order, each with its metadata. */
  public record Recorded(
      TicketEvent event, long sequence, String eventId, EventMetadata metadata) {}

  /** Every stored event of a ticket, in order; empty for an unknown ticket. */
  public List<Recorded> events(String ticketId) {
    List<Recorded> events = new ArrayList<>();
    DomainEventStream stream = store.readEvents(ticketId, 0);
    while (stream.hasNext()) {
      DomainEventMessage<?> message = stream.next();
      if (message.getPayload() instanceof TicketEvent event) {
        events.add(
            new Recorded(
                event,
                message.getSequenceNumber(),
                message.getIdentifier(),
                MetadataKeys.read(message.getMetaData())));
      }
    }
    return events;
  }

  /** The organization a ticket belongs to, from its first stored event; empty if unknown. */
  public Optional<String> organizationOf(String ticketId) {
    DomainEventStream stream = store.readEvents(ticketId, 0);
    if (stream.hasNext() && stream.next().getPayload() instanceof TicketOpened opened) {
      return Optional.of(opened.organizationId());
    }
    return Optional.empty();
  }

  /**
   * A ticket's history as a caller may see it.
   *
   * @return empty for an unknown ticket, and for a ticket of another organization than a customer's
   */
  public Optional<List<Entry>> history(String ticketId, Caller caller) {
    List<Recorded> events = events(ticketId);
    if (events.isEmpty()
        || !(events.get(0).event() instanceof TicketOpened opened)
        || !Visibility.seesOrganization(caller, opened.organizationId())) {
      return Optional.empty();
    }
    boolean notes = Visibility.seesInternalNotes(caller);
    boolean answers = Visibility.seesSurveyAnswers(caller);
    List<Entry> entries = new ArrayList<>(events.size());
    for (Recorded recorded : events) {
      TicketEvent event = recorded.event();
      if (!notes && event instanceof ReplyAdded reply && !reply.isPublic()) {
        continue;
      }
      ObjectNode data = json.toTree(event);
      boolean redacted = false;
      if (!answers && event instanceof SurveyAnswered) {
        data.remove("score");
        data.remove("comment");
        redacted = true;
      }
      EventMetadata metadata = recorded.metadata();
      entries.add(
          new Entry(
              recorded.eventId(),
              recorded.sequence(),
              event.getClass().getSimpleName(),
              io.prazo.events.EventTypes.of(event.getClass()).versionedName(),
              event.occurredAt(),
              new Actor(
                  metadata.actor().id(),
                  metadata.actor().role().wireName(),
                  metadata.actor().organizationId()),
              metadata.correlationId(),
              metadata.causationId(),
              data,
              redacted));
    }
    return Optional.of(entries);
  }

  /**
   * The ticket as it was at an instant: the fold of its events that had happened by then.
   *
   * @return empty for an unknown ticket or one opened after the instant; who may see it is the
   *     caller's to decide ({@link Visibility#sees})
   */
  public Optional<TicketView> asOf(String ticketId, Instant at) {
    TicketView view = null;
    for (Recorded recorded : events(ticketId)) {
      TicketEvent event = recorded.event();
      if (event.occurredAt().isAfter(at)) {
        break;
      }
      view = event instanceof TicketOpened opened ? TicketView.opened(opened) : view.apply(event);
    }
    return Optional.ofNullable(view);
  }
}
