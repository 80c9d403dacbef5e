package io.prazo.events;

import java.time.Instant;

/**
 * After a rejection the ticket is back in progress; the resolution clock resumes.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 */
@EventType(name = "io.prazo.ticket.reopened", version = 1)
public record TicketReopened(String ticketId, Instant occurredAt) implements TicketEvent {}
