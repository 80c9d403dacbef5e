package io.prazo.command.api;

import io.prazo.events.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** End a pause. */
public record ResumeTicketCommand(
    @TargetAggregateIdentifier String ticketId,
    @TargetAggregateVersion Long expectedVersion,
    Actor actor)
    implements TicketCommand {}
