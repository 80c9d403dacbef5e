package io.prazo.events;

import java.time.Instant;

/**
 * The customer is asked to approve the resolution; without an answer the ticket auto-closes.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param approvalRequestId this request's id; an auto-close names it, so a stale one loses
 */
@EventType(name = "io.prazo.ticket.approval-requested", version = 1)
public record ApprovalRequested(String ticketId, Instant occurredAt, String approvalRequestId)
    implements TicketEvent {}
