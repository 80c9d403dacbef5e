package io.prazo.sla.projector.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prazo.events.SlaMetric;
import io.prazo.eventstore.SqlText;
import io.prazo.sla.SlaAction;
import io.prazo.sla.TicketSla;
import java.sql.PreparedStatement;
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

  /**
   * Inserts or replaces many rows in one statement, one array per column: PostgreSQL parses, plans
   * and executes one statement per batch instead of one per row, which takes about a third of its
   * CPU off a rebuild (docs/benchmarks.md, "SLA projection replay").
   */
  private static final String UPSERT =
      """
      INSERT INTO sla.ticket_clock (ticket_id, version, last_event_at, policy_id, policy_version,
          priority, final, first_response_due_at, first_response_breached_at, resolution_due_at,
          resolution_breached_at, auto_close_at, next_action_at, actions, state)
      SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::timestamptz[], ?::varchar[],
          ?::integer[], ?::varchar[], ?::boolean[], ?::timestamptz[], ?::timestamptz[],
          ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::text[],
          ?::text[])
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

  /**
   * Writes rows in one statement, inside the caller's transaction.
   *
   * @param rows at most one row per ticket
   */
  public void save(Collection<ClockRow> rows) {
    int n = rows.size();
    if (n == 0) {
      return;
    }
    String[] ids = new String[n];
    Long[] versions = new Long[n];
    String[] lastEventAt = new String[n];
    String[] policyIds = new String[n];
    Integer[] policyVersions = new Integer[n];
    String[] priorities = new String[n];
    Boolean[] finals = new Boolean[n];
    String[][] instants = new String[6][n];
    String[] actions = new String[n];
    String[] states = new String[n];
    int i = 0;
    for (ClockRow row : rows) {
      TicketSla sla = row.sla();
      ids[i] = sla.ticketId();
      versions[i] = sla.version();
      lastEventAt[i] = SqlText.timestamptz(sla.lastEventAt());
      policyIds[i] = sla.terms().policyId();
      policyVersions[i] = sla.terms().policyVersion();
      priorities[i] = sla.priority();
      finals[i] = sla.isFinal();
      instants[0][i] = SqlText.timestamptz(row.firstResponseDueAt());
      instants[1][i] = SqlText.timestamptz(row.firstResponseBreachedAt());
      instants[2][i] = SqlText.timestamptz(row.resolutionDueAt());
      instants[3][i] = SqlText.timestamptz(row.resolutionBreachedAt());
      instants[4][i] = SqlText.timestamptz(row.autoCloseAt());
      instants[5][i] = SqlText.timestamptz(row.nextActionAt());
      actions[i] = writeActions(row.actions());
      states[i] = sla.toJson();
      i++;
    }
    jdbc.update(
        connection -> {
          PreparedStatement statement = connection.prepareStatement(UPSERT);
          int p = 1;
          statement.setArray(p++, connection.createArrayOf("varchar", ids));
          statement.setArray(p++, connection.createArrayOf("int8", versions));
          statement.setArray(p++, connection.createArrayOf("varchar", lastEventAt));
          statement.setArray(p++, connection.createArrayOf("varchar", policyIds));
          statement.setArray(p++, connection.createArrayOf("int4", policyVersions));
          statement.setArray(p++, connection.createArrayOf("varchar", priorities));
          statement.setArray(p++, connection.createArrayOf("bool", finals));
          for (String[] column : instants) {
            statement.setArray(p++, connection.createArrayOf("varchar", column));
          }
          statement.setArray(p++, connection.createArrayOf("text", actions));
          statement.setArray(p, connection.createArrayOf("text", states));
          return statement;
        });
  }

  /** Forgets every ticket: the start of a rebuild. */
  public void clear() {
    jdbc.update("TRUNCATE sla.ticket_clock");
  }

  /** Tickets with an action due at or before an instant, earliest first. */
  public List<DueTicket> dueBy(Instant instant, int limit) {
    return jdbc.query(
        "SELECT ticket_id, actions, priority, policy_id FROM sla.ticket_clock"
            + " WHERE next_action_at <= ? ORDER BY next_action_at, ticket_id LIMIT ?",
        (rs, n) ->
            new DueTicket(
                rs.getString(1),
                readActions(rs.getString(1), rs.getString(2)),
                rs.getString(3),
                rs.getString(4)),
        Timestamp.from(instant),
        limit);
  }

  /**
   * A ticket and the actions it is owed.
   *
   * @param priority the ticket's priority now
   * @param policyId the id of the policy it runs under
   */
  public record DueTicket(
      String ticketId, List<SlaAction> actions, String priority, String policyId) {}

  /**
   * How many owed actions are due at or before an instant and not yet settled (no attempt that
   * ticket-command accepted or refused), by type: {@code ESCALATION}, {@code AUTO_CLOSE}.
   */
  public Map<String, Long> unsettledDueCounts(Instant instant) {
    Map<String, Long> counts = new HashMap<>();
    jdbc.query(
        """
        SELECT CASE WHEN a->>'escalate' IS NOT NULL THEN 'ESCALATION' ELSE 'AUTO_CLOSE' END,
               count(*)
        FROM sla.ticket_clock c, jsonb_array_elements(c.actions::jsonb) a
        WHERE c.next_action_at <= ? AND (a->>'dueAt')::timestamptz <= ?
          AND NOT EXISTS (SELECT 1 FROM sla.action_attempt t
                          WHERE t.outcome <> 'RETRYING'
                            AND t.action_id = CASE WHEN a->>'escalate' IS NOT NULL
                                THEN c.ticket_id || ? || (a->>'escalate')
                                ELSE (a->>'autoClose') || ? END)
        GROUP BY 1
        """,
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        },
        Timestamp.from(instant),
        Timestamp.from(instant),
        SlaAction.ESCALATION_ID_INFIX,
        SlaAction.AUTO_CLOSE_ID_SUFFIX);
    return counts;
  }

  static String writeActions(List<SlaAction> actions) {
    if (actions.isEmpty()) {
      return "[]";
    }
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
}
