package io.prazo.sla.projector.config;

import io.prazo.eventstore.CatalogReader;
import io.prazo.eventstore.EventStoreTables;
import io.prazo.sla.projector.projection.SlaProjection;
import io.prazo.sla.projector.projection.TicketClockStore;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.PropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The projector's schema ({@code sla}, its own Flyway history), its event processor on the event
 * store (a pooled streaming processor with its own token table) and the projection it feeds.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaProjectorProperties.class)
@PropertySource("classpath:prazo/sla-projector-defaults.properties")
public class SlaProjectorConfiguration {
  /** The event processor's name, and its processing group's. */
  public static final String PROCESSOR = "sla-projector";

  @Bean(initMethod = "migrate")
  public Flyway slaSchema(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .schemas("sla")
        .createSchemas(true)
        .locations("classpath:db/sla")
        .table("flyway_history_sla")
        .baselineOnMigrate(false)
        .load();
  }

  @Bean
  @DependsOn("slaSchema")
  public TicketClockStore ticketClockStore(JdbcTemplate jdbc) {
    return new TicketClockStore(jdbc);
  }

  @Bean
  public SlaProjection slaProjection(
      TicketClockStore store, CatalogReader catalog, SlaProjectorProperties properties) {
    return new SlaProjection(store, catalog, properties.cacheSize());
  }

  /**
   * Registers the processor. Its own configuration class, so that registering does not need the
   * beans above while they are being made.
   */
  @Configuration(proxyBeanMethods = false)
  static class ProcessorRegistration {
    @Autowired
    public void registerProcessor(
        EventProcessingConfigurer processing,
        SlaProjection projection,
        SlaProjectorProperties properties,
        ConnectionProvider connections,
        Serializer serializer) {
      TokenStore tokens =
          JdbcTokenStore.builder()
              .connectionProvider(connections)
              .serializer(serializer)
              .schema(EventStoreTables.tokenSchema("sla.token_entry"))
              .contentType(byte[].class)
              .build();
      processing
          .registerPooledStreamingEventProcessor(
              PROCESSOR,
              org.axonframework.config.Configuration::eventStore,
              (config, builder) -> {
                CoordinatorExecutor coordinator =
                    new CoordinatorExecutor(PROCESSOR, properties.fullBufferRecheck());
                config.onShutdown(coordinator::shutdown);
                return builder
                    .initialSegmentCount(properties.segments())
                    .batchSize(properties.batchSize())
                    .tokenClaimInterval(1000)
                    .coordinatorExecutor(coordinator);
              })
          .registerTokenStore(PROCESSOR, config -> tokens)
          .registerEventHandler(config -> projection)
          .assignHandlerInstancesMatching(PROCESSOR, handler -> handler == projection)
          // A failing event must stop the segment and be retried, never be skipped.
          .registerListenerInvocationErrorHandler(
              PROCESSOR, config -> PropagatingErrorHandler.instance());
    }
  }

  /**
   * The thread of the processor's coordinator (the part of Axon's pooled streaming processor that
   * reads the event stream and hands the events to the segments' work packages), which looks again
   * sooner when the work packages were full.
   *
   * <p>Axon 4.13's coordinator stops reading when a work package holds 1,024 events (its fixed
   * buffer), and then waits 100 ms before looking again, however soon the package has room. During
   * a rebuild the reader is always ahead of the handler, so that happened after nearly every batch,
   * and the work packages sat idle for most of those 100 ms: a rebuild ran at about 20,000 events/s
   * with the machine half idle (docs/benchmarks.md, "SLA projection replay"). Here that wait is
   * {@code prazo.sla.projector.full-buffer-recheck} (2 ms) instead. 100 ms is the only delay the
   * coordinator schedules for that case; its other waits (none, the token claim interval, 500 ms,
   * its error back-off) are kept, so an idle processor polls no more often than before.
   */
  static final class CoordinatorExecutor extends ScheduledThreadPoolExecutor {
    /** The coordinator's wait when a work package is full (Axon 4.13's {@code Coordinator}). */
    static final long FULL_BUFFER_WAIT_MILLIS = 100;

    private final long recheckNanos;

    CoordinatorExecutor(String processorName, Duration recheck) {
      super(1, new AxonThreadFactory("Coordinator[" + processorName + "]"));
      this.recheckNanos = recheck.toNanos();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      if (unit.toMillis(delay) == FULL_BUFFER_WAIT_MILLIS) {
        return super.schedule(command, recheckNanos, TimeUnit.NANOSECONDS);
      }
      return super.schedule(command, delay, unit);
    }
  }
}
