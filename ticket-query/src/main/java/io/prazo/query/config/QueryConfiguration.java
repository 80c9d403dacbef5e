package io.prazo.query.config;

import io.prazo.eventstore.CatalogReader;
import io.prazo.eventstore.StreamingProjection;
import io.prazo.query.audit.TicketHistory;
import io.prazo.query.projection.TicketSearch;
import io.prazo.query.projection.TicketViewProjection;
import io.prazo.query.projection.TicketViewStore;
import io.prazo.query.projection.ViewVersions;
import io.prazo.query.report.ComplianceReport;
import io.prazo.query.web.TicketReader;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
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
 * The query service's schema ({@code query}, its own Flyway history) and the event processor that
 * keeps its read models.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryProperties.class)
@PropertySource("classpath:prazo/ticket-query-defaults.properties")
public class QueryConfiguration {
  /** The read models' event processor, and its processing group. */
  public static final String PROCESSOR = "ticket-query";

  @Bean(initMethod = "migrate")
  public Flyway querySchema(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .schemas("query")
        .createSchemas(true)
        .locations("classpath:db/query")
        .table("flyway_history_query")
        .baselineOnMigrate(false)
        .load();
  }

  @Bean
  @DependsOn("querySchema")
  public TicketViewStore ticketViewStore(JdbcTemplate jdbc) {
    return new TicketViewStore(jdbc);
  }

  @Bean
  public ViewVersions viewVersions() {
    return new ViewVersions();
  }

  @Bean
  public TicketViewProjection ticketViewProjection(
      TicketViewStore store,
      CatalogReader catalog,
      ViewVersions versions,
      QueryProperties properties) {
    return new TicketViewProjection(store, catalog, versions, properties.cacheSize());
  }

  @Bean
  public TicketReader ticketReader(
      TicketViewStore store, ViewVersions versions, EventStorageEngine events) {
    return new TicketReader(store, versions, events);
  }

  @Bean
  public TicketSearch ticketSearch(JdbcTemplate jdbc) {
    return new TicketSearch(jdbc);
  }

  @Bean
  public TicketHistory ticketHistory(EventStorageEngine events) {
    return new TicketHistory(events);
  }

  @Bean
  public ComplianceReport complianceReport(JdbcTemplate jdbc) {
    return new ComplianceReport(jdbc);
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
        TicketViewProjection projection,
        QueryProperties properties,
        ConnectionProvider connections,
        Serializer serializer) {
      new StreamingProjection(
              PROCESSOR,
              "query.token_entry",
              properties.segments(),
              properties.batchSize(),
              properties.fullBufferRecheck(),
              properties.idleRecheck())
          .register(processing, projection, connections, serializer);
    }
  }
}
