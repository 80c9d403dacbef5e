package io.prazo.command.it;

import io.prazo.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tickets living a whole life over HTTP, many at once: open, reply, pause, resume, resolve,
 * approve, survey (11 events each). Every command must be accepted.
 */
final class TicketTraffic {
  /** Events one ticket's life stores. */
  static final int EVENTS_PER_TICKET = 11;

  private final Http http;
  private final String customer;
  private final String agent;

  TicketTraffic(Http http, String customer, String agent) {
    this.http = http;
    this.customer = customer;
    this.agent = agent;
  }

  /**
   * Runs the lives of some tickets on some threads.
   *
   * @return the tickets' ids
   */
  List<String> run(int tickets, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> lives = new ArrayList<>();
      for (int i = 0; i < tickets; i++) {
        String correlation = "traffic-" + i;
        lives.add(pool.submit(() -> life(correlation)));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> life : lives) {
        ids.add(life.get());
      }
      return ids;
    } finally {
      pool.shutdownNow();
    }
  }

  private String life(String correlation) {
    Http.Answer opened =
        expect(
            201,
            http.post(
                "/api/tickets",
                customer,
                CommandServiceIT.openBody("acme", "cust-1", "HIGH"),
                "X-Correlation-Id",
                correlation));
    String t = "/api/tickets/" + opened.text("ticketId");
    expect(200, http.post(t + "/replies", agent, "{\"body\":\"Looking\",\"public\":true}"));
    expect(200, http.post(t + "/pause", agent, "{\"reason\":\"AWAITING_CUSTOMER\"}"));
    expect(200, http.post(t + "/resume", agent, "{}"));
    expect(
        200,
        http.post(
            t + "/resolution", agent, "{\"category\":\"PRODUCT_ERROR\",\"summary\":\"Done\"}"));
    expect(200, http.post(t + "/approval", customer, "{\"approved\":true}"));
    expect(200, http.post(t + "/survey", customer, "{\"score\":4,\"comment\":\"Fine\"}"));
    return opened.text("ticketId");
  }

  private static Http.Answer expect(int status, Http.Answer answer) {
    if (answer.status() != status) {
      throw new AssertionError("expected " + status + ": " + answer);
    }
    return answer;
  }
}
