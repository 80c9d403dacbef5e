package io.prazo.command.it;

import io.prazo.command.TicketCommandApplication;
import io.prazo.events.Role;
import io.prazo.testing.Http;
import io.prazo.testing.TestKafka;
import io.prazo.testing.TestPostgres;
import io.prazo.web.security.DevTokenIssuer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** ticket-command on a real PostgreSQL database of its own, over real HTTP. */
@SpringBootTest(
    classes = TicketCommandApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prazo.security.dev-issuer.enabled=true",
      "prazo.clock=test",
      "prazo.clock.start=2026-03-02T12:00:00Z",
      "prazo.command.snapshot-threshold=5",
      "spring.datasource.hikari.maximum-pool-size=60"
    })
abstract class CommandServiceIT {
  /** One key file per test JVM: the Spring context, and so its dev issuer, is shared by classes. */
  static final Path KEY_FILE = keyFile();

  private static Path keyFile() {
    try {
      Path dir = java.nio.file.Files.createTempDirectory("prazo-it-keys");
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

  @LocalServerPort int port;
  @Autowired DevTokenIssuer tokens;
  @Autowired JdbcTemplate jdbc;
  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  String token(String subject, Role role, String org) {
    return tokens.issue(subject, List.of(role), org).token();
  }

  String customer() {
    return token("cust-1", Role.CUSTOMER, "acme");
  }

  String agent() {
    return token("agent-1", Role.AGENT, null);
  }

  String supervisor() {
    return token("sup-1", Role.SUPERVISOR, null);
  }

  void contract(String organization, String policy) {
    Http.Answer answer =
        http.put(
            "/api/organizations/" + organization + "/contract",
            supervisor(),
            Http.json(Map.of("policyId", policy)));
    if (answer.status() != 200) {
      throw new AssertionError("contract: " + answer);
    }
  }

  static String openBody(String organization, String requesterId, String priority) {
    return Http.json(
        Map.of(
            "organizationId",
            organization,
            "requester",
            Map.of("id", requesterId, "name", "Ana", "email", "ana@acme.example"),
            "subject",
            "NF-e rejected",
            "description",
            "Since 9:00",
            "channel",
            "PORTAL",
            "priority",
            priority));
  }

  Http.Answer open() {
    return http.post("/api/tickets", customer(), openBody("acme", "cust-1", "HIGH"));
  }
}
