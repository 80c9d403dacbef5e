package io.prazo.command.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.prazo.command.web.CommandMetrics;
import io.prazo.eventstore.EventStoreTables;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * ticket-command's side of the event store (the storage engine itself is {@code
 * prazo-eventstore}'s): its token store, snapshots, command routing and an aggregate cache.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

  @Bean
  @DependsOn("commandSchema")
  public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
    return JdbcTokenStore.builder()
        .connectionProvider(connectionProvider)
        .serializer(serializer)
        .schema(EventStoreTables.tokenSchema("token_entry"))
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

  /** Counts committed events ({@code prazo.events.appended}). */
  @Bean
  public AppendedEvents appendedEvents(MeterRegistry meters, EventStore eventStore) {
    AppendedEvents appended = new AppendedEvents(meters);
    eventStore.registerDispatchInterceptor(appended);
    return appended;
  }

  @Bean
  public CommandMetrics commandMetrics(MeterRegistry meters) {
    return new CommandMetrics(meters);
  }

  @Bean
  public Cache ticketCache() {
    return new WeakReferenceCache();
  }
}
