package io.prazo.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prazo.testing.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Tries to learn something about one organization's tickets as a customer of another (api.md,
 * Security: "404 unknown ticket (also for tickets of another organization)"). Every refusal must be
 * indistinguishable from the one for a ticket that does not exist. Each test uses organizations of
 * its own, so counts are exact in the shared database.
 */
class TenantIsolationIT extends QueryIT {
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /** A new organization on the pronnus plan, unique to this test. */
  private String organization(String name) {
    String id = "tiso-" + name + "-" + run;
    contract(id, "pronnus");
    return id;
  }

  private static String unknownId() {
    return UUID.randomUUID().toString();
  }

  @Test
  void anotherOrganizationsTicketIsNotFoundExactlyLikeAnUnknownOne() {
    String a = organization("a");
    String b = organization("b");
    String idA = open(a, "HIGH");

    Http.Answer unknown = expect(404, ticket(unknownId(), customer(b)));
    Http.Answer foreign = expect(404, ticket(idA, customer(b)));

    assertSameRefusal(foreign, unknown, a);
    expect(200, ticket(idA, customer(a)));
  }

  @Test
  void minVersionNeitherWaitsForNorRevealsAnotherOrganizationsTicket() {
    String a = organization("a");
    String b = organization("b");
    String idA = open(a, "HIGH");

    for (long minVersion : new long[] {0, 1, 5}) {
      Http.Answer unknown = ticket(unknownId(), customer(b), minVersion);
      Http.Answer foreign = ticket(idA, customer(b), minVersion);
      assertThat(unknown.status()).as("unknown, minVersion=%s", minVersion).isEqualTo(404);
      assertThat(foreign.status())
          .as("another organization's ticket, minVersion=%s: %s", minVersion, foreign)
          .isEqualTo(404);
      assertThat(foreign.header("Retry-After")).isNull();
      assertSameRefusal(foreign, unknown, a);
    }
    expect(200, ticket(idA, customer(a), 0));
  }

  @Test
  void asOfAndHistoryDoNotRevealAnotherOrganizationsTicket() {
    String a = organization("a");
    String b = organization("b");
    String idA = open(a, "HIGH");
    assign(idA);
    advance(Duration.ofMinutes(5));
    String asOf = clock.instant().toString();

    assertSameRefusal(
        expect(404, http.get("/api/tickets/" + idA + "?asOf=" + asOf, customer(b))),
        expect(404, http.get("/api/tickets/" + unknownId() + "?asOf=" + asOf, customer(b))),
        a);
    assertSameRefusal(
        expect(404, http.get("/api/tickets/" + idA + "/history", customer(b))),
        expect(404, http.get("/api/tickets/" + unknownId() + "/history", customer(b))),
        a);

    expect(200, http.get("/api/tickets/" + idA + "?asOf=" + asOf, customer(a)));
    assertThat(expect(200, http.get("/api/tickets/" + idA + "/history", customer(a))).json())
        .hasSize(2);
  }

  @Test
  void listsNeverShowAnotherOrganizationsTicketsWhateverTheFilters() {
    String a = organization("a");
    String b = organization("b");
    String urgentA = open(a, "URGENT");
    String highA = open(a, "HIGH");
    assign(highA);
    String highB = open(b, "HIGH");
    assign(highB);
    // URGENT's first response (30 min) breaches; HIGH's (1 h) is at risk.
    advance(Duration.ofMinutes(45));

    List<String> filters =
        List.of(
            "",
            "status=IN_PROGRESS",
            "status=OPEN,IN_PROGRESS",
            "priority=URGENT,HIGH",
            "assignee=agent-1",
            "sort=dueAt",
            "sort=createdAt",
            "sort=-createdAt",
            "slaStatus=BREACHED",
            "slaStatus=RUNNING,AT_RISK,BREACHED",
            "assignee=agent-1&status=IN_PROGRESS&sort=dueAt&slaStatus=AT_RISK,RUNNING,BREACHED",
            "size=200",
            "page=0&size=1");
    for (String filter : filters) {
      Http.Answer page = expect(200, list(filter, customer(b)));
      assertThat(page.json().get("items"))
          .as("customer of B, filter '%s'", filter)
          .allSatisfy(item -> assertThat(item.get("organizationId").asText()).isEqualTo(b));
      assertThat(ids(page)).as("filter '%s'", filter).doesNotContain(urgentA, highA);
      assertThat(page.json().get("total").asLong())
          .as("filter '%s'", filter)
          .isLessThanOrEqualTo(1);
      assertThat(page.raw().body()).doesNotContain(a);

      String forA = (filter.isEmpty() ? "" : filter + "&") + "organizationId=" + a;
      Http.Answer asked = expect(200, list(forA, customer(b)));
      assertThat(asked.json().get("items")).as("customer of B, '%s'", forA).isEmpty();
      assertThat(asked.json().get("total").asLong()).as("'%s'", forA).isZero();
      assertThat(asked.json().get("hasNext").asBoolean()).isFalse();
    }

    assertThat(ids(expect(200, list("", customer(b))))).containsExactly(highB);
    assertThat(ids(expect(200, list("slaStatus=AT_RISK", customer(b))))).containsExactly(highB);
    assertThat(ids(expect(200, list("", customer(a))))).containsExactlyInAnyOrder(urgentA, highA);
    assertThat(ids(expect(200, list("organizationId=" + a, customer(a)))))
        .containsExactlyInAnyOrder(urgentA, highA);
    assertThat(ids(expect(200, list("slaStatus=BREACHED", customer(a))))).containsExactly(urgentA);
  }

  @Test
  void complianceReportForACustomerCountsOnlyItsOwnOrganization() {
    String a = organization("a");
    String b = organization("b");
    Instant from = clock.instant();
    String urgentA = open(a, "URGENT");
    String highA = open(a, "HIGH");
    String highB = open(b, "HIGH");
    advance(Duration.ofMinutes(10));
    resolve(urgentA);
    resolve(highA);
    resolve(highB);
    Instant to = clock.instant().plusSeconds(1);

    Function<String, String> period =
        groupBy -> "/api/reports/sla-compliance?from=" + from + "&to=" + to + "&groupBy=" + groupBy;

    JsonNode byOrganization =
        expect(200, http.get(period.apply("organization"), customer(b))).json();
    assertThat(keys(byOrganization)).containsExactly(b);
    assertThat(byOrganization.at("/rows/0/resolved").asLong()).isEqualTo(1);
    assertThat(byOrganization.at("/total/resolved").asLong()).isEqualTo(1);

    Http.Answer byPriority = expect(200, http.get(period.apply("priority"), customer(b)));
    assertThat(keys(byPriority.json())).containsExactly("HIGH");
    assertThat(byPriority.json().at("/total/resolved").asLong()).isEqualTo(1);
    assertThat(byPriority.raw().body()).doesNotContain(a);

    Http.Answer byPolicy = expect(200, http.get(period.apply("policy"), customer(b)));
    assertThat(keys(byPolicy.json())).containsExactly("pronnus");
    assertThat(byPolicy.json().at("/rows/0/resolved").asLong()).isEqualTo(1);
    assertThat(byPolicy.json().at("/total/resolved").asLong()).isEqualTo(1);

    JsonNode ownA = expect(200, http.get(period.apply("organization"), customer(a))).json();
    assertThat(keys(ownA)).containsExactly(a);
    assertThat(ownA.at("/total/resolved").asLong()).isEqualTo(2);
    JsonNode priorityA = expect(200, http.get(period.apply("priority"), customer(a))).json();
    assertThat(keys(priorityA)).containsExactly("HIGH", "URGENT");

    for (String staff : List.of(agent(), supervisor(), auditor())) {
      JsonNode all = expect(200, http.get(period.apply("organization"), staff)).json();
      assertThat(resolvedOf(all, a)).isEqualTo(2);
      assertThat(resolvedOf(all, b)).isEqualTo(1);
    }
  }

  @Test
  void staffSeeEveryOrganizationsTickets() {
    String a = organization("a");
    String b = organization("b");
    String idA = open(a, "HIGH");
    String idB = open(b, "MEDIUM");
    advance(Duration.ofMinutes(1));
    String asOf = clock.instant().toString();

    for (String staff : List.of(agent(), supervisor(), auditor())) {
      assertThat(expect(200, ticket(idA, staff)).text("organizationId")).isEqualTo(a);
      assertThat(expect(200, ticket(idB, staff, 0)).text("organizationId")).isEqualTo(b);
      expect(200, http.get("/api/tickets/" + idA + "?asOf=" + asOf, staff));
      expect(200, http.get("/api/tickets/" + idB + "/history", staff));
      assertThat(ids(expect(200, list("organizationId=" + a, staff)))).containsExactly(idA);
      assertThat(ids(expect(200, list("organizationId=" + b, staff)))).containsExactly(idB);
    }
  }

  @Test
  void organizationIdsThatDifferOnlyInCaseAreDifferentOrganizations() {
    String upper = organization("Acme");
    String lower = organization("acme");
    assertThat(upper).isEqualToIgnoringCase(lower).isNotEqualTo(lower);
    Instant from = clock.instant();
    String upperId = open(upper, "HIGH");
    String lowerId = open(lower, "HIGH");
    advance(Duration.ofMinutes(5));
    resolve(upperId);
    Instant to = clock.instant().plusSeconds(1);
    String asOf = clock.instant().toString();

    String intruder = customer(lower);
    assertSameRefusal(
        expect(404, ticket(upperId, intruder)), expect(404, ticket(unknownId(), intruder)), upper);
    assertSameRefusal(
        expect(404, ticket(upperId, intruder, 0)),
        expect(404, ticket(unknownId(), intruder, 0)),
        upper);
    expect(404, http.get("/api/tickets/" + upperId + "?asOf=" + asOf, intruder));
    expect(404, http.get("/api/tickets/" + upperId + "/history", intruder));
    assertThat(ids(expect(200, list("", intruder)))).containsExactly(lowerId);
    assertThat(expect(200, list("organizationId=" + upper, intruder)).json().get("total").asLong())
        .isZero();
    JsonNode report =
        expect(
                200,
                http.get(
                    "/api/reports/sla-compliance?from="
                        + from
                        + "&to="
                        + to
                        + "&groupBy=organization",
                    intruder))
            .json();
    assertThat(keys(report)).isEmpty();
    assertThat(report.at("/total/resolved").asLong()).isZero();

    String owner = customer(upper);
    expect(200, ticket(upperId, owner));
    expect(404, ticket(lowerId, owner));
    assertThat(ids(expect(200, list("", owner)))).containsExactly(upperId);
  }

  private Http.Answer list(String query, String token) {
    return http.get("/api/tickets" + (query.isEmpty() ? "" : "?" + query), token);
  }

  private static List<String> ids(Http.Answer page) {
    List<String> ids = new ArrayList<>();
    page.json().get("items").forEach(item -> ids.add(item.get("ticketId").asText()));
    return ids;
  }

  private static List<String> keys(JsonNode report) {
    List<String> keys = new ArrayList<>();
    report.get("rows").forEach(row -> keys.add(row.get("key").asText()));
    return keys;
  }

  private static long resolvedOf(JsonNode report, String key) {
    for (JsonNode row : report.get("rows")) {
      if (key.equals(row.get("key").asText())) {
        return row.get("resolved").asLong();
      }
    }
    throw new AssertionError("no row " + key + " in " + report);
  }

  /**
   * The refusal of another organization's ticket says nothing an unknown id's does not: same
   * status, type, title and content type; the organization it belongs to is never named.
   */
  private static void assertSameRefusal(
      Http.Answer foreign, Http.Answer unknown, String owningOrganization) {
    assertThat(foreign.header("Content-Type")).isEqualTo(unknown.header("Content-Type"));
    assertThat(foreign.header("Content-Type")).contains("application/problem+json");
    for (String field : List.of("type", "title", "status")) {
      assertThat(foreign.text(field)).as(field).isNotNull().isEqualTo(unknown.text(field));
    }
    assertThat(fieldNames(foreign.json())).isEqualTo(fieldNames(unknown.json()));
    assertThat(foreign.raw().body())
        .doesNotContain(owningOrganization)
        .doesNotContain(URLEncoder.encode(owningOrganization, StandardCharsets.UTF_8));
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    return names;
  }
}
