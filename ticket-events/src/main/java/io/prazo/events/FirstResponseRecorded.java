package io.prazo.events;

import java.time.Instant;

/**
 * The first public reply by an agent: the first-response clock stops.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param replyId the reply that was the first response, not null
 * @param agentId who answered, not null
 */
@EventType(name = "io.prazo.ticket.first-response-recorded", version = 1)
public record FirstResponseRecorded(
    String ticketId, Instant occurredAt, String replyId, String agentId) implements TicketEvent {}
