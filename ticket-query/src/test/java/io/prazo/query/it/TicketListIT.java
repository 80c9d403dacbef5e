package io.prazo.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prazo.testing.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * GET /api/tickets: every filter alone and combined, SLA status at now (moving with time alone),
 * the work queue order and paging.
 *
 * <p>A context and database of its own, so that a list without an organization filter holds only
 * this class's tickets. The test clock is still shared by the methods here and only moves forward,
 * so every expectation is relative to the clock's reading when a test starts, and each test works
 * in organizations of its own. A list without an organization filter is checked against the whole
 * table read through the same API: the filtered list must be exactly the unfiltered one with the
 * filter applied to each item.
 */
@TestPropertySource(properties = "prazo.test.context=TicketListIT")
class TicketListIT extends QueryIT {
  private static final List<String> SLA_STATUSES =
      List.of("RUNNING", "AT_RISK", "PAUSED", "MET", "BREACHED", "NOT_APPLICABLE");

  @Test
  void filtersByStatusGivenOnceRepeatedOrCommaSeparatedInAnyCase() {
    String org = "list-status";
    contract(org, "pronnus");
    Map<String, String> byStatus = new LinkedHashMap<>();
    byStatus.put("OPEN", open(org, "HIGH"));
    String inProgress = open(org, "HIGH");
    assign(inProgress);
    byStatus.put("IN_PROGRESS", inProgress);
    String awaiting = open(org, "HIGH");
    pause(awaiting);
    byStatus.put("AWAITING", awaiting);
    String resolved = open(org, "HIGH");
    resolve(resolved);
    byStatus.put("RESOLVED", resolved);
    String closed = open(org, "HIGH");
    resolve(closed);
    approve(closed, org);
    byStatus.put("CLOSED", closed);
    String cancelled = open(org, "HIGH");
    command(cancelled, "cancel", customer(org), Map.of("reason", "Resolvido por conta própria"));
    byStatus.put("CANCELLED", cancelled);

    byStatus.forEach(
        (status, id) -> {
          assertThat(ids("organizationId=" + org + "&status=" + status))
              .as(status)
              .containsExactly(id);
          assertThat(items("organizationId=" + org + "&status=" + status))
              .allSatisfy(item -> assertThat(item.get("status").asText()).isEqualTo(status));
        });
    assertThat(ids("organizationId=" + org + "&status=OPEN&status=AWAITING"))
        .containsExactlyInAnyOrder(byStatus.get("OPEN"), awaiting);
    assertThat(ids("organizationId=" + org + "&status=OPEN,AWAITING"))
        .containsExactlyInAnyOrder(byStatus.get("OPEN"), awaiting);
    assertThat(ids("organizationId=" + org + "&status=RESOLVED,CLOSED&status=CANCELLED"))
        .containsExactlyInAnyOrder(resolved, closed, cancelled);
    assertThat(ids("organizationId=" + org + "&status=in_progress,Closed"))
        .containsExactlyInAnyOrder(inProgress, closed);
    assertThat(ids("organizationId=" + org)).hasSize(6);

    assertThat(ids("status=AWAITING")).contains(awaiting).doesNotContain(inProgress, resolved);
    filterAgreesWithEveryItem("status=AWAITING", item -> status(item, "AWAITING"));
    filterAgreesWithEveryItem(
        "status=open,in_progress", item -> status(item, "OPEN") || status(item, "IN_PROGRESS"));
  }

  @Test
  void filtersByPriorityOneOrSeveral() {
    String org = "list-priority";
    String plain = "list-priority-standard";
    contract(org, "pronnus");
    contract(plain, "standard");
    String urgent = open(org, "URGENT");
    String high = open(org, "HIGH");
    String p1 = open(plain, "P1");

    assertThat(ids("organizationId=" + org + "&priority=URGENT")).containsExactly(urgent);
    assertThat(ids("organizationId=" + org + "&priority=HIGH")).containsExactly(high);
    assertThat(ids("organizationId=" + org + "&priority=URGENT,HIGH"))
        .containsExactlyInAnyOrder(urgent, high);
    assertThat(ids("organizationId=" + org + "&priority=URGENT&priority=HIGH"))
        .containsExactlyInAnyOrder(urgent, high);
    assertThat(ids("organizationId=" + org + "&priority=P1")).isEmpty();

    assertThat(ids("priority=P1")).contains(p1).doesNotContain(urgent, high);
    filterAgreesWithEveryItem("priority=P1", item -> "P1".equals(item.get("priority").asText()));
    filterAgreesWithEveryItem(
        "priority=URGENT,P1",
        item -> Set.of("URGENT", "P1").contains(item.get("priority").asText()));
  }

  @Test
  void filtersByOrganizationAndKeepsACustomerInItsOwn() {
    String a = "list-org-a";
    String b = "list-org-b";
    contract(a, "pronnus");
    contract(b, "pronnus");
    String a1 = open(a, "HIGH");
    advance(Duration.ofMinutes(1));
    String a2 = open(a, "URGENT");
    String b1 = open(b, "HIGH");

    assertThat(ids("organizationId=" + a)).containsExactly(a2, a1);
    assertThat(ids("organizationId=" + b)).containsExactly(b1);
    assertThat(ids("organizationId=list-org-nobody")).isEmpty();
    filterAgreesWithEveryItem(
        "organizationId=" + a, item -> a.equals(item.get("organizationId").asText()));

    Http.Answer own = expect(200, http.get("/api/tickets", customer(a)));
    assertThat(idsOf(own)).containsExactly(a2, a1);
    assertThat(own.json().get("total").asLong()).isEqualTo(2);
    Http.Answer other = expect(200, http.get("/api/tickets?organizationId=" + b, customer(a)));
    assertThat(idsOf(other)).isEmpty();
    assertThat(other.json().get("total").asLong()).isZero();
  }

  @Test
  void filtersByAssignee() {
    String org = "list-assignee";
    contract(org, "pronnus");
    String first = open(org, "HIGH");
    assign(first);
    String second = open(org, "HIGH");
    command(second, "assignment", agent(), Map.of("assignee", "agent-2", "level", "N2"));
    String nobody = open(org, "HIGH");

    assertThat(ids("organizationId=" + org + "&assignee=agent-1")).containsExactly(first);
    assertThat(ids("organizationId=" + org + "&assignee=agent-2")).containsExactly(second);
    assertThat(ids("organizationId=" + org + "&assignee=agent-3")).isEmpty();
    assertThat(ids("organizationId=" + org)).contains(nobody);

    assertThat(ids("assignee=agent-2")).contains(second).doesNotContain(first, nobody);
    filterAgreesWithEveryItem(
        "assignee=agent-2", item -> "agent-2".equals(item.path("assignee").asText(null)));
  }

  @Test
  void combinesFilters() {
    String org = "list-combined";
    contract(org, "pronnus");
    String wanted = open(org, "HIGH");
    assign(wanted);
    String urgent = open(org, "URGENT");
    assign(urgent);
    String otherAgent = open(org, "HIGH");
    command(otherAgent, "assignment", agent(), Map.of("assignee", "agent-2", "level", "N1"));
    String unassigned = open(org, "HIGH");
    String paused = open(org, "HIGH");
    assign(paused);
    pause(paused);

    String all = "organizationId=" + org + "&status=IN_PROGRESS&priority=HIGH&assignee=agent-1";
    assertThat(ids(all)).containsExactly(wanted);
    assertThat(ids(all + "&slaStatus=RUNNING")).containsExactly(wanted);
    assertThat(ids(all + "&slaStatus=PAUSED")).isEmpty();
    assertThat(ids("organizationId=" + org + "&status=AWAITING&assignee=agent-1&slaStatus=PAUSED"))
        .containsExactly(paused);
    assertThat(ids("organizationId=" + org + "&status=OPEN,IN_PROGRESS&priority=HIGH"))
        .containsExactlyInAnyOrder(wanted, otherAgent, unassigned);
    assertThat(ids("organizationId=" + org + "&priority=URGENT&assignee=agent-1"))
        .containsExactly(urgent);
    filterAgreesWithEveryItem(
        "status=IN_PROGRESS&priority=HIGH&assignee=agent-1",
        item ->
            status(item, "IN_PROGRESS")
                && "HIGH".equals(item.get("priority").asText())
                && "agent-1".equals(item.path("assignee").asText(null)));
  }

  /**
   * pronnus URGENT: first response 30 min, resolution 4 h on 24x7, at risk from 75 %. A ticket
   * matches a status when either of its clocks has it at now.
   */
  @Test
  void filtersBySlaStatusOfEitherClockAtNow() {
    String org = "list-sla";
    String plain = "list-sla-standard";
    contract(org, "pronnus");
    contract(plain, "standard");
    String replied = open(org, "URGENT");
    reply(replied);
    String silent = open(org, "URGENT");
    advance(Duration.ofHours(3));
    String running = open(org, "URGENT");
    reply(running);
    String paused = open(org, "URGENT");
    reply(paused);
    pause(paused);
    String resolved = open(org, "URGENT");
    reply(resolved);
    resolve(resolved);
    String noTarget = open(plain, "P1");

    Map<String, Set<String>> expected = new LinkedHashMap<>();
    expected.put("RUNNING", Set.of(running));
    expected.put("AT_RISK", Set.of(replied, silent));
    expected.put("PAUSED", Set.of(paused));
    expected.put("MET", Set.of(replied, running, paused, resolved));
    expected.put("BREACHED", Set.of(silent));
    expected.put("NOT_APPLICABLE", Set.of());
    expected.forEach(
        (status, ids) -> {
          List<JsonNode> items = items("organizationId=" + org + "&slaStatus=" + status);
          assertThat(idsOf(items)).as(status).containsExactlyInAnyOrderElementsOf(ids);
          assertThat(items).allSatisfy(item -> assertThat(hasSlaStatus(item, status)).isTrue());
        });
    assertThat(ids("organizationId=" + org + "&slaStatus=running,paused"))
        .containsExactlyInAnyOrder(running, paused);
    assertThat(ids("organizationId=" + org + "&slaStatus=BREACHED&slaStatus=PAUSED"))
        .containsExactlyInAnyOrder(silent, paused);
    assertThat(ids("organizationId=" + plain + "&slaStatus=NOT_APPLICABLE"))
        .containsExactly(noTarget);
    assertThat(ids("organizationId=" + plain + "&slaStatus=RUNNING,MET")).isEmpty();

    for (String status : SLA_STATUSES) {
      filterAgreesWithEveryItem("slaStatus=" + status, item -> hasSlaStatus(item, status));
    }
    filterAgreesWithEveryItem(
        "slaStatus=AT_RISK,NOT_APPLICABLE",
        item -> hasSlaStatus(item, "AT_RISK") || hasSlaStatus(item, "NOT_APPLICABLE"));
  }

  /**
   * No event happens after the reply: the statuses change because time passes, and the filter
   * (computed in SQL from the stored instants) agrees with the clocks each item shows (computed by
   * sla-core at now), at and on either side of every boundary.
   */
  @Test
  void slaStatusChangesWithTimeAloneAndTheFilterAgreesWithTheClocks() {
    String org = "list-sla-time";
    contract(org, "pronnus");
    Instant t0 = clock.instant();
    String replied = open(org, "URGENT");
    reply(replied);
    String silent = open(org, "URGENT");
    assertThat(instant(expect(200, ticket(replied, agent())).json().get("createdAt")))
        .isEqualTo(t0);

    slaStatusesAt(t0, replied, "MET", "RUNNING", silent, "RUNNING", "RUNNING");
    Instant frRisk = t0.plus(Duration.ofSeconds(22 * 60 + 30));
    slaStatusesAt(frRisk.minusMillis(1), replied, "MET", "RUNNING", silent, "RUNNING", "RUNNING");
    slaStatusesAt(frRisk, replied, "MET", "RUNNING", silent, "AT_RISK", "RUNNING");
    Instant frDue = t0.plus(Duration.ofMinutes(30));
    slaStatusesAt(frDue, replied, "MET", "RUNNING", silent, "AT_RISK", "RUNNING");
    slaStatusesAt(frDue.plusMillis(1), replied, "MET", "RUNNING", silent, "BREACHED", "RUNNING");
    Instant risk = t0.plus(Duration.ofHours(3));
    slaStatusesAt(risk.minusMillis(1), replied, "MET", "RUNNING", silent, "BREACHED", "RUNNING");
    slaStatusesAt(risk, replied, "MET", "AT_RISK", silent, "BREACHED", "AT_RISK");
    Instant due = t0.plus(Duration.ofHours(4));
    slaStatusesAt(due, replied, "MET", "AT_RISK", silent, "BREACHED", "AT_RISK");
    slaStatusesAt(due.plusMillis(1), replied, "MET", "BREACHED", silent, "BREACHED", "BREACHED");
    slaStatusesAt(
        due.plus(Duration.ofDays(2)), replied, "MET", "BREACHED", silent, "BREACHED", "BREACHED");

    JsonNode resolution = expect(200, ticket(replied, agent())).json().at("/sla/resolution");
    assertThat(instant(resolution.get("dueAt"))).isEqualTo(due);
    assertThat(instant(resolution.get("breachedAt"))).isEqualTo(due);
  }

  /**
   * Resolved exactly when due (MET), then rejected an hour later: the resolution clock runs again
   * with no time left. At the reopening it has not run past its target (AT_RISK, due in the past);
   * from the next instant on it is BREACHED. The filter must agree with sla-core on both sides,
   * although the stored due instant is already behind now at the reopening.
   */
  @Test
  void aClockReopenedWithNoTimeLeftIsAtRiskAtTheReopeningAndBreachedRightAfter() {
    String org = "list-sla-reopened";
    contract(org, "pronnus");
    Instant t0 = clock.instant();
    String id = open(org, "URGENT");
    reply(id);
    Instant due = t0.plus(Duration.ofHours(4));
    clockAt(due.toString());
    resolve(id);
    slaStatusesAt(due, org, Map.of(id, List.of("MET", "MET")));
    Instant reopened = due.plus(Duration.ofHours(1));
    clockAt(reopened.toString());
    slaStatusesAt(reopened, org, Map.of(id, List.of("MET", "MET")));
    reject(id, org);

    slaStatusesAt(reopened, org, Map.of(id, List.of("MET", "AT_RISK")));
    JsonNode resolution = expect(200, ticket(id, agent())).json().at("/sla/resolution");
    assertThat(resolution.get("elapsed").asText()).isEqualTo("PT4H");
    assertThat(resolution.get("remaining").asText()).isEqualTo("PT0S");
    slaStatusesAt(reopened.plusMillis(1), org, Map.of(id, List.of("MET", "BREACHED")));
    assertThat(instant(expect(200, ticket(id, agent())).json().at("/sla/resolution/breachedAt")))
        .isEqualTo(due);
  }

  /**
   * sort=dueAt, the work queue: by the resolution clock's due instant (a breached clock keeps the
   * instant it was due, so the most overdue come first), tickets without one (paused, stopped, no
   * target) last; ties by creation, then id.
   */
  @Test
  void sortsTheWorkQueueByResolutionDueAtWithTicketsWithoutOneLast() {
    String org = "list-queue";
    String plain = "list-queue-standard";
    contract(org, "pronnus");
    contract(plain, "standard");
    Instant t0 = clock.instant();
    String high = open(org, "HIGH");
    String urgent1 = open(org, "URGENT");
    String urgent2 = open(org, "URGENT");
    String paused = open(org, "URGENT");
    pause(paused);
    String resolved = open(org, "URGENT");
    resolve(resolved);
    open(plain, "P1");
    advance(Duration.ofHours(4));
    String later = open(org, "URGENT");
    String late = open(org, "HIGH");
    advance(Duration.ofHours(1));

    List<String> expected = new ArrayList<>();
    expected.addAll(byId(urgent1, urgent2));
    expected.add(high);
    expected.add(later);
    expected.add(late);
    expected.addAll(byId(paused, resolved));
    List<JsonNode> queue = items("organizationId=" + org + "&sort=dueAt");
    assertThat(idsOf(queue)).containsExactlyElementsOf(expected);
    Map<String, Instant> dueAt = new LinkedHashMap<>();
    for (JsonNode item : queue) {
      JsonNode due = item.at("/sla/resolution/dueAt");
      dueAt.put(item.get("ticketId").asText(), due.isNull() ? null : instant(due));
    }
    assertThat(dueAt.get(urgent1)).isEqualTo(t0.plus(Duration.ofHours(4)));
    assertThat(dueAt.get(urgent2)).isEqualTo(t0.plus(Duration.ofHours(4)));
    assertThat(dueAt.get(high)).isEqualTo(t0.plus(Duration.ofHours(8)));
    assertThat(dueAt.get(later)).isEqualTo(t0.plus(Duration.ofHours(8)));
    assertThat(dueAt.get(late)).isEqualTo(t0.plus(Duration.ofHours(12)));
    assertThat(queue.get(0).at("/sla/resolution/status").asText()).isEqualTo("BREACHED");
    assertThat(dueAt.get(paused)).isNull();
    assertThat(dueAt.get(resolved)).isNull();

    List<JsonNode> whole = all("sort=dueAt");
    assertThat(whole).isNotEmpty();
    List<JsonNode> sorted = new ArrayList<>(whole);
    sorted.sort(
        Comparator.comparing(
                (JsonNode item) -> optionalInstant(item.at("/sla/resolution/dueAt")),
                Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(item -> instant(item.get("createdAt")))
            .thenComparing(item -> item.get("ticketId").asText()));
    assertThat(idsOf(whole)).containsExactlyElementsOf(idsOf(sorted));
    assertThat(whole.get(whole.size() - 1).at("/sla/resolution/dueAt").isNull()).isTrue();
  }

  @Test
  void sortsByCreationOldestOrNewestFirstAndNewestByDefault() {
    String org = "list-created";
    contract(org, "pronnus");
    String first = open(org, "HIGH");
    advance(Duration.ofMinutes(1));
    String second = open(org, "URGENT");
    advance(Duration.ofMinutes(1));
    String third = open(org, "HIGH");
    String fourth = open(org, "HIGH");
    List<String> lastTwo = byId(third, fourth);

    List<String> oldestFirst = new ArrayList<>(List.of(first, second));
    oldestFirst.addAll(lastTwo);
    assertThat(ids("organizationId=" + org + "&sort=createdAt"))
        .containsExactlyElementsOf(oldestFirst);
    List<String> newestFirst = reversed(oldestFirst);
    assertThat(ids("organizationId=" + org + "&sort=-createdAt"))
        .containsExactlyElementsOf(newestFirst);
    assertThat(ids("organizationId=" + org)).containsExactlyElementsOf(newestFirst);

    List<JsonNode> whole = all("sort=createdAt");
    List<JsonNode> sorted = new ArrayList<>(whole);
    sorted.sort(
        Comparator.comparing((JsonNode item) -> instant(item.get("createdAt")))
            .thenComparing(item -> item.get("ticketId").asText()));
    assertThat(idsOf(whole)).containsExactlyElementsOf(idsOf(sorted));
    assertThat(idsOf(all(""))).containsExactlyElementsOf(reversed(idsOf(sorted)));
  }

  @Test
  void pagesWithoutOverlapOrGapInEveryOrder() {
    String org = "list-pages";
    contract(org, "pronnus");
    for (int i = 0; i < 4; i++) {
      open(org, i % 2 == 0 ? "URGENT" : "HIGH");
    }
    advance(Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      open(org, i % 2 == 0 ? "HIGH" : "URGENT");
    }

    for (String sort : List.of("dueAt", "createdAt", "-createdAt")) {
      String query = "organizationId=" + org + "&sort=" + sort;
      List<String> whole = idsOf(page(query + "&size=200"));
      assertThat(whole).as(sort).hasSize(7).doesNotHaveDuplicates();
      List<String> paged = new ArrayList<>();
      for (int page = 0; page < 3; page++) {
        JsonNode answer = page(query + "&size=3&page=" + page);
        assertThat(answer.get("page").asInt()).isEqualTo(page);
        assertThat(answer.get("size").asInt()).isEqualTo(3);
        assertThat(answer.get("total").asLong()).as(sort).isEqualTo(7);
        assertThat(answer.get("hasNext").asBoolean())
            .as(sort + " page " + page)
            .isEqualTo(page < 2);
        List<String> ids = idsOf(answer);
        assertThat(ids).as(sort + " page " + page).hasSize(page < 2 ? 3 : 1);
        paged.addAll(ids);
      }
      assertThat(paged).as(sort).containsExactlyElementsOf(whole);
      JsonNode beyond = page(query + "&size=3&page=3");
      assertThat(idsOf(beyond)).isEmpty();
      assertThat(beyond.get("total").asLong()).isEqualTo(7);
      assertThat(beyond.get("hasNext").asBoolean()).isFalse();
      JsonNode exact = page(query + "&size=7");
      assertThat(idsOf(exact)).containsExactlyElementsOf(whole);
      assertThat(exact.get("hasNext").asBoolean()).isFalse();
    }

    JsonNode defaults = page("organizationId=" + org);
    assertThat(defaults.get("page").asInt()).isZero();
    assertThat(defaults.get("size").asInt()).isEqualTo(20);
    assertThat(defaults.get("total").asLong()).isEqualTo(7);
    assertThat(defaults.get("hasNext").asBoolean()).isFalse();
  }

  // ---- helpers ----

  /**
   * At an instant (moving the clock there), each of the two tickets' first-response and resolution
   * statuses as the list filter sees them, and as each item of each filtered list shows them.
   */
  private void slaStatusesAt(
      Instant at,
      String a,
      String aFirstResponse,
      String aResolution,
      String b,
      String bFirstResponse,
      String bResolution) {
    slaStatusesAt(
        at,
        organizationOf(a),
        Map.of(a, List.of(aFirstResponse, aResolution), b, List.of(bFirstResponse, bResolution)));
  }

  /**
   * At an instant (moving the clock there), the statuses of an organization's tickets, each given
   * as its first-response and resolution status, as the list filter sees them and as each item of
   * each filtered list shows them.
   */
  private void slaStatusesAt(Instant at, String org, Map<String, List<String>> clocks) {
    clockAt(at.toString());
    assertThat(clock.instant()).isEqualTo(at);
    for (String status : SLA_STATUSES) {
      Set<String> expected = new LinkedHashSet<>();
      clocks.forEach(
          (id, statuses) -> {
            if (statuses.contains(status)) {
              expected.add(id);
            }
          });
      List<JsonNode> items = items("organizationId=" + org + "&slaStatus=" + status);
      assertThat(idsOf(items))
          .as("%s at %s", status, at)
          .containsExactlyInAnyOrderElementsOf(expected);
      for (JsonNode item : items) {
        List<String> shown = clocks.get(item.get("ticketId").asText());
        assertThat(item.at("/sla/firstResponse/status").asText())
            .as("first response of %s at %s", item.get("ticketId"), at)
            .isEqualTo(shown.get(0));
        assertThat(item.at("/sla/resolution/status").asText())
            .as("resolution of %s at %s", item.get("ticketId"), at)
            .isEqualTo(shown.get(1));
      }
    }
  }

  private String organizationOf(String id) {
    return expect(200, ticket(id, agent())).text("organizationId");
  }

  /**
   * The filtered list (every page) is exactly the unfiltered list, in the same order, with the
   * filter applied to each item as the item shows itself.
   */
  private void filterAgreesWithEveryItem(String filter, Predicate<JsonNode> matches) {
    List<String> expected = idsOf(all("").stream().filter(matches).toList());
    assertThat(idsOf(all(filter))).as(filter).containsExactlyElementsOf(expected);
  }

  /** Every page of a list, read with the largest page size. */
  private List<JsonNode> all(String query) {
    List<JsonNode> items = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode answer = page(query + (query.isEmpty() ? "" : "&") + "size=200&page=" + page);
      answer.get("items").forEach(items::add);
      if (!answer.get("hasNext").asBoolean()) {
        assertThat(items).hasSize(answer.get("total").asInt());
        return items;
      }
    }
  }

  private JsonNode page(String query) {
    return expect(200, http.get("/api/tickets?" + query, supervisor())).json();
  }

  private List<JsonNode> items(String query) {
    List<JsonNode> items = new ArrayList<>();
    page(query + "&size=200").get("items").forEach(items::add);
    return items;
  }

  private List<String> ids(String query) {
    return idsOf(items(query));
  }

  private static List<String> idsOf(Http.Answer answer) {
    return idsOf(answer.json());
  }

  private static List<String> idsOf(JsonNode page) {
    List<JsonNode> items = new ArrayList<>();
    page.get("items").forEach(items::add);
    return idsOf(items);
  }

  private static List<String> idsOf(List<JsonNode> items) {
    return items.stream().map(item -> item.get("ticketId").asText()).toList();
  }

  private static List<String> byId(String... ids) {
    return java.util.Arrays.stream(ids).sorted().toList();
  }

  private static List<String> reversed(List<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static boolean status(JsonNode item, String status) {
    return status.equals(item.get("status").asText());
  }

  private static boolean hasSlaStatus(JsonNode item, String status) {
    return status.equals(item.at("/sla/firstResponse/status").asText())
        || status.equals(item.at("/sla/resolution/status").asText());
  }

  private static Instant instant(JsonNode node) {
    return Instant.parse(node.asText());
  }

  private static Instant optionalInstant(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : instant(node);
  }
}
