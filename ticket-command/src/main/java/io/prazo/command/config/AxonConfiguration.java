package io.prazo.command.config;

import java.time.Clock;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;

/**
 * The event store: Axon's JDBC storage engine on PostgreSQL (bytea payloads, snake_case tables made
 * by Flyway), its token store, snapshots and an aggregate cache. No Axon Server.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

  /** The event store's tables, as {@code db/command/V1__event_store.sql} creates them. */
  public static EventSchema eventSchema() {
    return EventSchema.builder()
        .eventTable("domain_event_entry")
        .snapshotTable("snapshot_event_entry")
        .globalIndexColumn("global_index")
        .timestampColumn("time_stamp")
        .eventIdentifierColumn("event_identifier")
        .aggregateIdentifierColumn("aggregate_identifier")
        .sequenceNumberColumn("sequence_number")
        .typeColumn("type")
        .payloadTypeColumn("payload_type")
        .payloadRevisionColumn("payload_revision")
        .payloadColumn("payload")
        .metaDataColumn("meta_data")
        .build();
  }

  /** The token store's table. */
  public static TokenSchema tokenSchema() {
    return TokenSchema.builder()
        .setTokenTable("token_entry")
        .setProcessorNameColumn("processor_name")
        .setSegmentColumn("segment")
        .setTokenColumn("token")
        .setTokenTypeColumn("token_type")
        .setTimestampColumn("time_stamp")
        .setOwnerColumn("owner")
        .build();
  }

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
  @DependsOn("commandSchema")
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
        .schema(eventSchema())
        .build();
  }

  @Bean
  @DependsOn("commandSchema")
  public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
    return JdbcTokenStore.builder()
        .connectionProvider(connectionProvider)
        .serializer(serializer)
        .schema(tokenSchema())
        .contentType(byte[].class)
        .build();
  }

  @Bean
  public CorrelationDataProvider prazoCorrelationDataProvider() {
    return new PrazoCorrelationDataProvider();
  }

  @Bean
  public SnapshotTriggerDefinition ticketSnapshotTrigger(
      Snapshotter snapshotter, @Value("${prazo.command.snapshot-threshold:50}") int threshold) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
  }

  @Bean
  public CommandTargetResolver commandTargetResolver() {
    return new TicketCommandTargetResolver();
  }

  @Bean
  public Cache ticketCache() {
    return new WeakReferenceCache();
  }

  /**
   * Axon stamps every message with a static clock; point it at Prazo's clock so the store's
   * timestamps agree with the events' own {@code occurredAt}, in test mode too.
   */
  @Bean
  public SmartInitializingSingleton axonMessageClock(Clock clock) {
    return () -> GenericEventMessage.clock = clock;
  }
}
