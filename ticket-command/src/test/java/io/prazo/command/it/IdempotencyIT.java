package io.prazo.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.prazo.command.config.AppendedEvents;
import io.prazo.command.web.CommandMetrics;
import io.prazo.testing.Http;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IdempotencyIT extends CommandServiceIT {
  @Autowired MeterRegistry meters;

  @BeforeEach
  void acmeIsOnPronnus() {
    contract("acme", "pronnus");
  }

  @Test
  void fiftyConcurrentRequestsWithOneKeyOpenOneTicket() throws Exception {
    String body = openBody("acme", "cust-1", "HIGH");
    String token = customer();
    long before = tickets();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Http.Answer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return http.post("/api/tickets", token, body, "Idempotency-Key", "open-once-1");
                }));
      }
      start.countDown();
      Set<String> ids = new HashSet<>();
      int replayed = 0;
      for (Future<Http.Answer> f : answers) {
        Http.Answer answer = f.get();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        ids.add(answer.text("ticketId"));
        if ("true".equals(answer.header("Idempotent-Replayed"))) {
          replayed++;
        }
      }
      assertThat(ids).hasSize(1);
      assertThat(replayed).isEqualTo(49);
    } finally {
      pool.shutdownNow();
    }
    assertThat(tickets()).isEqualTo(before + 1);
  }

  @Test
  void theSameKeyReplaysTheFirstAnswerWithItsHeaders() {
    String body = openBody("acme", "cust-1", "HIGH");
    Http.Answer first = http.post("/api/tickets", customer(), body, "Idempotency-Key", "k-replay");
    Http.Answer again = http.post("/api/tickets", customer(), body, "Idempotency-Key", "k-replay");
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void theSameKeyWithADifferentBodyIsA422() {
    http.post(
        "/api/tickets",
        customer(),
        openBody("acme", "cust-1", "HIGH"),
        "Idempotency-Key",
        "k-diff");
    Http.Answer other =
        http.post(
            "/api/tickets",
            customer(),
            openBody("acme", "cust-1", "LOW"),
            "Idempotency-Key",
            "k-diff");
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.text("type")).isEqualTo("urn:prazo:problem:idempotency-key-reused");
  }

  @Test
  void aRefusalIsRememberedToo() {
    String id = open().text("ticketId");
    String path = "/api/tickets/" + id + "/resume";
    Http.Answer first = http.post(path, agent(), "{}", "Idempotency-Key", "k-refused");
    assertThat(first.status()).isEqualTo(409);
    http.post("/api/tickets/" + id + "/pause", agent(), "{\"reason\":\"AWAITING_CUSTOMER\"}");
    Http.Answer again = http.post(path, agent(), "{}", "Idempotency-Key", "k-refused");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void keysAreScopedToThePrincipal() {
    String body = openBody("acme", "cust-1", "HIGH");
    Http.Answer mine = http.post("/api/tickets", customer(), body, "Idempotency-Key", "k-scope");
    Http.Answer theirs =
        http.post(
            "/api/tickets",
            agent(),
            openBody("acme", "cust-1", "HIGH"),
            "Idempotency-Key",
            "k-scope");
    assertThat(theirs.status()).isEqualTo(201);
    assertThat(theirs.text("ticketId")).isNotEqualTo(mine.text("ticketId"));
  }

  @Test
  void aKeyThatIsNotPrintableAsciiIsA400() {
    Http.Answer answer =
        http.post(
            "/api/tickets",
            customer(),
            openBody("acme", "cust-1", "HIGH"),
            "Idempotency-Key",
            "x".repeat(300));
    assertThat(answer.status()).isEqualTo(400);
  }

  @Test
  void aCommitThatFailsAfterTheCommandLeavesNoTraceInTheStoreOrTheCache() {
    jdbc.execute(
        "CREATE OR REPLACE FUNCTION prazo_test_fail_at_commit() RETURNS trigger AS $$ BEGIN"
            + " IF NEW.idem_key = 'explode-at-commit' AND NEW.status <> 0 THEN"
            + " RAISE EXCEPTION 'failing the commit on purpose'; END IF; RETURN NEW; END $$"
            + " LANGUAGE plpgsql");
    jdbc.execute("DROP TRIGGER IF EXISTS prazo_test_fail_at_commit ON idempotency_key");
    jdbc.execute(
        "CREATE CONSTRAINT TRIGGER prazo_test_fail_at_commit AFTER INSERT OR UPDATE ON"
            + " idempotency_key DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION"
            + " prazo_test_fail_at_commit()");
    try {
      String id = open().text("ticketId");
      String replies = "/api/tickets/" + id + "/replies";
      double repliesCounted = meter(AppendedEvents.NAME, "type", "io.prazo.ticket.reply-added");
      double repliesAccepted = commands("AddReply", "accepted");
      double repliesFailed = commands("AddReply", "error");
      Http.Answer failed =
          http.post(
              replies,
              agent(),
              "{\"body\":\"lost\",\"public\":true}",
              "Idempotency-Key",
              "explode-at-commit");
      assertThat(failed.status()).isEqualTo(500);
      assertThat(failed.raw().body()).doesNotContain("failing the commit on purpose");
      assertThat(meter(AppendedEvents.NAME, "type", "io.prazo.ticket.reply-added"))
          .as("events of a rolled-back command are not counted")
          .isEqualTo(repliesCounted);
      assertThat(commands("AddReply", "accepted")).isEqualTo(repliesAccepted);
      assertThat(commands("AddReply", "error")).isEqualTo(repliesFailed + 1);

      Http.Answer next = http.post(replies, agent(), "{\"body\":\"kept\",\"public\":true}");
      assertThat(next.status()).as(next.toString()).isEqualTo(200);
      assertThat(next.version()).as("the reply is the ticket's first response again").isEqualTo(2);
      List<Long> sequences =
          jdbc.queryForList(
              "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?"
                  + " ORDER BY sequence_number",
              Long.class,
              id);
      assertThat(sequences).containsExactly(0L, 1L, 2L);
      assertThat(meter(AppendedEvents.NAME, "type", "io.prazo.ticket.reply-added"))
          .isEqualTo(repliesCounted + 1);
    } finally {
      jdbc.execute("DROP TRIGGER IF EXISTS prazo_test_fail_at_commit ON idempotency_key");
    }
  }

  private double meter(String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  private double commands(String type, String outcome) {
    var timer = meters.find(CommandMetrics.NAME).tags("type", type, "outcome", outcome).timer();
    return timer == null ? 0 : timer.count();
  }

  private long tickets() {
    return jdbc.queryForObject(
        "SELECT count(*) FROM domain_event_entry WHERE payload_type = 'io.prazo.ticket.opened'",
        Long.class);
  }
}
