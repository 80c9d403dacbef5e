package io.prazo.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prazo.query.it.ComplianceHistory.Kind;
import io.prazo.query.it.ComplianceHistory.Outcome;
import io.prazo.query.it.ComplianceHistory.Plan;
import io.prazo.query.it.ComplianceHistory.Report;
import io.prazo.query.it.ComplianceHistory.Row;
import io.prazo.query.it.ComplianceHistory.Step;
import io.prazo.testing.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * GET /api/reports/sla-compliance over a generated history of thousands of tickets (mixed policies
 * and priorities, first replies in and out of time, resolutions in and out of time, rejected and
 * resolved again, cancelled, left open), against the figures {@link ComplianceHistory} computes
 * from the plan alone.
 *
 * <p>A context of its own (closed after the class): the table holds only these tickets, and the
 * clock is this class's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "prazo.test.context=ComplianceReportIT")
@DirtiesContext
class ComplianceReportIT extends QueryIT {
  private static final long SEED = 20260302L;
  private static final int TICKETS = 2_000;
  private static final int THREADS = 4;

  /** The period most assertions use: it leaves out the earliest and the latest resolutions. */
  private static final Instant FROM = ComplianceHistory.instant(6);

  private static final Instant TO = ComplianceHistory.instant(60);

  private final Map<String, String> customers = new TreeMap<>();
  private String agent;
  private String[] ids;
  private long[] versions;
  private List<Outcome> outcomes;

  /**
   * Plays every plan tick by tick: the clock moves to a tick, then the tickets with a step there
   * take it, several at once. A command's events carry the clock's reading when it is handled, so
   * the commands do not wait for the query view; every ticket's last version is awaited at the end.
   */
  @BeforeAll
  void playTheHistory() throws InterruptedException {
    http = new Http(port);
    expect(200, http.put("/api/policies/cr-strict", supervisor(), ComplianceHistory.STRICT_POLICY));
    for (ComplianceHistory.Organization organization : ComplianceHistory.ORGANIZATIONS) {
      contract(organization.id(), organization.policy());
    }
    List<Plan> plans = ComplianceHistory.generate(SEED, TICKETS);
    Map<Integer, List<Plan>> byTick = new TreeMap<>();
    for (Plan plan : plans) {
      for (Step step : plan.steps()) {
        List<Plan> due = byTick.computeIfAbsent(step.tick(), t -> new ArrayList<>());
        if (due.isEmpty() || due.get(due.size() - 1) != plan) {
          due.add(plan);
        }
      }
    }
    agent = agent();
    for (ComplianceHistory.Organization organization : ComplianceHistory.ORGANIZATIONS) {
      customers.put(organization.id(), customer(organization.id()));
    }
    ids = new String[TICKETS];
    versions = new long[TICKETS];
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (Map.Entry<Integer, List<Plan>> tick : byTick.entrySet()) {
        clockAt(ComplianceHistory.instant(tick.getKey()).toString());
        List<Callable<Void>> work = new ArrayList<>();
        for (Plan plan : tick.getValue()) {
          work.add(
              () -> {
                for (Step step : plan.steps()) {
                  if (step.tick() == tick.getKey()) {
                    play(plan, step.kind());
                  }
                }
                return null;
              });
        }
        joinAll(pool.invokeAll(work));
      }
      long played = System.nanoTime();
      String reader = supervisor();
      List<Callable<Void>> reads = new ArrayList<>();
      for (Plan plan : plans) {
        reads.add(
            () -> {
              caughtUp(ids[plan.index()], reader, versions[plan.index()]);
              return null;
            });
      }
      joinAll(pool.invokeAll(reads));
      long commands = plans.stream().mapToLong(p -> p.steps().size()).sum();
      System.out.printf(
          "ComplianceReportIT: %d tickets, %d commands over %d clock moves in %d ms,"
              + " all visible %d ms later%n",
          TICKETS,
          commands,
          byTick.size(),
          (played - started) / 1_000_000,
          (System.nanoTime() - played) / 1_000_000);
    } finally {
      pool.shutdownNow();
    }
    outcomes = plans.stream().map(ComplianceHistory::outcome).toList();
  }

  private void play(Plan plan, Kind kind) {
    int i = plan.index();
    String org = plan.organization().id();
    String customer = customers.get(org);
    switch (kind) {
      case OPEN -> {
        Http.Answer opened =
            expect(
                201,
                http.post(
                    "/api/tickets",
                    customer,
                    Http.json(
                        Map.of(
                            "organizationId",
                            org,
                            "requester",
                            Map.of("id", "cust-" + org, "name", "Ana", "email", "ana@example.com"),
                            "subject",
                            "NF-e rejeitada",
                            "channel",
                            "PORTAL",
                            "priority",
                            plan.priority()))));
        ids[i] = opened.text("ticketId");
        versions[i] = opened.version();
      }
      case REPLY ->
          send(i, "replies", agent, Map.of("body", "Estamos verificando.", "public", true));
      case RESOLVE ->
          send(i, "resolution", agent, Map.of("category", "PRODUCT_ERROR", "summary", "Corrigido"));
      case REJECT ->
          send(i, "approval", customer, Map.of("approved", false, "comment", "Ainda não"));
      case APPROVE -> send(i, "approval", customer, Map.of("approved", true));
      case CANCEL -> send(i, "cancel", customer, Map.of("reason", "Resolvido por nós"));
    }
  }

  /** Waits for a ticket's view to reach a version: a 503 says it is behind, so ask again. */
  private void caughtUp(String id, String token, long version) {
    Http.Answer answer = ticket(id, token, version);
    for (int asked = 1; answer.status() == 503 && asked < 20; asked++) {
      answer = ticket(id, token, version);
    }
    expect(200, answer);
  }

  private void send(int i, String path, String token, Map<String, ?> body) {
    Http.Answer answer =
        expect(200, http.post("/api/tickets/" + ids[i] + "/" + path, token, Http.json(body)));
    versions[i] = answer.version();
  }

  private static void joinAll(List<Future<Void>> work) throws InterruptedException {
    for (Future<Void> done : work) {
      try {
        done.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  @Test
  void theHistoryHasEveryKindOfTicketInAndOutOfThePeriod() {
    List<Outcome> counted = inPeriod();
    assertThat(counted.size()).isGreaterThan(1_000);
    assertThat(outcomes.stream().filter(o -> o.resolvedAt() != null).count())
        .as("resolutions outside the period")
        .isGreaterThan(counted.size() + 100);
    assertThat(outcomes)
        .as("cancelled")
        .anyMatch(o -> o.plan().steps().stream().anyMatch(s -> s.kind() == Kind.CANCEL));
    assertThat(outcomes)
        .as("cancelled after a rejection")
        .anyMatch(
            o ->
                o.cycles() > 0
                    && o.plan().steps().get(o.plan().steps().size() - 1).kind() == Kind.CANCEL);
    assertThat(outcomes)
        .as("rejected and not resolved again")
        .anyMatch(
            o ->
                o.cycles() > 0
                    && o.resolvedAt() == null
                    && o.plan().steps().stream().noneMatch(s -> s.kind() == Kind.CANCEL));
    assertThat(outcomes)
        .as("never resolved")
        .anyMatch(o -> o.cycles() == 0 && o.plan().steps().size() > 1);
    assertThat(counted).as("resolved twice or more").anyMatch(o -> o.cycles() >= 2);
    assertThat(counted).as("resolved three times").anyMatch(o -> o.cycles() >= 3);
    assertThat(outcomes)
        .as("a first resolution in the period, the standing one after it")
        .anyMatch(
            o ->
                o.cycles() >= 2
                    && o.resolvedAt() != null
                    && !o.resolvedAt().isBefore(TO)
                    && firstResolution(o).isBefore(TO));
    assertThat(counted)
        .as("counted at the very start of the period")
        .anyMatch(o -> o.resolvedAt().equals(FROM));
    assertThat(outcomes)
        .as("left out at the very end of the period")
        .anyMatch(o -> TO.equals(o.resolvedAt()));
    for (String status : List.of("MET", "BREACHED", "NOT_APPLICABLE")) {
      assertThat(counted)
          .as("first response %s", status)
          .anyMatch(o -> o.firstResponse().is(status));
      assertThat(counted).as("resolution %s", status).anyMatch(o -> o.resolution().is(status));
    }
    Report byPolicy =
        ComplianceHistory.report(outcomes, FROM, TO, p -> p.organization().policy(), p -> true);
    assertThat(byPolicy.total().goal()).as("the strictest goal").isEqualTo(0.95);
    assertThat(byPolicy.total().resolutionCompliance())
        .as("a total that reaches the presets' goal but not the strictest")
        .isBetween(0.80, 0.95);
    assertThat(counted)
        .as("a first response answered by the resolution")
        .anyMatch(
            o ->
                !o.firstResponse().is("NOT_APPLICABLE")
                    && o.plan().steps().stream().noneMatch(s -> s.kind() == Kind.REPLY));
    assertThat(counted)
        .as("resolved again within the target")
        .anyMatch(o -> o.cycles() >= 2 && o.resolution().is("MET"));
    assertThat(counted)
        .as("resolved again past the target")
        .anyMatch(o -> o.cycles() >= 2 && o.resolution().is("BREACHED"));
    assertThat(counted)
        .as("a clock stopped exactly at its target")
        .anyMatch(o -> o.clocks().stream().anyMatch(c -> c.atTheTarget() && c.is("MET")));
    assertThat(counted)
        .as("a clock at its target that ran on past its due instant out of working hours")
        .anyMatch(o -> o.clocks().stream().anyMatch(c -> c.atTheTarget() && c.is("BREACHED")));
  }

  @Test
  void countsEachPriorityAsThePlanSays() {
    assertReport("priority", p -> p.priority());
  }

  @Test
  void countsEachOrganizationAsThePlanSays() {
    assertReport("organization", p -> p.organization().id());
  }

  @Test
  void countsEachPolicyAsThePlanSays() {
    assertReport("policy", p -> p.organization().policy());
  }

  @Test
  void showsACustomerOnlyItsOwnOrganization() {
    ComplianceHistory.Organization own = ComplianceHistory.PRONNUS_1;
    String token = customer(own.id());
    Predicate<Plan> scope = p -> p.organization().equals(own);

    Report byOrganization =
        ComplianceHistory.report(outcomes, FROM, TO, p -> p.organization().id(), scope);
    assertThat(byOrganization.rows()).extracting(Row::key).containsExactly(own.id());
    assertThat(report(token, FROM, TO, "organization")).isEqualTo(byOrganization);

    Report byPriority = ComplianceHistory.report(outcomes, FROM, TO, p -> p.priority(), scope);
    assertThat(report(token, FROM, TO, "priority")).isEqualTo(byPriority);
    assertThat(byPriority.total()).isEqualTo(byOrganization.total().withKey(null));
  }

  @Test
  void givesAPeriodWithoutResolutionsATotalOfZeros() {
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    Instant to = Instant.parse("2026-02-01T00:00:00Z");
    for (String groupBy : List.of("priority", "organization", "policy")) {
      Http.Answer answer = expect(200, get(supervisor(), from, to, groupBy));
      assertThat(answer.json().get("rows")).as(groupBy).isEmpty();
      assertThat(row(answer.json().get("total")))
          .as(groupBy)
          .isEqualTo(new Row(null, 0, 0, 0, null, null, null, 0, 0, null));
    }
  }

  private void assertReport(String groupBy, Function<Plan, String> key) {
    Predicate<Plan> everyone = p -> true;
    Report expected = ComplianceHistory.report(outcomes, FROM, TO, key, everyone);
    assertThat(expected.rows()).hasSizeGreaterThan(3);
    Http.Answer answer = expect(200, get(auditor(), FROM, TO, groupBy));
    assertThat(answer.text("from")).isEqualTo(FROM.toString());
    assertThat(answer.text("to")).isEqualTo(TO.toString());
    assertThat(answer.text("groupBy")).isEqualTo(groupBy);
    assertThat(report(answer)).isEqualTo(expected);

    // Every resolution of the history, and the same total whatever the grouping.
    Instant dayStart = Instant.parse("2026-03-02T00:00:00Z");
    Instant dayAfter = Instant.parse("2026-03-04T00:00:00Z");
    Report whole = ComplianceHistory.report(outcomes, dayStart, dayAfter, key, everyone);
    assertThat(report(supervisor(), dayStart, dayAfter, groupBy)).isEqualTo(whole);
    assertThat(whole.total().resolved())
        .isEqualTo(outcomes.stream().filter(o -> o.resolvedAt() != null).count());
  }

  private Report report(String token, Instant from, Instant to, String groupBy) {
    return report(expect(200, get(token, from, to, groupBy)));
  }

  private Http.Answer get(String token, Instant from, Instant to, String groupBy) {
    return http.get(
        "/api/reports/sla-compliance?from=" + from + "&to=" + to + "&groupBy=" + groupBy, token);
  }

  private static Report report(Http.Answer answer) {
    List<Row> rows = new ArrayList<>();
    answer.json().get("rows").forEach(row -> rows.add(row(row)));
    return new Report(rows, row(answer.json().get("total")));
  }

  private static Row row(JsonNode row) {
    return new Row(
        text(row.get("key")),
        row.get("resolved").asLong(),
        row.get("firstResponseMet").asLong(),
        row.get("resolutionMet").asLong(),
        number(row.get("resolutionCompliance")),
        number(row.get("goal")),
        row.hasNonNull("goalMet") ? row.get("goalMet").asBoolean() : null,
        row.get("noTarget").asLong(),
        row.get("firstResponseNoTarget").asLong(),
        number(row.get("firstResponseCompliance")));
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static Double number(JsonNode node) {
    return node == null || node.isNull() ? null : node.asDouble();
  }

  private List<Outcome> inPeriod() {
    return outcomes.stream()
        .filter(
            o ->
                o.resolvedAt() != null
                    && !o.resolvedAt().isBefore(FROM)
                    && o.resolvedAt().isBefore(TO))
        .toList();
  }

  private static Instant firstResolution(Outcome outcome) {
    return outcome.plan().steps().stream()
        .filter(s -> s.kind() == Kind.RESOLVE)
        .findFirst()
        .orElseThrow()
        .at();
  }
}
