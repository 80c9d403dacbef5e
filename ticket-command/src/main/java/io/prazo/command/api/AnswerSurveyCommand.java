package io.prazo.command.api;

import io.prazo.events.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Answer the satisfaction survey. */
public record AnswerSurveyCommand(
    @TargetAggregateIdentifier String ticketId,
    @TargetAggregateVersion Long expectedVersion,
    Actor actor,
    int score,
    String comment)
    implements TicketCommand {}
