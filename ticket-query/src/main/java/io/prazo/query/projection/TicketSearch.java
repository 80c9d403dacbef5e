package io.prazo.query.projection;

import io.prazo.events.TicketStatus;
import io.prazo.sla.ClockStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/** Pages of {@code query.ticket}: the lists and the work queue. */
public class TicketSearch {

  /** How a page is ordered; every order ends on the ticket id, so pages never overlap. */
  public enum Sort {
    /** The work queue: nearest resolution due time first; tickets without one last. */
    DUE_AT("dueAt", "resolution_due_at, created_at, ticket_id"),
    /** Oldest first. */
    CREATED_AT("createdAt", "created_at, ticket_id"),
    /** Newest first. */
    NEWEST_FIRST("-createdAt", "created_at DESC, ticket_id DESC");

    private final String wireName;
    private final String orderBy;

    Sort(String wireName, String orderBy) {
      this.wireName = wireName;
      this.orderBy = orderBy;
    }

    public String wireName() {
      return wireName;
    }
  }

  /**
   * What to list. Empty sets and null values do not filter.
   *
   * @param statuses ticket statuses, any of
   * @param priorities priority ids, any of
   * @param organizations organization ids the ticket must belong to, all of (a customer's own
   *     organization and the one asked for)
   * @param assignee the assignee
   * @param slaStatuses clock statuses at {@code now}: a ticket matches when either clock has one
   * @param now the instant clock statuses are taken at
   * @param sort the order
   * @param page the page, from 0
   * @param size tickets per page
   */
  public record Filter(
      Set<TicketStatus> statuses,
      Set<String> priorities,
      List<String> organizations,
      String assignee,
      Set<ClockStatus> slaStatuses,
      Instant now,
      Sort sort,
      int page,
      int size) {}

  /** A page of tickets and how many match in all. */
  public record Page(List<TicketView> items, long total) {}

  private final JdbcTemplate jdbc;

  public TicketSearch(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Page find(Filter filter) {
    List<Object> args = new ArrayList<>();
    String where = where(filter, args);
    Long total =
        jdbc.queryForObject(
            "SELECT count(*) FROM query.ticket" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(filter.size());
    pageArgs.add((long) filter.page() * filter.size());
    List<TicketView> items =
        jdbc.query(
            "SELECT view, sla FROM query.ticket"
                + where
                + " ORDER BY "
                + filter.sort().orderBy
                + " LIMIT ? OFFSET ?",
            (rs, n) -> TicketViewStore.view(rs, 1),
            pageArgs.toArray());
    return new Page(items, total == null ? 0 : total);
  }

  private static String where(Filter filter, List<Object> args) {
    List<String> conditions = new ArrayList<>();
    if (!filter.statuses().isEmpty()) {
      conditions.add(in("status", filter.statuses().size()));
      filter.statuses().forEach(s -> args.add(s.name()));
    }
    if (!filter.priorities().isEmpty()) {
      conditions.add(in("priority", filter.priorities().size()));
      args.addAll(filter.priorities());
    }
    for (String organization : filter.organizations()) {
      conditions.add("organization_id = ?");
      args.add(organization);
    }
    if (filter.assignee() != null) {
      conditions.add("assignee = ?");
      args.add(filter.assignee());
    }
    if (!filter.slaStatuses().isEmpty()) {
      List<String> any = new ArrayList<>();
      Timestamp now = Timestamp.from(filter.now());
      for (ClockStatus status : filter.slaStatuses()) {
        for (String clock : new String[] {"first_response", "resolution"}) {
          any.add(statusAt(clock, status, now, args));
        }
      }
      conditions.add("(" + String.join(" OR ", any) + ")");
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /**
   * A clock's status at {@code now} from its stored status and instants, by sla-core's rule for a
   * clock that runs on without events ({@code SlaClocks.statusAt}): once now is after both its due
   * instant and the instant it was evaluated at (the ticket's last event, {@code updated_at}) it is
   * BREACHED, else AT_RISK from its at-risk instant, else RUNNING; every other status stays.
   * Instants are compared to the microsecond, the columns' precision.
   */
  private static String statusAt(
      String clock, ClockStatus status, Timestamp now, List<Object> args) {
    String stored = clock + "_status";
    String running = stored + " IN ('RUNNING', 'AT_RISK')";
    String due = clock + "_due_at";
    String risk = clock + "_risk_at";
    String breachedNow = "(" + due + " < ? AND updated_at < ?)";
    return switch (status) {
      case BREACHED -> {
        args.add(now);
        args.add(now);
        yield "(" + stored + " = 'BREACHED' OR (" + running + " AND " + breachedNow + "))";
      }
      case AT_RISK, RUNNING -> {
        args.add(now);
        args.add(now);
        args.add(now);
        yield "("
            + running
            + " AND NOT "
            + breachedNow
            + " AND "
            + risk
            + (status == ClockStatus.AT_RISK ? " <= ?)" : " > ?)");
      }
      default -> {
        args.add(status.name());
        yield stored + " = ?";
      }
    };
  }

  private static String in(String column, int n) {
    return column + " IN (" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
  }
}
