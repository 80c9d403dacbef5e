package io.prazo.command.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prazo.events.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code prazo.events.appended}: events appended to the store, by versioned type name, counted once
 * they are committed. An event the store is handed is counted when Axon's unit of work commits, or,
 * when that unit of work joined an outer transaction (a command with an {@code Idempotency-Key}),
 * when that transaction commits: a command rolled back at either step counts nothing.
 */
public class AppendedEvents implements MessageDispatchInterceptor<EventMessage<?>> {
  public static final String NAME = "prazo.events.appended";

  private final MeterRegistry registry;
  private final Map<Class<?>, Counter> counters = new ConcurrentHashMap<>();

  public AppendedEvents(MeterRegistry registry) {
    this.registry = registry;
    for (EventTypes.Type type : EventTypes.all()) {
      counters.put(type.javaType(), counter(type.name()));
    }
  }

  private Counter counter(String type) {
    return Counter.builder(NAME)
        .description("Events appended to the event store, counted when committed")
        .tag("type", type)
        .register(registry);
  }

  @Override
  public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
      List<? extends EventMessage<?>> messages) {
    List<Counter> appended = new ArrayList<>(messages.size());
    for (EventMessage<?> message : messages) {
      Class<?> type = message.getPayloadType();
      Counter counter = counters.get(type);
      appended.add(counter != null ? counter : counters.computeIfAbsent(type, this::unlisted));
    }
    if (CurrentUnitOfWork.isStarted()) {
      UnitOfWork<?> root = CurrentUnitOfWork.get().root();
      root.afterCommit(u -> countWhenCommitted(appended));
    } else {
      // Outside a unit of work the store appends at once.
      countWhenCommitted(appended);
    }
    return (index, message) -> message;
  }

  private Counter unlisted(Class<?> type) {
    return counter(type.getName());
  }

  private static void countWhenCommitted(List<Counter> appended) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      // Axon's unit of work joined a transaction that is still open: count when it commits.
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              increment(appended);
            }
          });
    } else {
      increment(appended);
    }
  }

  private static void increment(List<Counter> appended) {
    for (Counter counter : appended) {
      counter.increment();
    }
  }
}
