package io.prazo.sla.projector.config;

import io.prazo.eventstore.CatalogReader;
import io.prazo.eventstore.StreamingProjection;
import io.prazo.sla.projector.projection.SlaProjection;
import io.prazo.sla.projector.projection.TicketClockStore;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfigurer;
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
      new StreamingProjection(
              PROCESSOR,
              "sla.token_entry",
              properties.segments(),
              properties.batchSize(),
              properties.fullBufferRecheck(),
              properties.idleRecheck())
          .register(processing, projection, connections, serializer);
    }
  }
}
