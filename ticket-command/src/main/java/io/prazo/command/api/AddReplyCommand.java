package io.prazo.command.api;

import io.prazo.events.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Add a reply or an internal note. */
public record AddReplyCommand(
    @TargetAggregateIdentifier String ticketId,
    @TargetAggregateVersion Long expectedVersion,
    Actor actor,
    String body,
    boolean isPublic)
    implements TicketCommand {}
