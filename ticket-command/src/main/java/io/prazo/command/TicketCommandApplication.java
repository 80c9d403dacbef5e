package io.prazo.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * ticket-command deployed on its own (port 8081): commands over HTTP on an Axon event store in
 * PostgreSQL. Its settings are in {@code ticket-command.yml}, so that they never leak into the
 * standalone launcher, which runs this service beside the others.
 */
@SpringBootApplication
public class TicketCommandApplication {
  public static void main(String[] args) {
    new SpringApplicationBuilder(TicketCommandApplication.class)
        .properties("spring.config.name=ticket-command")
        .run(args);
  }
}
