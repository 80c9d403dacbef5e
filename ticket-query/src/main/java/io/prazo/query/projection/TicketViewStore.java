package io.prazo.query.projection;

import io.prazo.eventstore.SqlText;
import io.prazo.sla.TicketSla;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code query.ticket} table. */
public class TicketViewStore {
  /** Many rows in one statement, one array per column (as sla-projector's clock table). */
  private static final String UPSERT =
      """
      INSERT INTO query.ticket (ticket_id, number, organization_id, status, priority, assignee,
          policy_id, policy_version, compliance_goal, created_at, updated_at, resolved_at, version,
          first_response_status, first_response_due_at, first_response_risk_at,
          resolution_status, resolution_due_at, resolution_risk_at, auto_close_at, view, sla)
      SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
          ?::varchar[], ?::varchar[], ?::integer[], ?::float8[], ?::timestamptz[],
          ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::varchar[], ?::timestamptz[],
          ?::timestamptz[], ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
          ?::text[], ?::text[])
      ON CONFLICT (ticket_id) DO UPDATE SET number = excluded.number,
          organization_id = excluded.organization_id, status = excluded.status,
          priority = excluded.priority, assignee = excluded.assignee,
          policy_id = excluded.policy_id, policy_version = excluded.policy_version,
          compliance_goal = excluded.compliance_goal, created_at = excluded.created_at,
          updated_at = excluded.updated_at, resolved_at = excluded.resolved_at,
          version = excluded.version, first_response_status = excluded.first_response_status,
          first_response_due_at = excluded.first_response_due_at,
          first_response_risk_at = excluded.first_response_risk_at,
          resolution_status = excluded.resolution_status,
          resolution_due_at = excluded.resolution_due_at,
          resolution_risk_at = excluded.resolution_risk_at,
          auto_close_at = excluded.auto_close_at, view = excluded.view, sla = excluded.sla
      """;

  private final JdbcTemplate jdbc;

  public TicketViewStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A ticket's view as last stored. */
  public Optional<TicketView> load(String ticketId) {
    return jdbc
        .query(
            "SELECT view, sla FROM query.ticket WHERE ticket_id = ?",
            (rs, n) -> view(rs, 1),
            ticketId)
        .stream()
        .findFirst();
  }

  /** Reads a view from two columns of a result: its fields, then its SLA state. */
  public static TicketView view(ResultSet rs, int firstColumn) throws SQLException {
    return TicketView.fromJson(
        rs.getString(firstColumn), TicketSla.fromJson(rs.getString(firstColumn + 1)));
  }

  /** Writes rows in one statement, inside the caller's transaction; at most one per ticket. */
  public void save(Collection<TicketRow> rows) {
    int n = rows.size();
    if (n == 0) {
      return;
    }
    String[][] text = new String[10][n];
    Integer[] policyVersions = new Integer[n];
    Double[] goals = new Double[n];
    Long[] versions = new Long[n];
    String[][] instants = new String[8][n];
    String[] slas = new String[n];
    int i = 0;
    for (TicketRow row : rows) {
      TicketView v = row.view();
      text[0][i] = v.ticketId();
      text[1][i] = v.number();
      text[2][i] = v.organizationId();
      text[3][i] = v.status().name();
      text[4][i] = v.priority();
      text[5][i] = v.assignee();
      text[6][i] = v.sla().terms().policyId();
      text[7][i] = row.firstResponse().status().name();
      text[8][i] = row.resolution().status().name();
      text[9][i] = v.toJson();
      policyVersions[i] = v.sla().terms().policyVersion();
      goals[i] = row.complianceGoal();
      versions[i] = v.version();
      instants[0][i] = SqlText.timestamptz(v.createdAt());
      instants[1][i] = SqlText.timestamptz(v.updatedAt());
      instants[2][i] = SqlText.timestamptz(v.resolvedAt());
      instants[3][i] = SqlText.timestamptz(row.firstResponse().dueAt());
      instants[4][i] = SqlText.timestamptz(row.firstResponse().riskAt());
      instants[5][i] = SqlText.timestamptz(row.resolution().dueAt());
      instants[6][i] = SqlText.timestamptz(row.resolution().riskAt());
      instants[7][i] = SqlText.timestamptz(row.autoCloseAt());
      slas[i] = v.sla().toJson();
      i++;
    }
    jdbc.update(
        connection -> {
          PreparedStatement s = connection.prepareStatement(UPSERT);
          int p = 1;
          for (int c = 0; c < 7; c++) {
            s.setArray(p++, varchar(connection, text[c]));
          }
          s.setArray(p++, connection.createArrayOf("int4", policyVersions));
          s.setArray(p++, connection.createArrayOf("float8", goals));
          for (int c = 0; c < 3; c++) {
            s.setArray(p++, varchar(connection, instants[c]));
          }
          s.setArray(p++, connection.createArrayOf("int8", versions));
          s.setArray(p++, varchar(connection, text[7]));
          s.setArray(p++, varchar(connection, instants[3]));
          s.setArray(p++, varchar(connection, instants[4]));
          s.setArray(p++, varchar(connection, text[8]));
          s.setArray(p++, varchar(connection, instants[5]));
          s.setArray(p++, varchar(connection, instants[6]));
          s.setArray(p++, varchar(connection, instants[7]));
          s.setArray(p++, connection.createArrayOf("text", text[9]));
          s.setArray(p, connection.createArrayOf("text", slas));
          return s;
        });
  }

  private static Array varchar(Connection connection, String[] values) throws SQLException {
    return connection.createArrayOf("varchar", values);
  }

  /** Forgets every ticket: the start of a rebuild. */
  public void clear() {
    jdbc.update("TRUNCATE query.ticket");
  }
}
