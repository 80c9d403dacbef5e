package io.prazo.command.it;

import static io.prazo.command.it.TicketLifecycleIT.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.events.Role;
import io.prazo.testing.Http;
import io.prazo.web.security.DevTokenIssuer;
import io.prazo.web.security.PrazoSecurityProperties;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input never yields a 500, never a stack trace, and never loses or writes an event. */
class BadInputIT extends CommandServiceIT {
  @org.springframework.beans.factory.annotation.Autowired
  PrazoSecurityProperties securityProperties;

  @BeforeEach
  void acmeIsOnPronnus() {
    contract("acme", "pronnus");
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("malformed JSON", "{\"organizationId\": \"acme\",", "malformed-json"),
        Arguments.of("not an object", "[1,2,3]", "invalid-request"),
        Arguments.of(
            "wrong type", openWith("\"channel\":\"PORTAL\"", "\"channel\":42"), "invalid-request"),
        Arguments.of(
            "unknown enum value",
            openWith("\"channel\":\"PORTAL\"", "\"channel\":\"FAX\""),
            "invalid-request"),
        Arguments.of(
            "missing field", openWith("\"subject\":\"NF-e rejected\",", ""), "invalid-request"),
        Arguments.of(
            "blank subject",
            openWith("\"subject\":\"NF-e rejected\"", "\"subject\":\"   \""),
            "invalid-request"),
        Arguments.of(
            "unknown field",
            openWith("\"channel\":\"PORTAL\"", "\"channel\":\"PORTAL\",\"priorty\":\"LOW\""),
            "invalid-request"),
        Arguments.of("bad email", openWith("ana@acme.example", "not-an-email"), "invalid-request"),
        Arguments.of("empty body", "", "unreadable-body"));
  }

  private static String openWith(String from, String to) {
    String body =
        "{\"organizationId\":\"acme\",\"requester\":{\"id\":\"cust-1\",\"name\":\"Ana\",\"email\":\"ana@acme.example\"},"
            + "\"subject\":\"NF-e rejected\",\"description\":\"x\",\"channel\":\"PORTAL\",\"priority\":\"HIGH\"}";
    if (!body.contains(from)) {
      throw new IllegalArgumentException(from);
    }
    return body.replace(from, to);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void aBadBodyIsA400ProblemAndWritesNothing(String what, String body, String type) {
    long before = events();
    Http.Answer answer = http.post("/api/tickets", customer(), body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertProblem(answer, "urn:prazo:problem:" + type);
    assertThat(events()).isEqualTo(before);
  }

  @Test
  void validationErrorsNameTheFields() {
    Http.Answer answer =
        http.post(
            "/api/tickets", customer(), openWith("\"channel\":\"PORTAL\"", "\"channel\":\"FAX\""));
    assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("channel");
    assertThat(answer.json().get("errors").get(0).get("message").asText())
        .contains("FAX", "PORTAL");
    Http.Answer missing =
        http.post("/api/tickets", customer(), openWith("\"subject\":\"NF-e rejected\",", ""));
    assertThat(missing.json().get("errors").toString()).contains("subject");
  }

  @Test
  void aTenMegabyteBodyIsA413() {
    String huge =
        openWith(
            "\"description\":\"x\"", "\"description\":\"" + "a".repeat(10 * 1024 * 1024) + "\"");
    Http.Answer answer = http.post("/api/tickets", customer(), huge);
    assertThat(answer.status()).isEqualTo(413);
    assertProblem(answer, "urn:prazo:problem:payload-too-large");
  }

  @Test
  void anUnknownTicketIsA404() {
    Http.Answer answer =
        http.post("/api/tickets/00000000-0000-0000-0000-000000000000/resume", agent(), "{}");
    assertThat(answer.status()).isEqualTo(404);
    assertProblem(answer, "urn:prazo:problem:ticket-not-found");
  }

  @Test
  void aTicketIdOfTheWrongShapeIsA400() {
    Http.Answer answer = http.post("/api/tickets/not%20an%20id/resume", agent(), "{}");
    assertThat(answer.status()).isEqualTo(400);
  }

  @Test
  void aPriorityOffTheScaleIsA422() {
    Http.Answer answer = http.post("/api/tickets", customer(), openBody("acme", "cust-1", "P0"));
    assertThat(answer.status()).isEqualTo(422);
    assertProblem(answer, "urn:prazo:problem:rule-violation");
    assertThat(answer.text("detail")).contains("URGENT", "HIGH", "MEDIUM", "LOW");
  }

  @Test
  void anUnknownOrganizationIsA422() {
    Http.Answer answer =
        http.post("/api/tickets", agent(), openBody("nobody-inc", "cust-1", "HIGH"));
    assertThat(answer.status()).isEqualTo(422);
  }

  @Test
  void noTokenIsA401Problem() {
    Http.Answer answer = http.post("/api/tickets", null, openBody("acme", "cust-1", "HIGH"));
    assertThat(answer.status()).isEqualTo(401);
    assertProblem(answer, "urn:prazo:problem:unauthorized");
    assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void anExpiredTokenIsA401() {
    DevTokenIssuer expired =
        DevTokenIssuer.fromProperties(
            new PrazoSecurityProperties.DevIssuer(
                true, securityProperties.devIssuer().keyFile(), "prazo-dev", Duration.ofHours(1)),
            java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(-3)));
    String token = expired.issue("cust-1", List.of(Role.CUSTOMER), "acme").token();
    Http.Answer answer = http.post("/api/tickets", token, openBody("acme", "cust-1", "HIGH"));
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.text("detail")).as(answer.toString()).containsIgnoringCase("expired");
    DevTokenIssuer fresh =
        DevTokenIssuer.fromProperties(
            new PrazoSecurityProperties.DevIssuer(
                true, securityProperties.devIssuer().keyFile(), "prazo-dev", Duration.ofHours(1)));
    String valid = fresh.issue("cust-1", List.of(Role.CUSTOMER), "acme").token();
    assertThat(http.post("/api/tickets", valid, openBody("acme", "cust-1", "HIGH")).status())
        .as("the same key with a valid lifetime is accepted")
        .isEqualTo(201);
  }

  @Test
  void aForgedTokenIsA401() {
    DevTokenIssuer forger =
        DevTokenIssuer.fromProperties(
            new PrazoSecurityProperties.DevIssuer(true, null, "prazo-dev", Duration.ofHours(1)));
    String token = forger.issue("sup-1", List.of(Role.SUPERVISOR), null).token();
    Http.Answer answer =
        http.put("/api/organizations/evil/contract", token, "{\"policyId\":\"pronnus\"}");
    assertThat(answer.status()).isEqualTo(401);
    Http.Answer garbage = http.get("/api/policies", "not.a.jwt");
    assertThat(garbage.status()).isEqualTo(401);
  }

  @Test
  void aTokenFromAnotherIssuerIsA401() {
    DevTokenIssuer other =
        DevTokenIssuer.fromProperties(
            new PrazoSecurityProperties.DevIssuer(
                true,
                securityProperties.devIssuer().keyFile(),
                "someone-else",
                Duration.ofHours(1)));
    String token = other.issue("cust-1", List.of(Role.CUSTOMER), "acme").token();
    assertThat(http.post("/api/tickets", token, openBody("acme", "cust-1", "HIGH")).status())
        .isEqualTo(401);
  }

  @Test
  void aCustomerOfAnotherOrganizationGetsA404() {
    String id = open().text("ticketId");
    String intruder = token("cust-9", Role.CUSTOMER, "globex");
    Http.Answer answer =
        http.post("/api/tickets/" + id + "/replies", intruder, "{\"body\":\"hi\",\"public\":true}");
    assertThat(answer.status()).isEqualTo(404);
    assertProblem(answer, "urn:prazo:problem:ticket-not-found");
  }

  @Test
  void aRoleThatMayNotSendTheCommandGetsA403() {
    String id = open().text("ticketId");
    Http.Answer answer =
        http.post(
            "/api/tickets/" + id + "/resolution",
            customer(),
            "{\"category\":\"COURTESY\",\"summary\":\"I fixed it\"}");
    assertThat(answer.status()).isEqualTo(403);
    String auditor = token("aud-1", Role.AUDITOR, null);
    assertThat(
            http.post(
                    "/api/tickets/" + id + "/pause", auditor, "{\"reason\":\"AWAITING_CUSTOMER\"}")
                .status())
        .isEqualTo(403);
  }

  @Test
  void aCommandThatDoesNotFitTheStateIsA409WithTheStatus() {
    String id = open().text("ticketId");
    Http.Answer answer = http.post("/api/tickets/" + id + "/resume", agent(), "{}");
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.text("ticketStatus")).isEqualTo("OPEN");
  }

  @Test
  void aScoreOutsideOneToFiveIsRefused() {
    String id = open().text("ticketId");
    assertThat(http.post("/api/tickets/" + id + "/survey", customer(), "{\"score\":9}").status())
        .isEqualTo(400);
  }

  @Test
  void aBadIfMatchIsA400() {
    String id = open().text("ticketId");
    Http.Answer answer =
        http.post(
            "/api/tickets/" + id + "/pause",
            agent(),
            "{\"reason\":\"AWAITING_CUSTOMER\"}",
            "If-Match",
            "\"abc\"");
    assertThat(answer.status()).isEqualTo(400);
  }

  @Test
  void anUnknownPathIsA404ProblemAndAWrongMethodA405() {
    Http.Answer unknown = http.get("/api/nothing-here", agent());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).contains("application/problem+json");
    Http.Answer method = http.send("DELETE", "/api/tickets", agent(), null);
    assertThat(method.status()).isEqualTo(405);
  }

  @Test
  void theHealthEndpointNeedsNoToken() {
    expect(200, http.get("/actuator/health", null));
  }

  private void assertProblem(Http.Answer answer, String type) {
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.text("type")).isEqualTo(type);
    assertThat(answer.json().get("status").asInt()).isEqualTo(answer.status());
    assertThat(answer.text("title")).isNotBlank();
    assertThat(answer.raw().body()).doesNotContain("Exception", "\tat ", "java.");
  }

  private long events() {
    return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
  }
}
