package io.prazo.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * ticket-query deployed on its own (port 8082): the dashboards' read models, kept from the event
 * store, and the auditor's history. Its settings are in {@code ticket-query.yml}, so they never
 * leak into the standalone launcher.
 */
@SpringBootApplication
public class TicketQueryApplication {
  public static void main(String[] args) {
    new SpringApplicationBuilder(TicketQueryApplication.class)
        .properties("spring.config.name=ticket-query")
        .run(args);
  }
}
