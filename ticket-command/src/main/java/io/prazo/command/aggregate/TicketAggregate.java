package io.prazo.command.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.prazo.command.api.AddReplyCommand;
import io.prazo.command.api.AnswerApprovalCommand;
import io.prazo.command.api.AnswerSurveyCommand;
import io.prazo.command.api.AssignTicketCommand;
import io.prazo.command.api.AutoCloseTicketCommand;
import io.prazo.command.api.CancelTicketCommand;
import io.prazo.command.api.ChangePriorityCommand;
import io.prazo.command.api.CommandAck;
import io.prazo.command.api.EscalateTicketCommand;
import io.prazo.command.api.OpenTicketCommand;
import io.prazo.command.api.PauseTicketCommand;
import io.prazo.command.api.ResolveTicketCommand;
import io.prazo.command.api.ResumeTicketCommand;
import io.prazo.command.api.TicketOpenedAck;
import io.prazo.command.domain.PolicyCatalog;
import io.prazo.command.domain.Ticket;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketOpened;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The Ticket aggregate: Axon's shell around the framework-free {@link Ticket}. Each {@code handle}
 * asks the domain to decide and applies what it decided; {@link #on} only changes state. Answers
 * carry the ticket's version (the sequence number of its last event).
 */
@Aggregate(snapshotTriggerDefinition = "ticketSnapshotTrigger", cache = "ticketCache")
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class TicketAggregate {
  @AggregateIdentifier private String ticketId;
  private Ticket state;
  private long version;

  protected TicketAggregate() {}

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.ALWAYS)
  public TicketOpenedAck handle(OpenTicketCommand command, PolicyCatalog catalog, Clock clock) {
    List<TicketEvent> events =
        Ticket.open(
            command.ticketId(),
            command.number(),
            command.ticket(),
            command.actor(),
            catalog,
            clock.instant());
    TicketOpened opened = (TicketOpened) events.get(0);
    emit(events);
    return new TicketOpenedAck(
        ticketId,
        version,
        command.number(),
        state.priority(),
        opened.sla().policyId(),
        opened.sla().policyVersion());
  }

  @CommandHandler
  public CommandAck handle(AssignTicketCommand c, Clock clock) {
    return emit(state.assign(c.assignee(), c.level(), c.actor(), clock.instant()));
  }

  @CommandHandler
  public CommandAck handle(AddReplyCommand c, Clock clock) {
    return emit(state.reply(c.body(), c.isPublic(), c.actor(), clock.instant()));
  }

  @CommandHandler
  public CommandAck handle(PauseTicketCommand c, Clock clock) {
    return emit(state.pause(c.reason(), c.actor(), clock.instant()));
  }

  @CommandHandler
  public CommandAck handle(ResumeTicketCommand c, Clock clock) {
    return emit(state.resume(c.actor(), clock.instant()));
  }

  @CommandHandler
  public CommandAck handle(ChangePriorityCommand c, PolicyCatalog catalog, Clock clock) {
    return emit(
        state.changePriority(
            c.priority(), c.reason(), c.agreedWith(), c.actor(), catalog, clock.instant()));
  }

  @CommandHandler
  public CommandAck handle(EscalateTicketCommand c, Clock clock) {
    return emit(state.escalate(c.reason(), c.metric(), c.note(), c.actor(), clock.instant()));
  }

  @CommandHandler
  public CommandAck handle(ResolveTicketCommand c, Clock clock) {
    return emit(state.resolve(c.category(), c.summary(), c.actor(), clock.instant()));
  }

  @CommandHandler
  public CommandAck handle(AnswerApprovalCommand c, Clock clock) {
    return emit(
        c.approved()
            ? state.approve(c.comment(), c.actor(), clock.instant())
            : state.reject(c.comment(), c.actor(), clock.instant()));
  }

  @CommandHandler
  public CommandAck handle(AutoCloseTicketCommand c, Clock clock) {
    return emit(state.autoClose(c.approvalRequestId(), c.actor(), clock.instant()));
  }

  @CommandHandler
  public CommandAck handle(AnswerSurveyCommand c, Clock clock) {
    return emit(state.answerSurvey(c.score(), c.comment(), c.actor(), clock.instant()));
  }

  @CommandHandler
  public CommandAck handle(CancelTicketCommand c, Clock clock) {
    return emit(state.cancel(c.reason(), c.actor(), clock.instant()));
  }

  @EventSourcingHandler
  void on(TicketEvent event, @SequenceNumber long sequence) {
    if (event instanceof TicketOpened opened) {
      ticketId = opened.ticketId();
      state = Ticket.opened(opened);
    } else {
      state.apply(event);
    }
    version = sequence;
  }

  private CommandAck emit(List<TicketEvent> events) {
    events.forEach(e -> apply(e));
    return new CommandAck(ticketId, version);
  }
}
