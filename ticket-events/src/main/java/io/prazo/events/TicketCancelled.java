package io.prazo.events;

import java.time.Instant;

/**
 * The requester cancelled the ticket before it was resolved; final.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param reason why, may be null
 */
@EventType(name = "io.prazo.ticket.cancelled", version = 1)
public record TicketCancelled(String ticketId, Instant occurredAt, String reason)
    implements TicketEvent {}
