package io.prazo.events;

import java.time.Instant;

/**
 * An agent resolved the ticket; the resolution clock stops.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param category the closing category, not null
 * @param summary what was done, not blank
 * @param resolvedBy the agent's id, not null
 */
@EventType(name = "io.prazo.ticket.resolved", version = 1)
public record TicketResolved(
    String ticketId,
    Instant occurredAt,
    ClosingCategory category,
    String summary,
    String resolvedBy)
    implements TicketEvent {}
