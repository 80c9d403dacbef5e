package io.prazo.events;

import java.time.Instant;

/**
 * Something that happened to a ticket. Events are immutable and never changed or deleted once
 * stored; a change of shape gets a new {@link EventType#version()} and an upcaster.
 *
 * <p>The event's place in its ticket's stream (its sequence), its id and its {@link EventMetadata}
 * travel beside it, in a {@link TicketEventEnvelope}.
 */
public sealed interface TicketEvent
    permits TicketOpened,
        TicketAssigned,
        ReplyAdded,
        FirstResponseRecorded,
        TicketPaused,
        TicketResumed,
        PriorityChanged,
        TicketEscalated,
        TicketResolved,
        ApprovalRequested,
        ResolutionApproved,
        ResolutionRejected,
        TicketReopened,
        TicketAutoClosed,
        TicketClosed,
        SurveyRequested,
        SurveyAnswered,
        TicketCancelled {

  /**
   * The ticket this event belongs to.
   *
   * @return the ticket id, not null
   */
  String ticketId();

  /**
   * When it happened, as read from the injected clock.
   *
   * @return the instant, not null
   */
  Instant occurredAt();
}
