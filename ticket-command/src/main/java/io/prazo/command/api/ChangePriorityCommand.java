package io.prazo.command.api;

import io.prazo.events.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Change the priority, with a reason. */
public record ChangePriorityCommand(
    @TargetAggregateIdentifier String ticketId,
    @TargetAggregateVersion Long expectedVersion,
    Actor actor,
    String priority,
    String reason,
    String agreedWith)
    implements TicketCommand {}
