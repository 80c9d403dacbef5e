package io.prazo.events;

import java.time.Instant;

/**
 * The approval went unanswered for the policy's business days: the ticket closes itself.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param approvalRequestId the unanswered request, not null
 */
@EventType(name = "io.prazo.ticket.auto-closed", version = 1)
public record TicketAutoClosed(String ticketId, Instant occurredAt, String approvalRequestId)
    implements TicketEvent {}
