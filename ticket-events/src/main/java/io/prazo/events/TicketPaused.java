package io.prazo.events;

import java.time.Instant;

/**
 * The ticket waits; the clocks stop if the policy counts the reason.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param reason why it waits, not null
 */
@EventType(name = "io.prazo.ticket.paused", version = 1)
public record TicketPaused(String ticketId, Instant occurredAt, PauseReason reason)
    implements TicketEvent {}
