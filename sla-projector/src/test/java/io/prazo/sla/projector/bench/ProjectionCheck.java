package io.prazo.sla.projector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.events.TicketEvent;
import io.prazo.events.TicketEventJson;
import io.prazo.events.TicketOpened;
import io.prazo.sla.SlaAction;
import io.prazo.sla.TicketSla;
import io.prazo.sla.projector.projection.ClockRow;
import io.prazo.sla.projector.projection.SlaProjection;
import io.prazo.sla.projector.projection.TicketClockStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks the projection's table against the event store: one row per ticket, versions adding up to
 * the number of events, and each row exactly what folding its ticket's events gives ({@link
 * TicketSla}, then {@link SlaProjection#row}), column by column. A fingerprint of the whole table
 * shows that two builds wrote the same thing.
 */
final class ProjectionCheck {
  private static final String ROW_COLUMNS =
      "ticket_id, version, last_event_at, policy_id, policy_version, priority, final,"
          + " first_response_due_at, first_response_breached_at, resolution_due_at,"
          + " resolution_breached_at, auto_close_at, next_action_at, actions, state";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final SlaProjection projection;
  private final TicketEventJson events = TicketEventJson.standard();

  /**
   * What a check found.
   *
   * @param rows rows in the table
   * @param versionSum the sum of their versions (events folded)
   * @param compared rows compared with a fold of the store
   * @param fingerprint md5 of the whole table in ticket order
   */
  record Result(long rows, long versionSum, long compared, String fingerprint) {
    @Override
    public String toString() {
      return String.format(
          "%,d rows, versions adding up to %,d, %,d rows equal to the fold of their events,"
              + " fingerprint %s",
          rows, versionSum, compared, fingerprint);
    }
  }

  ProjectionCheck(JdbcTemplate jdbc, SlaProjection projection, TicketClockStore store) {
    this.jdbc = jdbc;
    this.projection = projection;
  }

  /** Every row against the fold of its events. */
  Result full(long tickets, long eventCount) throws SQLException {
    Result totals = totals(tickets, eventCount);
    DataSource dataSource = Objects.requireNonNull(jdbc.getDataSource());
    long compared = 0;
    try (Connection a = dataSource.getConnection();
        Connection b = dataSource.getConnection()) {
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      try (PreparedStatement rowQuery =
              a.prepareStatement(
                  "SELECT "
                      + ROW_COLUMNS
                      + " FROM sla.ticket_clock ORDER BY ticket_id COLLATE \"C\"");
          PreparedStatement eventQuery =
              b.prepareStatement(
                  "SELECT aggregate_identifier, sequence_number, payload_type, payload_revision,"
                      + " payload FROM domain_event_entry"
                      + " ORDER BY aggregate_identifier COLLATE \"C\", sequence_number")) {
        rowQuery.setFetchSize(2000);
        eventQuery.setFetchSize(10000);
        try (ResultSet rows = rowQuery.executeQuery();
            ResultSet stored = eventQuery.executeQuery()) {
          boolean moreEvents = stored.next();
          while (rows.next()) {
            String ticketId = rows.getString(1);
            List<TicketEvent> history = new ArrayList<>();
            while (moreEvents && stored.getString(1).equals(ticketId)) {
              if (stored.getLong(2) != history.size()) {
                throw new IllegalStateException(
                    "ticket " + ticketId + ": event " + stored.getLong(2) + " out of order");
              }
              history.add(event(stored));
              moreEvents = stored.next();
            }
            compare(ticketId, history, rows);
            compared++;
          }
          if (moreEvents) {
            throw new IllegalStateException(
                "events of ticket " + stored.getString(1) + " have no row (or rows are missing)");
          }
        }
      }
      a.commit();
      b.commit();
    }
    if (compared != tickets) {
      throw new IllegalStateException(compared + " rows compared, not " + tickets);
    }
    return new Result(totals.rows(), totals.versionSum(), compared, totals.fingerprint());
  }

  /** Counts, fingerprint, and a sample of rows against the fold of their events. */
  Result quick(long tickets, long eventCount) throws SQLException {
    Result totals = totals(tickets, eventCount);
    List<String> sample =
        jdbc.queryForList(
            "SELECT ticket_id FROM sla.ticket_clock ORDER BY md5(ticket_id) LIMIT 500",
            String.class);
    for (String ticketId : sample) {
      List<TicketEvent> history =
          jdbc.query(
              "SELECT aggregate_identifier, sequence_number, payload_type, payload_revision,"
                  + " payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                  + " ORDER BY sequence_number",
              (rs, n) -> event(rs),
              ticketId);
      jdbc.query(
          "SELECT " + ROW_COLUMNS + " FROM sla.ticket_clock WHERE ticket_id = ?",
          rs -> {
            compare(ticketId, history, rs);
          },
          ticketId);
    }
    return new Result(totals.rows(), totals.versionSum(), sample.size(), totals.fingerprint());
  }

  private Result totals(long tickets, long eventCount) {
    Map<String, Object> totals =
        jdbc.queryForMap(
            "SELECT count(*) AS n, coalesce(sum(version), 0) AS v,"
                + " md5(string_agg(t::text, E'\\n' ORDER BY t.ticket_id COLLATE \"C\")) AS f"
                + " FROM sla.ticket_clock t");
    long rows = ((Number) totals.get("n")).longValue();
    long versions = ((Number) totals.get("v")).longValue();
    if (rows != tickets) {
      throw new IllegalStateException(rows + " rows in sla.ticket_clock, not " + tickets);
    }
    if (versions != eventCount) {
      throw new IllegalStateException(
          "the rows' versions add up to " + versions + ", not " + eventCount + " events");
    }
    return new Result(rows, versions, 0, (String) totals.get("f"));
  }

  private TicketEvent event(ResultSet rs) throws SQLException {
    String revision = rs.getString(4);
    return events.read(
        rs.getString(3), revision == null ? 1 : Integer.parseInt(revision), rs.getBytes(5));
  }

  private void compare(String ticketId, List<TicketEvent> history, ResultSet row)
      throws SQLException {
    if (history.isEmpty() || !(history.get(0) instanceof TicketOpened opened)) {
      throw new IllegalStateException("ticket " + ticketId + " has no TicketOpened first");
    }
    TicketSla sla = TicketSla.opened(opened);
    for (TicketEvent e : history.subList(1, history.size())) {
      sla = sla.apply(e);
    }
    ClockRow expected = projection.row(sla);
    TicketSla stored = TicketSla.fromJson(row.getString("state"));
    same(ticketId, "state", sla, stored);
    same(ticketId, "version", sla.version(), row.getLong("version"));
    instant(ticketId, "last_event_at", sla.lastEventAt(), row.getTimestamp("last_event_at"));
    same(ticketId, "policy_id", sla.terms().policyId(), row.getString("policy_id"));
    same(ticketId, "policy_version", sla.terms().policyVersion(), row.getInt("policy_version"));
    same(ticketId, "priority", sla.priority(), row.getString("priority"));
    same(ticketId, "final", sla.isFinal(), row.getBoolean("final"));
    instant(ticketId, "first_response_due_at", expected.firstResponseDueAt(), row.getTimestamp(8));
    instant(
        ticketId,
        "first_response_breached_at",
        expected.firstResponseBreachedAt(),
        row.getTimestamp(9));
    instant(ticketId, "resolution_due_at", expected.resolutionDueAt(), row.getTimestamp(10));
    instant(
        ticketId, "resolution_breached_at", expected.resolutionBreachedAt(), row.getTimestamp(11));
    instant(ticketId, "auto_close_at", expected.autoCloseAt(), row.getTimestamp(12));
    instant(ticketId, "next_action_at", expected.nextActionAt(), row.getTimestamp(13));
    same(ticketId, "actions", expected.actions(), actions(ticketId, row.getString("actions")));
  }

  private static List<SlaAction> actions(String ticketId, String text) {
    try {
      List<SlaAction> actions = new ArrayList<>();
      for (JsonNode node : JSON.readTree(text)) {
        Instant dueAt = Instant.parse(node.get("dueAt").asText());
        if (node.has("escalate")) {
          actions.add(
              new SlaAction.Escalation(
                  ticketId,
                  io.prazo.events.SlaMetric.valueOf(node.get("escalate").asText()),
                  dueAt));
        } else {
          actions.add(new SlaAction.AutoClose(ticketId, node.get("autoClose").asText(), dueAt));
        }
      }
      return actions;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable actions of " + ticketId, e);
    }
  }

  private static void same(String ticketId, String column, Object expected, Object stored) {
    if (!Objects.equals(expected, stored)) {
      throw new IllegalStateException(
          "ticket "
              + ticketId
              + ": "
              + column
              + " is "
              + stored
              + ", the fold of its events gives "
              + expected);
    }
  }

  /** timestamptz keeps microseconds. */
  private static void instant(String ticketId, String column, Instant expected, Timestamp stored) {
    Instant value = stored == null ? null : stored.toInstant();
    boolean equal =
        expected == null
            ? value == null
            : value != null && Duration.between(expected, value).abs().toNanos() < 1000;
    if (!equal) {
      same(ticketId, column, expected, value);
    }
  }
}
