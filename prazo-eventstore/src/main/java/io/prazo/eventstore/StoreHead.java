package io.prazo.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;

/** The position of the newest event in the store: what "caught up" is measured against. */
public class StoreHead {
  private final JdbcTemplate jdbc;

  public StoreHead(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The highest global index written so far, or -1 for an empty store. */
  public long position() {
    Long head =
        jdbc.queryForObject("SELECT max(global_index) FROM " + EventStoreTables.EVENTS, Long.class);
    return head == null ? -1 : head;
  }
}
