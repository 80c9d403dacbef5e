package io.prazo.command.api;

import io.prazo.command.domain.NewTicket;
import io.prazo.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a ticket; its id and human number are chosen before the command is sent. */
public record OpenTicketCommand(
    @TargetAggregateIdentifier String ticketId, String number, Actor actor, NewTicket ticket) {}
