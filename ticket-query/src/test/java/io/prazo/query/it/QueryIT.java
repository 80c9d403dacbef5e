package io.prazo.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.events.Role;
import io.prazo.testing.Http;
import io.prazo.testing.TestKafka;
import io.prazo.testing.TestPostgres;
import io.prazo.web.clock.TestClock;
import io.prazo.web.security.DevTokenIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ticket-command and ticket-query on a real PostgreSQL database of their own, over real HTTP, with
 * the test clock. Every command is followed by a read with {@code ?minVersion=} (the feature under
 * test, used as the tests' synchronisation), so no test sleeps.
 *
 * <p>One Spring context (and database) is shared by every class extending this one: tests must make
 * their own tickets (in their own organization where they count tickets) and only move the clock
 * forward.
 */
@SpringBootTest(
    classes = QueryTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prazo.security.dev-issuer.enabled=true",
      "prazo.clock=test",
      "prazo.clock.start=2026-03-02T11:00:00Z",
      "spring.datasource.hikari.maximum-pool-size=30"
    })
public abstract class QueryIT {
  static final Path KEY_FILE = keyFile();

  private static Path keyFile() {
    try {
      Path dir = Files.createTempDirectory("prazo-query-it-keys");
      dir.toFile().deleteOnExit();
      return dir.resolve("dev-key");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestPostgres.shared().newDatabase().registerAsDataSource(registry::add);
    TestKafka.shared().registerAsBroker(registry::add);
    registry.add("prazo.security.dev-issuer.key-file", KEY_FILE::toString);
  }

  @LocalServerPort protected int port;
  @Autowired protected DevTokenIssuer tokens;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected TestClock clock;
  protected Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  protected String token(String subject, Role role, String organization) {
    return tokens.issue(subject, List.of(role), organization).token();
  }

  protected String customer(String organization) {
    return token("cust-" + organization, Role.CUSTOMER, organization);
  }

  protected String agent() {
    return token("agent-1", Role.AGENT, null);
  }

  protected String supervisor() {
    return token("sup-1", Role.SUPERVISOR, null);
  }

  protected String auditor() {
    return token("aud-1", Role.AUDITOR, null);
  }

  /** Binds an organization to a policy (a preset: pronnus, presence, wati-business-plus...). */
  protected void contract(String organization, String policy) {
    expect(
        200,
        http.put(
            "/api/organizations/" + organization + "/contract",
            supervisor(),
            Http.json(Map.of("policyId", policy))));
  }

  /** Moves the test clock forward to an instant (never back). */
  protected void clockAt(String instant) {
    Instant target = Instant.parse(instant);
    if (target.isAfter(clock.instant())) {
      clock.moveTo(target);
    }
  }

  protected void advance(Duration by) {
    clock.moveTo(clock.instant().plus(by));
  }

  /** Opens a ticket as the organization's customer; waits until the query API shows it. */
  protected String open(String organization, String priority) {
    Http.Answer opened =
        http.post("/api/tickets", customer(organization), openBody(organization, priority));
    expect(201, opened);
    String id = opened.text("ticketId");
    visible(id, opened.version());
    return id;
  }

  /** The body that opens a ticket as the organization's customer ({@code cust-<organization>}). */
  protected static String openBody(String organization, String priority) {
    return Http.json(
        Map.of(
            "organizationId",
            organization,
            "requester",
            Map.of("id", "cust-" + organization, "name", "Ana", "email", "ana@example.com"),
            "subject",
            "NF-e rejeitada",
            "description",
            "Desde as 9h",
            "channel",
            "PORTAL",
            "priority",
            priority));
  }

  /** Sends a command to a ticket and waits until the query API shows its version. */
  protected Http.Answer command(String id, String path, String token, Map<String, ?> body) {
    Http.Answer answer = http.post("/api/tickets/" + id + "/" + path, token, Http.json(body));
    expect(200, answer);
    visible(id, answer.version());
    return answer;
  }

  protected void assign(String id) {
    command(id, "assignment", agent(), Map.of("assignee", "agent-1", "level", "N1"));
  }

  protected void reply(String id) {
    command(id, "replies", agent(), Map.of("body", "Olá, estamos verificando.", "public", true));
  }

  protected void pause(String id) {
    command(id, "pause", agent(), Map.of("reason", "AWAITING_CUSTOMER"));
  }

  protected void resume(String id) {
    command(id, "resume", agent(), Map.of());
  }

  protected void resolve(String id) {
    command(id, "resolution", agent(), Map.of("category", "PRODUCT_ERROR", "summary", "Corrigido"));
  }

  protected void approve(String id, String organization) {
    command(id, "approval", customer(organization), Map.of("approved", true));
  }

  protected void reject(String id, String organization) {
    command(
        id, "approval", customer(organization), Map.of("approved", false, "comment", "Ainda não"));
  }

  /** The ticket as the query API shows it to a caller, once it has reached a version. */
  protected Http.Answer ticket(String id, String token, long minVersion) {
    return http.get("/api/tickets/" + id + "?minVersion=" + minVersion, token);
  }

  protected Http.Answer ticket(String id, String token) {
    return http.get("/api/tickets/" + id, token);
  }

  private void visible(String id, long version) {
    expect(200, ticket(id, supervisor(), version));
  }

  protected static Http.Answer expect(int status, Http.Answer answer) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(status);
    return answer;
  }
}
