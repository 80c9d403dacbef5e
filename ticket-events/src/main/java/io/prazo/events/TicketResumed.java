package io.prazo.events;

import java.time.Instant;

/**
 * A pause ended; the clocks run again.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param trigger whether an agent resumed it or the customer's reply did, not null
 */
@EventType(name = "io.prazo.ticket.resumed", version = 1)
public record TicketResumed(String ticketId, Instant occurredAt, ResumeTrigger trigger)
    implements TicketEvent {}
