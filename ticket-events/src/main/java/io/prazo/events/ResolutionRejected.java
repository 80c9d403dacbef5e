package io.prazo.events;

import java.time.Instant;

/**
 * The customer rejected the resolution.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param approvalRequestId the request answered, not null
 * @param comment the customer's comment, may be null
 */
@EventType(name = "io.prazo.ticket.resolution-rejected", version = 1)
public record ResolutionRejected(
    String ticketId, Instant occurredAt, String approvalRequestId, String comment)
    implements TicketEvent {}
