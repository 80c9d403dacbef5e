package io.prazo.events;

import java.time.Instant;

/**
 * The priority changed; the new targets apply to the time already elapsed.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param from the previous priority, not null
 * @param to the new priority, on the same policy scale, not null
 * @param reason why, not blank
 * @param agreedWith who on the customer's side agreed, may be null
 */
@EventType(name = "io.prazo.ticket.priority-changed", version = 1)
public record PriorityChanged(
    String ticketId, Instant occurredAt, String from, String to, String reason, String agreedWith)
    implements TicketEvent {}
