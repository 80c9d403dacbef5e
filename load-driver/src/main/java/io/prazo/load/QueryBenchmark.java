package io.prazo.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The query benchmark: over the tickets of {@link QuerySetup}, closed-loop reads of single tickets
 * ({@code GET /api/tickets/{id}}) and of each work-queue query, one run per client count, then the
 * command-to-visible probe idle and beside a command load.
 */
final class QueryBenchmark {

  /** The work queue as an agent's dashboard asks for it: open tickets, nearest due first. */
  static final String QUEUE = "/api/tickets?sort=dueAt&status=OPEN,IN_PROGRESS&size=20";

  /**
   * One queue query.
   *
   * @param name how the report calls it
   * @param query the request, with {@code {organization}} or {@code {assignee}} where each request
   *     draws one at random
   */
  record QueueQuery(String name, String query) {

    /** This query with its placeholders filled from {@code random}. */
    String path(SplittableRandom random) {
      String path = query;
      if (path.contains("{organization}")) {
        List<QueryPlan.Organization> organizations = QueryPlan.organizations();
        path =
            path.replace(
                "{organization}", organizations.get(random.nextInt(organizations.size())).id());
      }
      if (path.contains("{assignee}")) {
        List<String> assignees = QueryPlan.assignees();
        path = path.replace("{assignee}", assignees.get(random.nextInt(assignees.size())));
      }
      return path;
    }

    /** The first organization and the first assignee filled in, to count what it matches. */
    String example() {
      return query
          .replace("{organization}", QueryPlan.organizations().get(0).id())
          .replace("{assignee}", QueryPlan.assignees().get(0));
    }
  }

  /**
   * Everything the benchmark found.
   *
   * @param setup how the tickets were made
   * @param ticketReads {@code GET /api/tickets/{id}}, one entry per client count
   * @param queueReads each queue query, one entry per client count
   * @param visibility the probe idle, then beside the command load
   */
  record Result(
      QuerySetup.Summary setup,
      List<ReadLoad.Stats> ticketReads,
      List<ReadLoad.Stats> queueReads,
      List<VisibilityProbe.Stats> visibility) {

    long errorCount() {
      long count = 0;
      for (ReadLoad.Stats stats : ticketReads) {
        count += stats.errorCount();
      }
      for (ReadLoad.Stats stats : queueReads) {
        count += stats.errorCount();
      }
      for (VisibilityProbe.Stats stats : visibility) {
        count += stats.errorCount();
      }
      return count;
    }
  }

  /** The queue queries measured, in report order. */
  static List<QueueQuery> queueQueries() {
    return List.of(
        new QueueQuery("queue", QUEUE),
        new QueueQuery("queue, one organization", QUEUE + "&organizationId={organization}"),
        new QueueQuery("queue, one assignee", QUEUE + "&assignee={assignee}"),
        new QueueQuery("queue, breached", QUEUE + "&slaStatus=BREACHED"),
        new QueueQuery("queue, at risk", QUEUE + "&slaStatus=AT_RISK"),
        new QueueQuery("queue, page 50", QUEUE + "&page=50"));
  }

  private final PrazoClient client;
  private final ObjectMapper json;

  QueryBenchmark(PrazoClient client, ObjectMapper json) {
    this.client = client;
    this.json = json;
  }

  /** Runs every part in turn; {@code settle} runs before each. */
  Result run(
      QuerySetup.Population population,
      QuerySetup.Summary summary,
      Options options,
      Duration grace,
      Settle settle,
      PrintStream progress)
      throws InterruptedException, SetupException {
    String agent = population.actors().agentToken();
    List<String> ids = population.ticketIds();
    ReadLoad reads = new ReadLoad(client, agent);

    List<ReadLoad.Stats> ticketReads = new ArrayList<>();
    for (int clients : options.ticketClients()) {
      settle.run();
      ticketReads.add(
          reads.run(
              "ticket by id",
              "/api/tickets/{id}",
              null,
              random -> "/api/tickets/" + ids.get(random.nextInt(ids.size())),
              clients,
              options.warmup(),
              options.duration(),
              grace,
              progress));
    }

    List<ReadLoad.Stats> queueReads = new ArrayList<>();
    for (QueueQuery query : queueQueries()) {
      long matching = client.read(query.example(), agent).path("total").asLong(-1);
      Function<SplittableRandom, String> paths = query::path;
      for (int clients : options.queueClients()) {
        settle.run();
        queueReads.add(
            reads.run(
                query.name(),
                query.query(),
                matching,
                paths,
                clients,
                options.warmup(),
                options.duration(),
                grace,
                progress));
      }
    }

    List<VisibilityProbe.Stats> visibility = new ArrayList<>();
    VisibilityProbe probe = new VisibilityProbe(client, json, agent, ids);
    settle.run();
    visibility.add(probe.run(0, options.warmup(), options.duration(), grace, progress));
    if (options.backgroundRate() > 0) {
      settle.run();
      visibility.add(
          probe.run(
              options.backgroundRate(), options.warmup(), options.duration(), grace, progress));
    }
    return new Result(summary, ticketReads, queueReads, visibility);
  }

  /** What runs before each part: a checkpoint and a pause, so no part pays for the last. */
  @FunctionalInterface
  interface Settle {
    void run() throws InterruptedException;
  }
}
