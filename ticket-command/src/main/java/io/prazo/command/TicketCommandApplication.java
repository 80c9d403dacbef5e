package io.prazo.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** ticket-command on its own: commands over HTTP on an Axon event store in PostgreSQL. */
@SpringBootApplication
public class TicketCommandApplication {
  public static void main(String[] args) {
    SpringApplication.run(TicketCommandApplication.class, args);
  }
}
