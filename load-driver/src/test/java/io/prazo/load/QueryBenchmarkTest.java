package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The query benchmark against {@link FakePrazo}: its set-up, what it reads and how it counts. */
class QueryBenchmarkTest {

  private static final int TICKETS = 200;
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final ObjectMapper json = Report.objectMapper();
  private final PrintStream progress =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  private FakePrazo prazo;
  private PrazoClient client;

  @BeforeEach
  void startFakePrazo() throws Exception {
    prazo = FakePrazo.start();
    client = new PrazoClient(prazo.url(), Duration.ofSeconds(5), json);
  }

  @AfterEach
  void stopFakePrazo() {
    prazo.close();
  }

  @Test
  void definesTheBenchmarkPolicyAndBindsEveryOrganizationToItsPolicy() throws Exception {
    QuerySetup.Actors actors = QuerySetup.prepare(client);

    assertThat(prazo.problems()).isEmpty();
    assertThat(prazo.policies()).containsOnlyKeys(QueryPlan.FAST_POLICY);
    Map<String, String> expected = new HashMap<>();
    QueryPlan.organizations().forEach(o -> expected.put(o.id(), o.policyId()));
    assertThat(prazo.boundPolicies()).isEqualTo(expected);
    assertThat(actors.customerTokens()).hasSize(QueryPlan.ORGANIZATIONS);
  }

  @Test
  void opensEveryTicketAsItsOrganizationsCustomerAndFollowsItUpAsPlanned() throws Exception {
    QuerySetup setup = new QuerySetup(client, json);
    QuerySetup.Population population =
        setup.populate(QuerySetup.prepare(client), TICKETS, 4, progress);

    assertThat(prazo.problems()).isEmpty();
    assertThat(population.ticketIds()).hasSize(TICKETS).doesNotHaveDuplicates();
    long assigned = 0;
    long paused = 0;
    for (int i = 0; i < TICKETS; i++) {
      assigned += QueryPlan.ticket(i).assignee() != null ? 1 : 0;
      paused += QueryPlan.ticket(i).paused() ? 1 : 0;
    }
    assertThat(population.commands()).isEqualTo(TICKETS + assigned + paused);
    assertThat(prazo.queueTicketsByStatus())
        .containsEntry("IN_PROGRESS", assigned)
        .containsEntry("AWAITING", paused)
        .containsEntry("OPEN", TICKETS - assigned - paused);
    assertThat(prazo.queueTicketsByAssignee().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(assigned);
  }

  @Test
  void theSummaryCountsOpenTicketsByStatusOnceTheViewsHaveCaughtUp() throws Exception {
    QuerySetup setup = new QuerySetup(client, json);
    QuerySetup.Population population =
        setup.populate(QuerySetup.prepare(client), TICKETS, 4, progress);

    QuerySetup.Summary summary = setup.awaitViews(population, Duration.ofSeconds(5), progress);

    assertThat(summary.tickets()).isEqualTo(TICKETS);
    assertThat(summary.organizations()).isEqualTo(QueryPlan.ORGANIZATIONS);
    assertThat(summary.openByStatus()).isEqualTo(prazo.queueTicketsByStatus());
    assertThat(summary.openByStatus().keySet()).containsExactly("OPEN", "IN_PROGRESS", "AWAITING");
  }

  @Test
  void aRefusedFollowUpStopsTheSetUpAndSaysWhy() throws Exception {
    prazo.refuse("assignment", 409);
    QuerySetup setup = new QuerySetup(client, json);
    QuerySetup.Actors actors = QuerySetup.prepare(client);

    assertThatThrownBy(() -> setup.populate(actors, TICKETS, 4, progress))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("assignment was refused: 409");
  }

  @Test
  void queueQueriesAskForTheOpenQueueByDueTimeAndDrawTheirFiltersAtRandom() {
    SplittableRandom random = new SplittableRandom(1);

    assertThat(QueryBenchmark.queueQueries())
        .extracting(QueryBenchmark.QueueQuery::name)
        .containsExactly(
            "queue",
            "queue, one organization",
            "queue, one assignee",
            "queue, breached",
            "queue, at risk",
            "queue, page 50");
    for (QueryBenchmark.QueueQuery query : QueryBenchmark.queueQueries()) {
      assertThat(query.path(random))
          .startsWith("/api/tickets?sort=dueAt&status=OPEN,IN_PROGRESS&size=20")
          .doesNotContain("{");
      assertThat(query.example()).doesNotContain("{");
    }
    QueryBenchmark.QueueQuery byOrganization = QueryBenchmark.queueQueries().get(1);
    assertThat(byOrganization.example()).endsWith("&organizationId=queue-org-01");
    assertThat(
            java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> byOrganization.path(random))
                .distinct()
                .count())
        .isEqualTo(QueryPlan.ORGANIZATIONS);
  }

  @Test
  void measuresEveryReadAndHowLongAViewTakesToShowACommand() throws Exception {
    prazo.viewLag(Duration.ofMillis(30));
    Options options =
        Options.parse(
            "--benchmark=query",
            "--warmup=50ms",
            "--duration=300ms",
            "--ticket-clients=2",
            "--queue-clients=1,2",
            "--background-rate=40");
    QuerySetup setup = new QuerySetup(client, json);
    QuerySetup.Population population =
        setup.populate(QuerySetup.prepare(client), TICKETS, 4, progress);
    QuerySetup.Summary summary = setup.awaitViews(population, Duration.ofSeconds(5), progress);

    QueryBenchmark.Result result =
        new QueryBenchmark(client, json)
            .run(population, summary, options, GRACE, () -> {}, progress);

    assertThat(prazo.problems()).isEmpty();
    assertThat(result.errorCount()).isZero();
    assertThat(result.ticketReads()).hasSize(1);
    assertThat(result.ticketReads().get(0).reads().count()).isPositive();
    assertThat(result.ticketReads().get(0).matching()).isNull();
    assertThat(result.queueReads()).hasSize(2 * QueryBenchmark.queueQueries().size());
    assertThat(result.queueReads())
        .allSatisfy(read -> assertThat(read.reads().count()).isPositive());
    assertThat(result.queueReads().get(0).matching())
        .isEqualTo(
            prazo.queueTicketsByStatus().get("OPEN")
                + prazo.queueTicketsByStatus().get("IN_PROGRESS"));
    assertThat(prazo.listQueries()).contains("sort=dueAt&status=OPEN,IN_PROGRESS&size=20&page=50");

    assertThat(result.visibility())
        .extracting(VisibilityProbe.Stats::load)
        .containsExactly("idle", "40 commands/s in the background");
    VisibilityProbe.Stats idle = result.visibility().get(0);
    assertThat(idle.background()).isNull();
    assertThat(idle.visibleByPolling().count()).isPositive();
    assertThat(idle.pollsPerCommand()).isGreaterThan(1);
    // The view shows a command 30 ms after its answer; polling and minVersion both see that.
    assertThat(idle.visibleByPolling().latencyMs().p50()).isGreaterThanOrEqualTo(30.0);
    assertThat(idle.minVersionReads().count()).isPositive();
    assertThat(idle.minVersionReads().latencyMs().p50()).isGreaterThanOrEqualTo(25.0);
    VisibilityProbe.Stats loaded = result.visibility().get(1);
    // Paced, not closed-loop: at most 40/s over 0.3 s, and one catch-up per client.
    assertThat(loaded.background().count())
        .isPositive()
        .isLessThanOrEqualTo(12 + VisibilityProbe.BACKGROUND_CLIENTS);
  }
}
