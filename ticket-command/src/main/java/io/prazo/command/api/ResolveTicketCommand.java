package io.prazo.command.api;

import io.prazo.events.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Resolve the ticket and ask the customer to approve. */
public record ResolveTicketCommand(
    @TargetAggregateIdentifier String ticketId,
    @TargetAggregateVersion Long expectedVersion,
    Actor actor,
    ClosingCategory category,
    String summary)
    implements TicketCommand {}
