package io.prazo.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.prazo.query.projection.ViewVersions;
import io.prazo.testing.Http;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GET /api/tickets/{id}?minVersion=: a client that has just sent a command reads at least the
 * version the command answered, or is told plainly that the view is behind.
 */
class ReadYourWritesIT extends QueryIT {
  private static final String ORG = "ryw-org";

  @Autowired ViewVersions versions;

  @Test
  void readsAtLeastTheVersionEveryCommandAnswered() {
    contract(ORG, "pronnus");
    Http.Answer opened =
        http.post(
            "/api/tickets",
            customer(ORG),
            Http.json(
                Map.of(
                    "organizationId",
                    ORG,
                    "requester",
                    Map.of("id", "cust-" + ORG, "name", "Ana", "email", "ana@example.com"),
                    "subject",
                    "Boleto não gera",
                    "description",
                    "Erro 500",
                    "channel",
                    "PORTAL",
                    "priority",
                    "URGENT")));
    expect(201, opened);
    String id = opened.text("ticketId");
    long last = readsItsWrite(id, "open", opened);

    Map<String, Object[]> steps = new LinkedHashMap<>();
    steps.put("assignment", new Object[] {agent(), Map.of("assignee", "agent-1", "level", "N1")});
    steps.put("replies", new Object[] {agent(), Map.of("body", "Verificando", "public", true)});
    steps.put("pause", new Object[] {agent(), Map.of("reason", "AWAITING_CUSTOMER")});
    steps.put("resume", new Object[] {agent(), Map.of()});
    steps.put(
        "priority", new Object[] {agent(), Map.of("priority", "HIGH", "reason", "Contornado")});
    steps.put("escalations", new Object[] {supervisor(), Map.of("reason", "MANUAL")});
    steps.put(
        "resolution",
        new Object[] {agent(), Map.of("category", "PRODUCT_ERROR", "summary", "Corrigido")});
    for (Map.Entry<String, Object[]> step : steps.entrySet()) {
      last = readsItsWrite(id, step.getKey(), send(id, step.getKey(), step.getValue()));
    }
    last =
        readsItsWrite(
            id,
            "reject",
            send(id, "approval", customer(ORG), Map.of("approved", false, "comment", "Não")));
    last =
        readsItsWrite(
            id,
            "resolution again",
            send(
                id,
                "resolution",
                agent(),
                Map.of("category", "PRODUCT_ERROR", "summary", "Agora sim")));
    last =
        readsItsWrite(id, "approve", send(id, "approval", customer(ORG), Map.of("approved", true)));
    last = readsItsWrite(id, "survey", send(id, "survey", customer(ORG), Map.of("score", 5)));
    assertThat(expect(200, ticket(id, supervisor(), 0)).version()).isEqualTo(last);

    String other = open(ORG, "HIGH");
    readsItsWrite(other, "cancel", send(other, "cancel", customer(ORG), Map.of()));
  }

  @Test
  void aLowerMinVersionAnswersTheCurrentView() {
    contract(ORG, "pronnus");
    String id = open(ORG, "HIGH");
    assign(id);
    reply(id);
    long current = expect(200, ticket(id, agent())).version();
    Http.Answer answer = expect(200, ticket(id, agent(), 0));
    assertThat(answer.version()).isEqualTo(current);
    assertThat(answer.header("ETag")).isEqualTo("\"" + current + "\"");
  }

  @Test
  void aTicketTheEventStoreDoesNotHaveIsNotFoundAtOnce() {
    for (String minVersion : new String[] {"0", "1", "99"}) {
      Http.Answer answer =
          http.get("/api/tickets/" + UUID.randomUUID() + "?minVersion=" + minVersion, supervisor());
      expect(404, answer);
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
      assertThat(answer.text("type")).isEqualTo("urn:prazo:problem:ticket-not-found");
    }
  }

  @Test
  void aVersionTheTicketHasNotReachedAnswersViewBehind() {
    contract(ORG, "pronnus");
    String id = open(ORG, "HIGH");
    assign(id);
    Http.Answer answer = ticket(id, agent(), 99);
    expect(503, answer);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.text("type")).isEqualTo("urn:prazo:problem:view-behind");
    assertThat(answer.header("Retry-After")).isNotBlank();
    assertThat(Long.parseLong(answer.header("Retry-After"))).isPositive();
    assertThat(answer.json().get("currentVersion").asLong()).isEqualTo(1);
    assertThat(answer.json().get("status").asInt()).isEqualTo(503);
  }

  /** Another organization's ticket does not exist for a customer, however far behind it asks. */
  @Test
  void anotherOrganizationsTicketIsNotFoundForACustomerEvenAheadOfItsVersion() {
    contract(ORG, "pronnus");
    String id = open(ORG, "HIGH");
    String stranger = customer("ryw-other-org");
    for (long minVersion : new long[] {0, 99}) {
      Http.Answer answer = ticket(id, stranger, minVersion);
      assertThat(answer.status()).as("minVersion=%d: %s", minVersion, answer).isEqualTo(404);
      assertThat(answer.text("type")).isEqualTo("urn:prazo:problem:ticket-not-found");
      assertThat(answer.json().has("currentVersion")).isFalse();
    }
  }

  @Test
  void aReaderWaitingForAVersionIsAnsweredWhenItLands() throws Exception {
    contract(ORG, "pronnus");
    String id = open(ORG, "HIGH");
    long current = expect(200, ticket(id, agent())).version();
    assertThat(versions.waitingTickets()).isZero();

    CompletableFuture<Http.Answer> waiting =
        CompletableFuture.supplyAsync(
            () ->
                new Http(port).get("/api/tickets/" + id + "?minVersion=" + (current + 1), agent()));
    awaitAWaitingReader(waiting);
    Http.Answer assigned =
        http.post(
            "/api/tickets/" + id + "/assignment",
            agent(),
            Http.json(Map.of("assignee", "agent-1", "level", "N1")));
    expect(200, assigned);
    assertThat(assigned.version()).isEqualTo(current + 1);

    Http.Answer answer = waiting.get(60, TimeUnit.SECONDS);
    expect(200, answer);
    assertThat(answer.version()).isEqualTo(current + 1);
    assertThat(answer.header("ETag")).isEqualTo("\"" + (current + 1) + "\"");
    assertThat(answer.text("assignee")).isEqualTo("agent-1");
  }

  // ---- helpers ----

  private Http.Answer send(String id, String path, Object[] tokenAndBody) {
    @SuppressWarnings("unchecked")
    Map<String, ?> body = (Map<String, ?>) tokenAndBody[1];
    return send(id, path, (String) tokenAndBody[0], body);
  }

  private Http.Answer send(String id, String path, String token, Map<String, ?> body) {
    Http.Answer answer = http.post("/api/tickets/" + id + "/" + path, token, Http.json(body));
    assertThat(answer.status()).as("%s: %s", path, answer).isEqualTo(200);
    return answer;
  }

  /** Reads the ticket at the version a command answered; returns that version. */
  private long readsItsWrite(String id, String what, Http.Answer command) {
    long version = command.version();
    assertThat(command.header("ETag")).as(what).isEqualTo("\"" + version + "\"");
    Http.Answer read = ticket(id, supervisor(), version);
    assertThat(read.status()).as("%s: %s", what, read).isEqualTo(200);
    assertThat(read.version()).as(what).isGreaterThanOrEqualTo(version);
    assertThat(read.header("ETag")).as(what).isEqualTo("\"" + read.version() + "\"");
    return version;
  }

  /**
   * Waits until the reader has registered with the view (so the command below lands while it waits,
   * not before it asked).
   */
  private void awaitAWaitingReader(CompletableFuture<Http.Answer> reader) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (versions.waitingTickets() == 0) {
      if (reader.isDone()) {
        fail("the reader answered before the version existed: " + reader.join());
      }
      if (System.nanoTime() > deadline) {
        fail("no reader started waiting");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
