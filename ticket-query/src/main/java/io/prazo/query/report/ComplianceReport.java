package io.prazo.query.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SLA compliance (sla.md section 5): the tickets resolved in a period, grouped, and how many met
 * each target. A ticket counts in the period of its standing resolution (a rejected resolution no
 * longer counts; the ticket counts again when resolved again); cancelled tickets never count. Both
 * clocks of a resolved ticket are stopped, so their statuses are final.
 */
public class ComplianceReport {

  /** What rows are grouped by. */
  public enum GroupBy {
    PRIORITY("priority", "priority"),
    ORGANIZATION("organization", "organization_id"),
    POLICY("policy", "policy_id");

    private final String wireName;
    private final String column;

    GroupBy(String wireName, String column) {
      this.wireName = wireName;
      this.column = column;
    }

    public String wireName() {
      return wireName;
    }
  }

  /**
   * One group's figures.
   *
   * @param key the priority, organization or policy id
   * @param resolved tickets resolved in the period
   * @param firstResponseMet of those, how many met their first-response target
   * @param resolutionMet how many met their resolution target
   * @param resolutionCompliance resolutionMet over the resolved tickets with a resolution target;
   *     null when none had one
   * @param goal the share the policy requires (the strictest goal when the group spans policies
   *     with different goals); null without tickets
   * @param goalMet whether the compliance reached the goal; null without targeted tickets
   * @param noTarget resolved tickets without a resolution target, counted apart (never as met)
   * @param firstResponseNoTarget resolved tickets without a first-response target
   * @param firstResponseCompliance firstResponseMet over those with a first-response target; null
   *     when none had one
   */
  public record Row(
      String key,
      long resolved,
      long firstResponseMet,
      long resolutionMet,
      Double resolutionCompliance,
      Double goal,
      Boolean goalMet,
      long noTarget,
      long firstResponseNoTarget,
      Double firstResponseCompliance) {

    static Row of(
        String key,
        long resolved,
        long firstResponseMet,
        long resolutionMet,
        long noTarget,
        long firstResponseNoTarget,
        Double goal) {
      Double compliance = share(resolutionMet, resolved - noTarget);
      return new Row(
          key,
          resolved,
          firstResponseMet,
          resolutionMet,
          compliance,
          goal,
          compliance == null || goal == null ? null : compliance >= goal,
          noTarget,
          firstResponseNoTarget,
          share(firstResponseMet, resolved - firstResponseNoTarget));
    }

    private static Double share(long met, long targeted) {
      return targeted == 0 ? null : (double) met / targeted;
    }
  }

  private final JdbcTemplate jdbc;

  public ComplianceReport(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The rows, ordered by key, and a last row with key null for all of them together (present even
   * when no ticket was resolved in the period).
   *
   * @param from the period's start, inclusive
   * @param to the period's end, exclusive
   * @param groupBy the grouping
   * @param organization only this organization's tickets (a customer's), or null for all
   */
  public List<Row> rows(Instant from, Instant to, GroupBy groupBy, String organization) {
    List<Object> args = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
    String where = "resolved_at >= ? AND resolved_at < ?";
    if (organization != null) {
      where += " AND organization_id = ?";
      args.add(organization);
    }
    return jdbc.query(
        "SELECT "
            + groupBy.column
            + " AS key, count(*),"
            + " count(*) FILTER (WHERE first_response_status = 'MET'),"
            + " count(*) FILTER (WHERE resolution_status = 'MET'),"
            + " count(*) FILTER (WHERE resolution_status = 'NOT_APPLICABLE'),"
            + " count(*) FILTER (WHERE first_response_status = 'NOT_APPLICABLE'),"
            + " max(compliance_goal)"
            + " FROM query.ticket WHERE "
            + where
            + " GROUP BY ROLLUP ("
            + groupBy.column
            + ") ORDER BY "
            + groupBy.column
            + " NULLS LAST",
        (rs, n) ->
            Row.of(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getObject(7, Double.class)),
        args.toArray());
  }
}
