package io.prazo.command.web;

import static io.prazo.command.domain.TicketFixture.AGENT;
import static io.prazo.command.domain.TicketFixture.CUSTOMER;
import static io.prazo.command.domain.TicketFixture.NOW;
import static io.prazo.command.domain.TicketFixture.ORG;
import static io.prazo.command.domain.TicketFixture.TICKET;
import static io.prazo.command.domain.TicketFixture.opened;
import static io.prazo.command.domain.TicketFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prazo.command.aggregate.TicketAggregate;
import io.prazo.command.api.AddReplyCommand;
import io.prazo.command.api.AnswerApprovalCommand;
import io.prazo.command.api.OpenTicketCommand;
import io.prazo.command.config.AppendedEvents;
import io.prazo.command.config.TicketCommandTargetResolver;
import io.prazo.command.domain.InMemoryPolicyCatalog;
import io.prazo.command.domain.PolicyCatalog;
import io.prazo.command.domain.TicketStateConflictException;
import java.time.Clock;
import java.time.ZoneOffset;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * The command timer and the appended-event counter on a real Axon command bus, event store and the
 * Ticket aggregate: outcomes as the client gets them, events counted once and only when committed.
 */
class CommandMetricsTest {
  private static final String OPENED = "io.prazo.ticket.opened";
  private static final String REPLY_ADDED = "io.prazo.ticket.reply-added";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Configuration axon;
  private CommandDispatcher dispatcher;

  @BeforeEach
  void start() {
    PolicyCatalog catalog = InMemoryPolicyCatalog.withPresets().contract(ORG, "pronnus");
    axon =
        DefaultConfigurer.defaultConfiguration()
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(TicketAggregate.class)
                    .configureCommandTargetResolver(c -> new TicketCommandTargetResolver()))
            .registerComponent(PolicyCatalog.class, c -> catalog)
            .registerComponent(Clock.class, c -> Clock.fixed(NOW, ZoneOffset.UTC))
            .buildConfiguration();
    axon.start();
    axon.eventStore().registerDispatchInterceptor(new AppendedEvents(registry));
    dispatcher =
        new CommandDispatcher(
            DefaultCommandGateway.builder().commandBus(axon.commandBus()).build(),
            null,
            new ObjectMapper(),
            new CommandMetrics(registry));
  }

  @AfterEach
  void stop() {
    axon.shutdown();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.clearSynchronization();
    }
  }

  @Test
  void anAcceptedCommandIsTimedByItsTypeAndItsEventsAreCountedOnce() {
    open();

    assertThat(timer("OpenTicket", "accepted").count()).isEqualTo(1);
    assertThat(timer("OpenTicket", "accepted").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
        .isPositive();
    assertThat(appended(OPENED)).isEqualTo(1.0);
    assertThat(registry.find(CommandMetrics.NAME).tag("outcome", "rejected").timer()).isNull();
  }

  @Test
  void aCommandTheStateRefusesWith409IsRejectedAndAppendsNothing() {
    open();
    assertThatThrownBy(
            () -> send(new AnswerApprovalCommand(TICKET, null, CUSTOMER, true, "thanks")))
        .isInstanceOf(TicketStateConflictException.class);

    assertThat(timer("AnswerApproval", "rejected").count()).isEqualTo(1);
    assertThat(registry.find(CommandMetrics.NAME).tag("type", "AnswerApproval").timers())
        .hasSize(1);
    assertThat(totalAppended()).isEqualTo(1.0);
  }

  @Test
  void aStaleIfMatchIsAConflict412() {
    open();
    assertThatThrownBy(() -> send(new AddReplyCommand(TICKET, 7L, AGENT, "On it", true)))
        .isInstanceOf(ConflictingAggregateVersionException.class)
        .satisfies(e -> assertThat(CommandProblems.problemFor(e).getStatus()).isEqualTo(412));

    assertThat(timer("AddReply", "conflict").count()).isEqualTo(1);
    assertThat(appended(REPLY_ADDED)).isZero();
  }

  @Test
  void aFailureThatIsNoRefusalIsAnError() {
    assertThat(CommandMetrics.outcomeOf(new IllegalStateException("database gone")))
        .isEqualTo(CommandMetrics.Outcome.ERROR);
    assertThat(
            CommandMetrics.outcomeOf(
                new org.axonframework.modelling.command.ConcurrencyException("two writers")))
        .isEqualTo(CommandMetrics.Outcome.CONFLICT);
  }

  @Test
  void eventsOfAUnitOfWorkThatRollsBackAreNotCounted() {
    DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
    axon.eventStore().publish(GenericEventMessage.asEventMessage(opened()));
    unitOfWork.rollback();

    assertThat(appended(OPENED)).isZero();

    DefaultUnitOfWork<?> committed = DefaultUnitOfWork.startAndGet(null);
    axon.eventStore().publish(GenericEventMessage.asEventMessage(opened()));
    committed.commit();

    assertThat(appended(OPENED)).isEqualTo(1.0);
  }

  @Test
  void inAnOuterTransactionCommandsAndEventsCountWhenItCommitsAndNeverAsAcceptedWhenItRollsBack() {
    TransactionSynchronizationManager.initSynchronization();
    open();
    assertThat(appended(OPENED)).as("before the outer commit").isZero();
    assertThat(registry.find(CommandMetrics.NAME).timers()).as("before the outer commit").isEmpty();
    TransactionSynchronizationUtils.triggerAfterCommit();
    TransactionSynchronizationUtils.invokeAfterCompletion(
        TransactionSynchronizationManager.getSynchronizations(),
        TransactionSynchronization.STATUS_COMMITTED);
    TransactionSynchronizationManager.clearSynchronization();
    assertThat(appended(OPENED)).isEqualTo(1.0);
    assertThat(timer("OpenTicket", "accepted").count()).isEqualTo(1);

    TransactionSynchronizationManager.initSynchronization();
    send(new AddReplyCommand(TICKET, null, AGENT, "On it", true));
    TransactionSynchronizationUtils.invokeAfterCompletion(
        TransactionSynchronizationManager.getSynchronizations(),
        TransactionSynchronization.STATUS_ROLLED_BACK);
    TransactionSynchronizationManager.clearSynchronization();
    assertThat(appended(REPLY_ADDED)).isZero();
    assertThat(timer("AddReply", "error").count())
        .as("the client gets a 500 when the outer commit fails")
        .isEqualTo(1);
    assertThat(registry.find(CommandMetrics.NAME).tag("outcome", "accepted").timers()).hasSize(1);
  }

  @Test
  void typeNamesDropTheCommandSuffix() {
    assertThat(CommandMetrics.typeName(OpenTicketCommand.class)).isEqualTo("OpenTicket");
    assertThat(CommandMetrics.typeName(io.prazo.command.api.AutoCloseTicketCommand.class))
        .isEqualTo("AutoCloseTicket");
  }

  private void open() {
    send(new OpenTicketCommand(TICKET, "TCK-000001", CUSTOMER, request("HIGH")));
  }

  private Object send(Object command) {
    Object actor = command instanceof AddReplyCommand ? AGENT : CUSTOMER;
    return dispatcher.send(
        command, (io.prazo.events.Actor) actor, new MockHttpServletRequest("POST", "/api/tickets"));
  }

  private Timer timer(String type, String outcome) {
    Timer timer =
        registry.find(CommandMetrics.NAME).tag("type", type).tag("outcome", outcome).timer();
    assertThat(timer).as(type + "/" + outcome).isNotNull();
    return timer;
  }

  private double appended(String type) {
    Counter counter = registry.find(AppendedEvents.NAME).tag("type", type).counter();
    assertThat(counter).as(type).isNotNull();
    return counter.count();
  }

  private double totalAppended() {
    return registry.find(AppendedEvents.NAME).counters().stream().mapToDouble(Counter::count).sum();
  }
}
