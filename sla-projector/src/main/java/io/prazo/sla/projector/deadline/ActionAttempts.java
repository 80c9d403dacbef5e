package io.prazo.sla.projector.deadline;

import io.prazo.sla.SlaAction;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code sla.action_attempt} table: what was sent for each action, and what came back. */
public class ActionAttempts {
  private final JdbcTemplate jdbc;

  public ActionAttempts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** How an attempt ended. */
  public enum Outcome {
    /** Not acknowledged yet (no answer, or a failure worth retrying): it will be sent again. */
    RETRYING,
    /** ticket-command accepted it: its event is in the store. */
    ACCEPTED,
    /** ticket-command refused it for good (the ticket moved on): nothing more to do. */
    REFUSED;

    public boolean settled() {
      return this != RETRYING;
    }
  }

  /**
   * The record of one action.
   *
   * @param attempts how many times it was sent
   * @param lastAttemptAt when it was last sent (the real clock)
   * @param outcome how the last attempt ended
   */
  public record Attempt(int attempts, Instant lastAttemptAt, Outcome outcome) {}

  /** The records of some actions, by action id; actions never sent are absent. */
  public Map<String, Attempt> of(Collection<String> actionIds) {
    Map<String, Attempt> result = new HashMap<>();
    if (actionIds.isEmpty()) {
      return result;
    }
    jdbc.query(
        "SELECT action_id, attempts, last_attempt_at, outcome FROM sla.action_attempt"
            + " WHERE action_id = ANY (?)",
        rs -> {
          result.put(
              rs.getString(1),
              new Attempt(
                  rs.getInt(2), rs.getTimestamp(3).toInstant(), Outcome.valueOf(rs.getString(4))));
        },
        (Object) actionIds.toArray(String[]::new));
    return result;
  }

  /** Records one attempt of an action. */
  public void record(SlaAction action, Instant at, Outcome outcome, Integer status, String detail) {
    jdbc.update(
        """
        INSERT INTO sla.action_attempt (action_id, ticket_id, due_at, attempts, first_attempt_at,
            last_attempt_at, outcome, http_status, detail)
        VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)
        ON CONFLICT (action_id) DO UPDATE SET attempts = sla.action_attempt.attempts + 1,
            last_attempt_at = excluded.last_attempt_at, outcome = excluded.outcome,
            http_status = excluded.http_status, detail = excluded.detail
        """,
        action.id(),
        action.ticketId(),
        Timestamp.from(action.dueAt()),
        Timestamp.from(at),
        Timestamp.from(at),
        outcome.name(),
        status,
        detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000));
  }
}
