package io.prazo.events;

import java.time.Instant;

/**
 * The ticket was assigned to an agent at a support level.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param assignee the agent's id, not null
 * @param level the support level now holding the ticket, not null
 */
@EventType(name = "io.prazo.ticket.assigned", version = 1)
public record TicketAssigned(
    String ticketId, Instant occurredAt, String assignee, SupportLevel level)
    implements TicketEvent {}
