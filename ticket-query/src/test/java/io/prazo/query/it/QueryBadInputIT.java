package io.prazo.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prazo.events.Role;
import io.prazo.testing.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every bad query gets a 400 problem naming the field (never a 500, never silently ignored);
 * missing, unusable or insufficient credentials get 401 and 403 problems; unknown tickets 404.
 */
class QueryBadInputIT extends QueryIT {
  private static final String ORG = "bad-input-org";

  @Test
  void refusesAnUnknownListParameterInsteadOfListingEverything() {
    invalid("/api/tickets?stauts=OPEN", "stauts");
    invalid("/api/tickets?status=OPEN&orgId=x", "orgId");
  }

  @Test
  void refusesStatusesThatDoNotExist() {
    invalid("/api/tickets?status=PENDING", "status");
    invalid("/api/tickets?status=OPEN,PENDING", "status");
    invalid("/api/tickets?slaStatus=LATE", "slaStatus");
    invalid("/api/tickets?slaStatus=RUNNING&slaStatus=OVERDUE", "slaStatus");
  }

  @Test
  void refusesAnUnknownSort() {
    invalid("/api/tickets?sort=priority", "sort");
    invalid("/api/tickets?sort=DUEAT", "sort");
    invalid("/api/tickets?sort=dueAt&sort=createdAt", "sort");
  }

  @Test
  void refusesPageSizesAndPagesOutOfRange() {
    invalid("/api/tickets?size=0", "size");
    invalid("/api/tickets?size=201", "size");
    invalid("/api/tickets?size=abc", "size");
    invalid("/api/tickets?size=", "size");
    invalid("/api/tickets?size=99999999999999999999", "size");
    invalid("/api/tickets?page=-1", "page");
    invalid("/api/tickets?page=1.5", "page");
    expect(200, http.get("/api/tickets?size=200&page=0&organizationId=" + ORG, agent()));
  }

  @Test
  void namesEveryInvalidParameterInOneAnswer() {
    JsonNode problem = invalid("/api/tickets?status=NOPE&size=0&sort=up&page=-1", "status");
    assertThat(fields(problem)).contains("status", "size", "sort", "page");
  }

  @Test
  void refusesABadMinVersionOrAsOf() {
    String id = ticketId();
    invalid("/api/tickets/" + id + "?minVersion=abc", "minVersion");
    invalid("/api/tickets/" + id + "?minVersion=-1", "minVersion");
    invalid("/api/tickets/" + id + "?minVersion=", "minVersion");
    invalid("/api/tickets/" + id + "?asOf=yesterday", "asOf");
    invalid("/api/tickets/" + id + "?asOf=2026-03-02", "asOf");
    invalid("/api/tickets/" + id + "?asOf=2026-13-02T10:00:00Z", "asOf");
    invalid("/api/tickets/" + id + "?asOf=" + clock.instant().plus(Duration.ofHours(1)), "asOf");
    invalid("/api/tickets/" + id + "?minVersion=0&asOf=" + clock.instant().minusSeconds(1), "asOf");
    invalid("/api/tickets/" + id + "?version=0", "version");
    expect(200, http.get("/api/tickets/" + id + "?asOf=" + clock.instant(), agent()));
  }

  @Test
  void refusesAReportWithoutPeriodOrGrouping() {
    JsonNode problem = invalid("/api/reports/sla-compliance", "from");
    assertThat(fields(problem)).contains("from", "to", "groupBy");
    invalid("/api/reports/sla-compliance?from=2026-03-02T00:00:00Z&groupBy=priority", "to");
    invalid("/api/reports/sla-compliance?to=2026-03-02T00:00:00Z&groupBy=priority", "from");
    invalid(
        "/api/reports/sla-compliance?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z", "groupBy");
  }

  @Test
  void refusesAReportPeriodThatEndsAtOrBeforeItStarts() {
    invalid(
        "/api/reports/sla-compliance?from=2026-03-02T00:00:00Z&to=2026-03-02T00:00:00Z"
            + "&groupBy=priority",
        "to");
    invalid(
        "/api/reports/sla-compliance?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z"
            + "&groupBy=priority",
        "to");
    expect(
        200,
        http.get(
            "/api/reports/sla-compliance?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z"
                + "&groupBy=priority",
            supervisor()));
  }

  @Test
  void refusesABadReportGroupingOrInstant() {
    String period = "from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z";
    invalid("/api/reports/sla-compliance?" + period + "&groupBy=agent", "groupBy");
    invalid("/api/reports/sla-compliance?" + period + "&groupBy=PRIORITY", "groupBy");
    invalid(
        "/api/reports/sla-compliance?from=monday&to=2026-03-02T00:00:00Z&groupBy=policy", "from");
    invalid("/api/reports/sla-compliance?" + period + "&groupBy=policy&format=csv", "format");
  }

  @Test
  void refusesAnUnknownHistoryParameter() {
    String id = ticketId();
    invalid("/api/tickets/" + id + "/history?asOf=2026-03-02T00:00:00Z", "asOf");
    invalid("/api/tickets/" + id + "/history?page=1", "page");
    expect(200, http.get("/api/tickets/" + id + "/history", agent()));
  }

  @Test
  void answersWithoutATokenWith401() {
    for (String path : readPaths()) {
      Http.Answer answer = http.get(path, null);
      assertThat(answer.status()).as("%s: %s", path, answer).isEqualTo(401);
      isProblem(answer, "urn:prazo:problem:unauthorized");
    }
    Http.Answer forged = http.get("/api/tickets", "not-a-jwt");
    assertThat(forged.status()).as("%s", forged).isEqualTo(401);
    isProblem(forged, "urn:prazo:problem:unauthorized");
  }

  @Test
  void answersATokenWithoutAReadingRoleWith403() {
    String noRoles = tokens.issue("nobody", List.of(), null).token();
    for (String path : readPaths()) {
      Http.Answer answer = http.get(path, noRoles);
      assertThat(answer.status()).as("%s: %s", path, answer).isEqualTo(403);
      isProblem(answer, "urn:prazo:problem:forbidden");
    }
  }

  @Test
  void answersACustomerTokenWithoutAnOrganizationWith403() {
    String orphan = tokens.issue("cust-orphan", List.of(Role.CUSTOMER), null).token();
    for (String path : readPaths()) {
      Http.Answer answer = http.get(path, orphan);
      assertThat(answer.status()).as("%s: %s", path, answer).isEqualTo(403);
      isProblem(answer, "urn:prazo:problem:forbidden");
    }
  }

  @Test
  void answersAnUnknownTicketWith404() {
    List<String> unknown = new ArrayList<>();
    unknown.add(UUID.randomUUID().toString());
    unknown.add("x".repeat(1000));
    unknown.add("çà ' \" <b>&*!~$@+=,:");
    unknown.add("日本語");
    for (String id : unknown) {
      String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
      for (String path :
          List.of(
              "/api/tickets/" + encoded,
              "/api/tickets/" + encoded + "?minVersion=0",
              "/api/tickets/" + encoded + "?asOf=" + clock.instant(),
              "/api/tickets/" + encoded + "/history")) {
        Http.Answer answer = http.get(path, auditor());
        assertThat(answer.status()).as("%s: %s", path, answer).isEqualTo(404);
        isProblem(answer, "urn:prazo:problem:ticket-not-found");
      }
    }
  }

  /**
   * An id the server refuses to route (an encoded slash, backslash, percent or semicolon, a dot
   * segment) is bad input: a 400 problem like every other, not the servlet container's HTML page.
   */
  @Test
  void refusesAnIdThatCannotBeAPathSegmentWithAProblem() {
    for (String id : List.of("a%2Fb", "a%5Cb", "50%25", "a%3Bb", "..")) {
      for (String path : List.of("/api/tickets/" + id, "/api/tickets/" + id + "/history")) {
        Http.Answer answer = http.get(path, auditor());
        assertThat(answer.status()).as("%s: %s", path, answer).isEqualTo(400);
        assertThat(answer.header("Content-Type"))
            .as("%s: %s", path, answer)
            .startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
      }
    }
  }

  // ---- helpers ----

  /** A 400 problem naming the field; returns the problem. */
  private JsonNode invalid(String path, String field) {
    Http.Answer answer = http.get(path, supervisor());
    assertThat(answer.status()).as("%s: %s", path, answer).isEqualTo(400);
    isProblem(answer, "urn:prazo:problem:invalid-request");
    assertThat(fields(answer.json())).as("%s: %s", path, answer).contains(field);
    for (JsonNode error : answer.json().get("errors")) {
      assertThat(error.path("message").asText()).as("%s: %s", path, answer).isNotBlank();
    }
    return answer.json();
  }

  private static List<String> fields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    JsonNode errors = problem.get("errors");
    assertThat(errors).as("%s", problem).isNotNull();
    errors.forEach(error -> fields.add(error.path("field").asText()));
    return fields;
  }

  private static void isProblem(Http.Answer answer, String type) {
    assertThat(answer.header("Content-Type"))
        .as("%s", answer)
        .startsWith("application/problem+json");
    assertThat(answer.text("type")).as("%s", answer).isEqualTo(type);
    assertThat(answer.json().get("status").asInt()).isEqualTo(answer.status());
  }

  private List<String> readPaths() {
    String id = ticketId();
    return List.of(
        "/api/tickets",
        "/api/tickets/" + id,
        "/api/tickets/" + id + "?minVersion=0",
        "/api/tickets/" + id + "/history",
        "/api/reports/sla-compliance?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z"
            + "&groupBy=priority");
  }

  private String ticketId() {
    contract(ORG, "pronnus");
    return open(ORG, "HIGH");
  }
}
