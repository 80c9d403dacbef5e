package io.prazo.events;

import java.time.Instant;

/**
 * The ticket is closed; final.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param how approved by the customer or closed automatically, not null
 */
@EventType(name = "io.prazo.ticket.closed", version = 1)
public record TicketClosed(String ticketId, Instant occurredAt, ClosedHow how)
    implements TicketEvent {}
