package io.prazo.query.web;

import io.prazo.events.TicketStatus;
import io.prazo.eventstore.CatalogReader;
import io.prazo.query.audit.TicketHistory;
import io.prazo.query.config.QueryProperties;
import io.prazo.query.projection.TicketSearch;
import io.prazo.query.projection.TicketView;
import io.prazo.sla.ClockStatus;
import io.prazo.web.problem.Problems;
import io.prazo.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tickets as dashboards read them (api.md, Queries). */
@RestController
@Tag(name = "Tickets (queries)")
public class TicketQueryController {
  private final TicketReader reader;
  private final TicketSearch search;
  private final TicketHistory history;
  private final CatalogReader catalog;
  private final QueryProperties properties;
  private final Clock clock;

  public TicketQueryController(
      TicketReader reader,
      TicketSearch search,
      TicketHistory history,
      CatalogReader catalog,
      QueryProperties properties,
      Clock clock) {
    this.reader = reader;
    this.search = search;
    this.history = history;
    this.catalog = catalog;
    this.properties = properties;
    this.clock = clock;
  }

  /** A page of tickets. */
  public record TicketPage(
      List<TicketRepresentation> items, int page, int size, long total, boolean hasNext) {}

  @Operation(
      summary = "A ticket with its clocks",
      description =
          "minVersion waits (bounded) until the view has reached that version, for"
              + " read-your-writes after a command (503 view-behind if it has not); asOf rebuilds"
              + " the ticket and its clocks as they were at that instant from the event store.")
  @Parameters({
    @Parameter(
        name = "minVersion",
        in = ParameterIn.QUERY,
        description = "wait until the view has reached this version",
        schema = @Schema(type = "integer", format = "int64", minimum = "0")),
    @Parameter(
        name = "asOf",
        in = ParameterIn.QUERY,
        description = "the ticket as it was at this instant (ISO-8601, not in the future)",
        schema = @Schema(type = "string", format = "date-time"))
  })
  @GetMapping("/api/tickets/{id}")
  public ResponseEntity<TicketRepresentation> ticket(
      @PathVariable String id,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
      Caller caller) {
    Visibility.scope(caller);
    QueryParameters q = new QueryParameters(parameters, "minVersion", "asOf");
    Long minVersion = q.number("minVersion", null, 0, Long.MAX_VALUE);
    Instant asOf = q.instant("asOf");
    Instant now = clock.instant();
    if (minVersion != null && asOf != null) {
      q.invalid("asOf", "asOf and minVersion cannot be combined");
    }
    if (asOf != null && asOf.isAfter(now)) {
      q.invalid("asOf", "must not be in the future (now is " + now + ")");
    }
    q.check();
    Optional<TicketView> view;
    Instant at = now;
    if (asOf != null) {
      view = history.asOf(id, asOf);
      at = asOf;
    } else if (minVersion != null) {
      // Decide visibility before waiting: neither the wait nor its outcome may tell a customer
      // that another organization's ticket exists.
      if (Visibility.scope(caller).isPresent()
          && !Visibility.seesOrganization(caller, organizationOf(id))) {
        throw notFound(id);
      }
      view = reader.read(id, minVersion, properties.minVersionWait());
    } else {
      view = reader.read(id);
    }
    TicketView found = view.filter(v -> Visibility.sees(caller, v)).orElseThrow(() -> notFound(id));
    return ResponseEntity.ok()
        .header(HttpHeaders.ETAG, "\"" + found.version() + "\"")
        .body(TicketRepresentation.of(found, catalog, at, asOf, caller));
  }

  @Operation(
      summary = "A page of tickets",
      description =
          "Filters: status, priority, slaStatus (either clock, now) take several values, repeated"
              + " or comma-separated; sort is dueAt (the work queue: nearest resolution due time"
              + " first), createdAt or -createdAt (the default).")
  @Parameters({
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "OPEN, IN_PROGRESS, ..."),
    @Parameter(name = "priority", in = ParameterIn.QUERY, description = "priority ids"),
    @Parameter(name = "organizationId", in = ParameterIn.QUERY),
    @Parameter(name = "assignee", in = ParameterIn.QUERY),
    @Parameter(
        name = "slaStatus",
        in = ParameterIn.QUERY,
        description = "RUNNING, AT_RISK, PAUSED, MET, BREACHED, NOT_APPLICABLE (either clock)"),
    @Parameter(
        name = "sort",
        in = ParameterIn.QUERY,
        schema = @Schema(allowableValues = {"dueAt", "createdAt", "-createdAt"})),
    @Parameter(name = "page", in = ParameterIn.QUERY, schema = @Schema(type = "integer")),
    @Parameter(name = "size", in = ParameterIn.QUERY, schema = @Schema(type = "integer"))
  })
  @GetMapping("/api/tickets")
  public TicketPage tickets(
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
      Caller caller) {
    Optional<String> scope = Visibility.scope(caller);
    QueryParameters q =
        new QueryParameters(
            parameters,
            "status",
            "priority",
            "organizationId",
            "assignee",
            "slaStatus",
            "sort",
            "page",
            "size");
    var statuses = q.enums("status", TicketStatus.class);
    var priorities = q.list("priority");
    String organization = q.text("organizationId");
    String assignee = q.text("assignee");
    var slaStatuses = q.enums("slaStatus", ClockStatus.class);
    TicketSearch.Sort sort =
        q.choice(
            "sort",
            TicketSearch.Sort.values(),
            TicketSearch.Sort::wireName,
            TicketSearch.Sort.NEWEST_FIRST);
    int page = q.number("page", 0L, 0, 1_000_000).intValue();
    int size =
        q.number("size", (long) properties.defaultPageSize(), 1, properties.maxPageSize())
            .intValue();
    q.check();
    List<String> organizations = new ArrayList<>(2);
    scope.ifPresent(organizations::add);
    if (organization != null) {
      organizations.add(organization);
    }
    Instant now = clock.instant();
    TicketSearch.Page found =
        search.find(
            new TicketSearch.Filter(
                statuses, priorities, organizations, assignee, slaStatuses, now, sort, page, size));
    List<TicketRepresentation> items = new ArrayList<>(found.items().size());
    for (TicketView view : found.items()) {
      items.add(TicketRepresentation.of(view, catalog, now, null, caller));
    }
    return new TicketPage(
        items, page, size, found.total(), (long) (page + 1) * size < found.total());
  }

  @Operation(summary = "Every event of a ticket, in order, with who acted and why")
  @GetMapping("/api/tickets/{id}/history")
  public List<TicketHistory.Entry> history(
      @PathVariable String id,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
      Caller caller) {
    Visibility.scope(caller);
    new QueryParameters(parameters).check();
    return history.history(id, caller).orElseThrow(() -> notFound(id));
  }

  /** The ticket's organization, from the view or, before the view has it, the event store. */
  private String organizationOf(String id) {
    return reader
        .read(id)
        .map(TicketView::organizationId)
        .or(() -> history.organizationOf(id))
        .orElse(null);
  }

  static ErrorResponseException notFound(String id) {
    return new ErrorResponseException(
        HttpStatus.NOT_FOUND,
        Problems.of(HttpStatus.NOT_FOUND, "ticket-not-found", "Unknown ticket", "No ticket " + id),
        null);
  }
}
