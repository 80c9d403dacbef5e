package io.prazo.command.config;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * ticket-command's own schema and defaults. Each Prazo service migrates its own tables with its own
 * Flyway history, so the services can share one database (standalone) or have their own.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:prazo/command-defaults.properties")
public class CommandConfiguration {

  @Bean(initMethod = "migrate")
  public Flyway commandSchema(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/command")
        .table("flyway_history_command")
        .baselineOnMigrate(false)
        .load();
  }
}
