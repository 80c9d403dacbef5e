package io.prazo.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Somebody replied on the ticket.
 *
 * @param ticketId the ticket's id, not null
 * @param occurredAt when it happened, read from the injected clock, not null
 * @param replyId the reply's id, not null
 * @param authorId the author's principal id, not null
 * @param authorRole the role the author replied in, not null
 * @param body the text, not blank
 * @param isPublic false for an internal note the customer never sees
 */
@EventType(name = "io.prazo.ticket.reply-added", version = 1)
public record ReplyAdded(
    String ticketId,
    Instant occurredAt,
    String replyId,
    String authorId,
    Role authorRole,
    String body,
    @JsonProperty("public") boolean isPublic)
    implements TicketEvent {}
