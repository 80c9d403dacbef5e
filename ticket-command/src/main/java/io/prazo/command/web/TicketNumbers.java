package io.prazo.command.web;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Human ticket numbers, {@code TCK-000123}, from a PostgreSQL sequence. */
@Component
public class TicketNumbers {
  private final JdbcTemplate jdbc;

  public TicketNumbers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public String next() {
    Long value = jdbc.queryForObject("SELECT nextval('ticket_number_seq')", Long.class);
    return String.format("TCK-%06d", value);
  }
}
