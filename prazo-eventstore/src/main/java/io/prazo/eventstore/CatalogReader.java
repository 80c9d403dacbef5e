package io.prazo.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.sla.BusinessCalendar;
import io.prazo.sla.CalendarSource;
import io.prazo.sla.CatalogJson;
import io.prazo.sla.SlaClocks;
import io.prazo.sla.SlaPolicy;
import io.prazo.sla.TicketSla;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads exact versions of policies and calendars from ticket-command's catalog tables. Versions are
 * append-only and never change (triggers refuse updates), so each one is read once and kept: a
 * reader never sees a stale version, only versions it has not needed yet.
 */
public class CatalogReader implements CalendarSource {
  private final JdbcTemplate jdbc;
  private final ObjectMapper mapper = new ObjectMapper();
  // By id, then version: a look-up on the projection's hot path builds no key.
  private final ConcurrentMap<String, ConcurrentMap<Integer, SlaPolicy>> policies =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ConcurrentMap<Integer, BusinessCalendar>> calendars =
      new ConcurrentHashMap<>();

  public CatalogReader(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A policy at an exact version.
   *
   * @throws IllegalArgumentException if that version does not exist
   */
  public SlaPolicy policy(String id, int version) {
    // Stored documents carry their own id and version (CatalogJson.write).
    return policies
        .computeIfAbsent(id, key -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            version,
            key ->
                CatalogJson.readPolicy(
                    document("catalog_policy", "policy_id", id, version), calendarId -> true));
  }

  /** The policy version a ticket's clocks are computed with. */
  public SlaPolicy policyOf(TicketSla sla) {
    return policy(sla.terms().policyId(), sla.terms().policyVersion());
  }

  /** A ticket's clocks at an instant, under the policy and calendar versions it was opened with. */
  public SlaClocks clocks(TicketSla sla, Instant at) {
    return SlaClocks.evaluate(sla, policyOf(sla), this, at);
  }

  @Override
  public BusinessCalendar calendar(String id, int version) {
    return calendars
        .computeIfAbsent(id, key -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            version,
            key ->
                CatalogJson.readCalendar(document("catalog_calendar", "calendar_id", id, version)));
  }

  private JsonNode document(String table, String idColumn, String id, int version) {
    String text =
        jdbc
            .query(
                "SELECT document FROM " + table + " WHERE " + idColumn + " = ? AND version = ?",
                (rs, n) -> rs.getString(1),
                id,
                version)
            .stream()
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException(table + " has no " + id + " v" + version));
    try {
      return mapper.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(
          "unreadable " + table + " document " + id + " v" + version, e);
    }
  }
}
