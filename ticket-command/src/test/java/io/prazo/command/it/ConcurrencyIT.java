package io.prazo.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent commands never lose, merge or duplicate events. */
class ConcurrencyIT extends CommandServiceIT {

  @BeforeEach
  void acmeIsOnPronnus() {
    contract("acme", "pronnus");
  }

  @Test
  void twoCommandsOnTheSameVersionOneWinsTheOtherGets412() throws Exception {
    String id = open().text("ticketId");
    String t = "/api/tickets/" + id;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Http.Answer> pause =
          () -> {
            start.await();
            return http.post(
                t + "/pause", agent(), "{\"reason\":\"AWAITING_CUSTOMER\"}", "If-Match", "\"0\"");
          };
      Callable<Http.Answer> reply =
          () -> {
            start.await();
            return http.post(
                t + "/replies", agent(), "{\"body\":\"hi\",\"public\":true}", "If-Match", "\"0\"");
          };
      Future<Http.Answer> a = pool.submit(pause);
      Future<Http.Answer> b = pool.submit(reply);
      start.countDown();
      List<Integer> statuses = List.of(a.get().status(), b.get().status());
      assertThat(statuses).containsExactlyInAnyOrder(200, 412);
      Http.Answer loser = a.get().status() == 412 ? a.get() : b.get();
      assertThat(loser.text("type")).isEqualTo("urn:prazo:problem:version-mismatch");
      assertThat(loser.json().get("currentVersion").asLong()).isPositive();
    } finally {
      pool.shutdownNow();
    }
    Long events =
        jdbc.queryForObject(
            "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
            Long.class,
            id);
    assertThat(events).isIn(2L, 3L);
  }

  @Test
  void manyConcurrentWritersLoseNothingAndDuplicateNothing() throws Exception {
    String id = open().text("ticketId");
    String t = "/api/tickets/" + id;
    int writers = 16;
    int repliesEach = 10;
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger preconditionFailed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  long known = 0;
                  int written = 0;
                  while (written < repliesEach) {
                    Http.Answer answer =
                        http.post(
                            t + "/replies",
                            customer(),
                            "{\"body\":\"w" + writer + "-" + written + "\",\"public\":true}",
                            "If-Match",
                            "\"" + known + "\"");
                    if (answer.status() == 200) {
                      accepted.incrementAndGet();
                      written++;
                      known = answer.version();
                    } else if (answer.status() == 412) {
                      preconditionFailed.incrementAndGet();
                      known = answer.json().get("currentVersion").asLong();
                    } else {
                      throw new AssertionError(answer.toString());
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(accepted.get()).isEqualTo(writers * repliesEach);
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT sequence_number, payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number",
            id);
    assertThat(rows).hasSize(1 + writers * repliesEach);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(((Number) rows.get(i).get("sequence_number")).longValue()).isEqualTo(i);
    }
    List<String> bodies =
        rows.stream().skip(1).map(r -> new String((byte[]) r.get("payload"))).toList();
    for (int w = 0; w < writers; w++) {
      for (int r = 0; r < repliesEach; r++) {
        String expected = "\"body\":\"w" + w + "-" + r + "\"";
        assertThat(bodies.stream().filter(b -> b.contains(expected))).as(expected).hasSize(1);
      }
    }
  }

  @Test
  void concurrentCommandsWithoutIfMatchAreAllAppliedInSomeOrder() throws Exception {
    String id = open().text("ticketId");
    int n = 24;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Http.Answer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        int k = i;
        answers.add(
            pool.submit(
                () ->
                    http.post(
                        "/api/tickets/" + id + "/replies",
                        agent(),
                        "{\"body\":\"n" + k + "\",\"public\":false}")));
      }
      List<Long> versions = new ArrayList<>();
      for (Future<Http.Answer> a : answers) {
        Http.Answer answer = a.get();
        assertThat(answer.status()).as(answer.toString()).isIn(200, 409);
        if (answer.status() == 200) {
          versions.add(answer.version());
        }
      }
      assertThat(versions).doesNotHaveDuplicates();
      Long stored =
          jdbc.queryForObject(
              "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
              Long.class,
              id);
      assertThat(stored).isEqualTo(1 + versions.size());
    } finally {
      pool.shutdownNow();
    }
  }
}
