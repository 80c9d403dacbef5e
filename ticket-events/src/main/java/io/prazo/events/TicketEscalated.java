package io.prazo.events;

import java.time.Instant;

/**
 * The ticket was escalated one level.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param fromLevel the support level before, not null
 * @param toLevel the support level after (N3 stays N3), not null
 * @param escalationLevel how many times the ticket has been escalated, counting this one
 * @param reason why, not null
 * @param metric the missed metric, for {@code SLA_BREACH}; null otherwise
 * @param note a free-text reason given by the person asking, may be null
 */
@EventType(name = "io.prazo.ticket.escalated", version = 1)
public record TicketEscalated(
    String ticketId,
    Instant occurredAt,
    SupportLevel fromLevel,
    SupportLevel toLevel,
    int escalationLevel,
    EscalationReason reason,
    SlaMetric metric,
    String note)
    implements TicketEvent {}
