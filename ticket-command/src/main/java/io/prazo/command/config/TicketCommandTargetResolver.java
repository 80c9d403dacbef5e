package io.prazo.command.config;

import io.prazo.command.api.OpenTicketCommand;
import io.prazo.command.api.TicketCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds a command's ticket and expected version by calling the command record instead of scanning
 * its annotations by reflection on every message; anything else falls back to the annotations.
 */
public class TicketCommandTargetResolver implements CommandTargetResolver {
  private final CommandTargetResolver annotations =
      AnnotationCommandTargetResolver.builder().build();

  @Override
  public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
    Object payload = command.getPayload();
    if (payload instanceof TicketCommand ticketCommand) {
      return new VersionedAggregateIdentifier(
          ticketCommand.ticketId(), ticketCommand.expectedVersion());
    }
    if (payload instanceof OpenTicketCommand open) {
      return new VersionedAggregateIdentifier(open.ticketId(), null);
    }
    return annotations.resolveTarget(command);
  }
}
