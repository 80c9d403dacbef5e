package io.prazo.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store every Prazo service shares: Axon's JDBC storage engine on PostgreSQL (bytea
 * payloads, the snake_case tables of {@link EventStoreTables}), events serialized under their
 * explicit type names and read through the contract's upcasters. No Axon Server.
 */
@AutoConfiguration(
    after = {DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class},
    before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
public class PrazoEventStoreAutoConfiguration {

  @Bean
  @Primary
  public Serializer serializer() {
    return new TicketEventSerializer();
  }

  @Bean
  @Qualifier("eventSerializer")
  public Serializer eventSerializer(Serializer serializer) {
    return serializer;
  }

  @Bean
  @Qualifier("messageSerializer")
  public Serializer messageSerializer(Serializer serializer) {
    return serializer;
  }

  @Bean
  public EventStorageEngine eventStorageEngine(
      Serializer serializer,
      ConnectionProvider connectionProvider,
      TransactionManager transactionManager,
      org.axonframework.config.Configuration configuration) {
    return JdbcEventStorageEngine.builder()
        .eventSerializer(serializer)
        .snapshotSerializer(serializer)
        .snapshotFilter(configuration.snapshotFilter())
        .upcasterChain(configuration.upcasterChain())
        .persistenceExceptionResolver(new SQLStateResolver("23505"))
        .connectionProvider(connectionProvider)
        .transactionManager(transactionManager)
        .dataType(byte[].class)
        .schema(EventStoreTables.eventSchema())
        .build();
  }

  /**
   * Axon's event store, as Axon's auto-configuration would build it, but looking for events
   * committed by other JVMs every {@code prazo.eventstore.fetch-delay} (100 ms) instead of every
   * second. Commits of this JVM wake its readers at once; another service's commits are only found
   * by that poll, so deployed apart it bounds how late ticket-query and sla-projector see a
   * command. An idle poll is one indexed query.
   */
  @Bean
  public EmbeddedEventStore eventStore(
      EventStorageEngine storageEngine,
      org.axonframework.config.Configuration configuration,
      @Value("${prazo.eventstore.fetch-delay:100ms}") Duration fetchDelay) {
    return eventStore(
        storageEngine,
        configuration.messageMonitor(EventStore.class, "eventStore"),
        configuration.getComponent(EventBusSpanFactory.class),
        fetchDelay);
  }

  /**
   * The event store on {@code storageEngine}, polling for others' commits every {@code fetchDelay}.
   */
  public static EmbeddedEventStore eventStore(
      EventStorageEngine storageEngine,
      MessageMonitor<? super EventMessage<?>> monitor,
      EventBusSpanFactory spanFactory,
      Duration fetchDelay) {
    if (fetchDelay.isNegative() || fetchDelay.isZero()) {
      throw new IllegalArgumentException(
          "prazo.eventstore.fetch-delay must be positive, was " + fetchDelay);
    }
    EmbeddedEventStore.Builder builder =
        EmbeddedEventStore.builder()
            .storageEngine(storageEngine)
            .messageMonitor(monitor)
            .fetchDelay(fetchDelay.toMillis())
            .timeUnit(TimeUnit.MILLISECONDS);
    if (spanFactory != null) {
      builder.spanFactory(spanFactory);
    }
    return builder.build();
  }

  /**
   * Axon stamps every message with a static clock; point it at Prazo's clock so the store's
   * timestamps agree with the events' own {@code occurredAt}, in test mode too.
   */
  @Bean
  public SmartInitializingSingleton axonMessageClock(Clock clock) {
    return () -> GenericEventMessage.clock = clock;
  }

  @Bean
  public StoreHead storeHead(JdbcTemplate jdbc) {
    return new StoreHead(jdbc);
  }

  @Bean
  public Projections projections(
      EventProcessingConfiguration processing,
      StoreHead head,
      ObjectProvider<OutboundProcessor> outbound) {
    return new Projections(processing, head, outbound.orderedStream().toList());
  }

  @Bean
  public ProjectionLagMeters projectionLagMeters(Projections projections, MeterRegistry meters) {
    return new ProjectionLagMeters(projections, meters);
  }

  @Bean
  @ConditionalOnWebApplication
  public ProjectionAdminController projectionAdminController(Projections projections) {
    return new ProjectionAdminController(projections);
  }

  @Bean
  public CatalogReader catalogReader(JdbcTemplate jdbc) {
    return new CatalogReader(jdbc);
  }
}
