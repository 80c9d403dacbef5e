package io.prazo.sla.projector.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prazo.events.SlaMetric;
import io.prazo.sla.SlaAction;
import io.prazo.sla.TicketSla;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code sla.ticket_clock} table. */
public class TicketClockStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UPSERT =
      """
      INSERT INTO sla.ticket_clock (ticket_id, version, last_event_at, policy_id, policy_version,
          priority, final, first_response_due_at, first_response_breached_at, resolution_due_at,
          resolution_breached_at, auto_close_at, next_action_at, actions, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (ticket_id) DO UPDATE SET version = excluded.version,
          last_event_at = excluded.last_event_at, policy_id = excluded.policy_id,
          policy_version = excluded.policy_version, priority = excluded.priority,
          final = excluded.final, first_response_due_at = excluded.first_response_due_at,
          first_response_breached_at = excluded.first_response_breached_at,
          resolution_due_at = excluded.resolution_due_at,
          resolution_breached_at = excluded.resolution_breached_at,
          auto_close_at = excluded.auto_close_at, next_action_at = excluded.next_action_at,
          actions = excluded.actions, state = excluded.state
      """;

  private final JdbcTemplate jdbc;

  public TicketClockStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A ticket's folded history as last stored. */
  public Optional<TicketSla> load(String ticketId) {
    return jdbc
        .query(
            "SELECT state FROM sla.ticket_clock WHERE ticket_id = ?",
            (rs, n) -> TicketSla.fromJson(rs.getString(1)),
            ticketId)
        .stream()
        .findFirst();
  }

  /** Writes rows in one batch, inside the caller's transaction. */
  public void save(Collection<ClockRow> rows) {
    List<Object[]> args = new ArrayList<>(rows.size());
    for (ClockRow row : rows) {
      TicketSla sla = row.sla();
      args.add(
          new Object[] {
            sla.ticketId(),
            sla.version(),
            timestamp(sla.lastEventAt()),
            sla.terms().policyId(),
            sla.terms().policyVersion(),
            sla.priority(),
            sla.isFinal(),
            timestamp(row.firstResponseDueAt()),
            timestamp(row.firstResponseBreachedAt()),
            timestamp(row.resolutionDueAt()),
            timestamp(row.resolutionBreachedAt()),
            timestamp(row.autoCloseAt()),
            timestamp(row.nextActionAt()),
            writeActions(row.actions()),
            sla.toJson()
          });
    }
    jdbc.batchUpdate(UPSERT, args);
  }

  /** Forgets every ticket: the start of a rebuild. */
  public void clear() {
    jdbc.update("TRUNCATE sla.ticket_clock");
  }

  /** Tickets with an action due at or before an instant, earliest first. */
  public List<DueTicket> dueBy(Instant instant, int limit) {
    return jdbc.query(
        "SELECT ticket_id, actions FROM sla.ticket_clock WHERE next_action_at <= ?"
            + " ORDER BY next_action_at, ticket_id LIMIT ?",
        (rs, n) -> new DueTicket(rs.getString(1), readActions(rs.getString(1), rs.getString(2))),
        Timestamp.from(instant),
        limit);
  }

  /** A ticket and the actions it is owed. */
  public record DueTicket(String ticketId, List<SlaAction> actions) {}

  /** The stored actions of many tickets, for tests and the admin view. */
  public Map<String, List<SlaAction>> actionsOf(Collection<String> ticketIds) {
    Map<String, List<SlaAction>> result = new HashMap<>();
    jdbc.query(
        "SELECT ticket_id, actions FROM sla.ticket_clock WHERE ticket_id = ANY (?)",
        rs -> {
          result.put(rs.getString(1), readActions(rs.getString(1), rs.getString(2)));
        },
        (Object) ticketIds.toArray(String[]::new));
    return result;
  }

  static String writeActions(List<SlaAction> actions) {
    ArrayNode array = JSON.createArrayNode();
    for (SlaAction action : actions) {
      ObjectNode node = array.addObject();
      node.put("dueAt", action.dueAt().toString());
      if (action instanceof SlaAction.Escalation e) {
        node.put("escalate", e.metric().name());
      } else if (action instanceof SlaAction.AutoClose c) {
        node.put("autoClose", c.approvalRequestId());
      }
    }
    return array.toString();
  }

  static List<SlaAction> readActions(String ticketId, String json) {
    try {
      List<SlaAction> actions = new ArrayList<>();
      for (JsonNode node : JSON.readTree(json)) {
        Instant dueAt = Instant.parse(node.get("dueAt").asText());
        if (node.has("escalate")) {
          actions.add(
              new SlaAction.Escalation(
                  ticketId, SlaMetric.valueOf(node.get("escalate").asText()), dueAt));
        } else {
          actions.add(new SlaAction.AutoClose(ticketId, node.get("autoClose").asText(), dueAt));
        }
      }
      return actions;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable actions of " + ticketId, e);
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
