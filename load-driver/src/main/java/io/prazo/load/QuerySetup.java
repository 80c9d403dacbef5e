package io.prazo.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The query benchmark's set-up: the tokens, the benchmark policy and the organizations' contracts,
 * then {@code tickets} tickets opened by concurrent clients as their organizations' customers and
 * followed up by an agent as {@link QueryPlan} says (assigned or paused); then it waits until the
 * projections have caught up and the query view lists every ticket.
 */
final class QuerySetup {

  /** Statuses a ticket is open in. */
  static final String OPEN_STATUSES = "OPEN,IN_PROGRESS,AWAITING";

  private static final long PROGRESS_EVERY_MILLIS = 5_000;
  private static final long POLL_MILLIS = 500;

  /** The tokens of a run: supervisor, agent, and one customer per organization. */
  record Actors(String supervisorToken, String agentToken, Map<String, String> customerTokens) {}

  /**
   * The tickets, by plan index, and who acts on them.
   *
   * @param commands commands the set-up sent
   * @param seconds from its first command until its last was answered
   */
  record Population(List<String> ticketIds, Actors actors, long commands, double seconds) {}

  /**
   * How the set-up went.
   *
   * @param tickets tickets opened
   * @param commands commands sent (opens and follow-ups)
   * @param seconds from the first command until the last answered
   * @param catchUpSeconds from the last command until the projections had caught up
   * @param openByStatus tickets listed by the query view, per status
   */
  record Summary(
      int tickets,
      int organizations,
      long commands,
      double seconds,
      double commandsPerSecond,
      double catchUpSeconds,
      Map<String, Long> openByStatus) {}

  private final PrazoClient client;
  private final ObjectMapper json;
  private final byte[] pauseBody;

  QuerySetup(PrazoClient client, ObjectMapper json) {
    this.client = client;
    this.json = json;
    this.pauseBody = bytes(Map.of("reason", "AWAITING_CUSTOMER"));
  }

  /**
   * Checks the service, defines {@value QueryPlan#FAST_POLICY}, binds every organization to its
   * policy and gets the tokens.
   */
  static Actors prepare(PrazoClient client) throws SetupException, InterruptedException {
    client.checkHealth();
    String supervisor = client.issueToken("queue-supervisor", List.of("supervisor"), null);
    client.definePolicy(QueryPlan.FAST_POLICY, QueryPlan.fastPolicy(), supervisor);
    Map<String, String> customers = new LinkedHashMap<>();
    for (QueryPlan.Organization organization : QueryPlan.organizations()) {
      client.bindContract(organization.id(), organization.policyId(), supervisor);
      customers.put(
          organization.id(),
          client.issueToken(
              QueryPlan.customerId(organization), List.of("customer"), organization.id()));
    }
    String agent = client.issueToken("queue-agent", List.of("agent"), null);
    return new Actors(supervisor, agent, Map.copyOf(customers));
  }

  /**
   * Opens and follows up the tickets with {@code clients} concurrent clients, stopping at the first
   * refused command.
   *
   * @throws SetupException when a command failed
   */
  Population populate(Actors actors, int tickets, int clients, PrintStream progress)
      throws SetupException, InterruptedException {
    String[] ids = new String[tickets];
    AtomicInteger next = new AtomicInteger();
    LongAdder commands = new LongAdder();
    AtomicReference<String> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>(clients);
    for (int c = 0; c < clients; c++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int i = next.getAndIncrement();
                      i < tickets && failure.get() == null;
                      i = next.getAndIncrement()) {
                    ids[i] = create(i, actors, commands);
                  }
                } catch (SetupException e) {
                  failure.compareAndSet(null, e.getMessage());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "set-up-" + (c + 1));
      thread.setDaemon(true);
      threads.add(thread);
    }
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        thread.join(PROGRESS_EVERY_MILLIS);
        if (thread.isAlive()) {
          progress.println(progressLine(Math.min(next.get(), tickets), tickets, commands, start));
        }
      }
    }
    if (failure.get() != null) {
      throw new SetupException("set-up: " + failure.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    progress.println(progressLine(tickets, tickets, commands, start));
    return new Population(List.of(ids), actors, commands.sum(), seconds);
  }

  /**
   * Waits until every projection has caught up with the event store and the view lists at least
   * {@code tickets} open tickets.
   *
   * @return the set-up's summary
   */
  Summary awaitViews(Population population, Duration timeout, PrintStream progress)
      throws SetupException, InterruptedException {
    Actors actors = population.actors();
    int tickets = population.ticketIds().size();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextProgress = start;
    while (true) {
      JsonNode projections = client.read("/api/admin/projections", actors.supervisorToken());
      long lag = 0;
      for (JsonNode projection : projections) {
        lag = Math.max(lag, projection.path("lag").asLong(Long.MAX_VALUE));
      }
      long open = total(actors.agentToken(), "status=" + OPEN_STATUSES);
      if (lag == 0 && open >= tickets) {
        break;
      }
      long now = System.nanoTime();
      if (now - deadline > 0) {
        throw new SetupException(
            "the query view did not catch up within "
                + timeout
                + ": projection lag "
                + lag
                + ", "
                + open
                + " of "
                + tickets
                + " open tickets listed");
      }
      if (now - nextProgress >= 0) {
        progress.printf(
            Locale.ROOT,
            "[set-up] waiting for the views: lag %d events, %d of %d open tickets listed%n",
            lag,
            open,
            tickets);
        nextProgress = now + PROGRESS_EVERY_MILLIS * 1_000_000;
      }
      Thread.sleep(POLL_MILLIS);
    }
    double catchUp = (System.nanoTime() - start) / 1e9;
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (String status : OPEN_STATUSES.split(",")) {
      byStatus.put(status, total(actors.agentToken(), "status=" + status));
    }
    return new Summary(
        tickets,
        QueryPlan.ORGANIZATIONS,
        population.commands(),
        population.seconds(),
        population.seconds() > 0 ? population.commands() / population.seconds() : 0,
        catchUp,
        byStatus);
  }

  /** How many tickets a list query matches ({@code total} of its page). */
  long total(String token, String query) throws SetupException, InterruptedException {
    return client.read("/api/tickets?size=1&" + query, token).path("total").asLong(-1);
  }

  /** Opens ticket {@code index} and follows it up; its id. */
  private String create(int index, Actors actors, LongAdder commands)
      throws SetupException, InterruptedException {
    QueryPlan.Ticket plan = QueryPlan.ticket(index);
    QueryPlan.Organization organization = QueryPlan.organizations().get(plan.organization());
    PrazoClient.Response opened =
        client.postOrFail(
            "open",
            "/api/tickets",
            actors.customerTokens().get(organization.id()),
            openBody(index, organization, plan.priority()));
    commands.increment();
    String id = client.ticketIdOf(opened.body());
    if (id == null) {
      throw new SetupException("open answered without a usable ticketId: " + opened.body());
    }
    if (plan.assignee() != null) {
      client.postOrFail(
          "assignment",
          "/api/tickets/" + id + "/assignment",
          actors.agentToken(),
          bytes(Map.of("assignee", plan.assignee(), "level", "N1")));
      commands.increment();
    }
    if (plan.paused()) {
      client.postOrFail("pause", "/api/tickets/" + id + "/pause", actors.agentToken(), pauseBody);
      commands.increment();
    }
    return id;
  }

  private byte[] openBody(int index, QueryPlan.Organization organization, String priority) {
    Map<String, Object> requester = new LinkedHashMap<>();
    requester.put("id", QueryPlan.customerId(organization));
    requester.put("name", "Queue customer of " + organization.id());
    requester.put("email", organization.id() + "@load.example");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("organizationId", organization.id());
    body.put("requester", requester);
    body.put("subject", "Queue ticket " + index + ": invoices are not issued");
    body.put(
        "description",
        "Since this morning no invoice leaves the billing screen. Opened by the Prazo load driver"
            + " for the query benchmark.");
    body.put("channel", "PORTAL");
    body.put("priority", priority);
    return bytes(body);
  }

  private byte[] bytes(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String progressLine(int done, int tickets, LongAdder commands, long start) {
    double seconds = (System.nanoTime() - start) / 1e9;
    return String.format(
        Locale.ROOT,
        "[set-up] %d of %d tickets, %d commands in %.0f s (%.0f/s)",
        done,
        tickets,
        commands.sum(),
        seconds,
        seconds > 0 ? commands.sum() / seconds : 0);
  }
}
