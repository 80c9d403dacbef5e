package io.prazo.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The command benchmark: concurrent clients, each opening tickets as its own customer and taking
 * every ticket through reply, pause, resume, resolution (as the agent) and approval (as the
 * customer). Closed loop: a client sends its next command when the previous one has answered.
 */
final class CommandBenchmark {

  static final String ORGANIZATION = "load-org";
  static final String POLICY = "pronnus";

  /** After a transport failure (no answer at all), so a dead server does not spin the clients. */
  private static final long TRANSPORT_ERROR_PAUSE_MS = 100;

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._~-]+");

  /** The tokens a run uses: one agent, and one customer per client. */
  record Actors(String agentToken, List<String> customerTokens) {}

  /** Successful measured commands of one type, and its failures in the measured window. */
  record CommandStats(long count, double perSecond, long errors, LatencyMs latencyMs) {}

  /**
   * The outcome.
   *
   * @param total every successful command started in the measured window
   * @param byCommand the same per command, in the order a ticket sees them
   * @param errors failures in the measured window, by status (or exception name)
   * @param warmupErrors failures during warm-up, by status (or exception name)
   * @param errorExamples the first answer of each kind of failure
   */
  record Result(
      int clients,
      double measuredSeconds,
      Measured total,
      Map<String, CommandStats> byCommand,
      Map<String, Long> errors,
      Map<String, Long> warmupErrors,
      List<String> errorExamples) {

    long errorCount() {
      return Errors.total(errors, warmupErrors);
    }
  }

  private final PrazoClient client;
  private final ObjectMapper json;
  private final Map<CommandType, byte[]> followUpBodies;

  CommandBenchmark(PrazoClient client, ObjectMapper json) {
    this.client = client;
    this.json = json;
    this.followUpBodies = new EnumMap<>(CommandType.class);
    followUpBodies.put(
        CommandType.REPLY,
        client.body(Map.of("body", "Looking into it (load test).", "public", true)));
    followUpBodies.put(CommandType.PAUSE, client.body(Map.of("reason", "AWAITING_CUSTOMER")));
    followUpBodies.put(CommandType.RESUME, client.body(Map.of()));
    followUpBodies.put(
        CommandType.RESOLVE,
        client.body(Map.of("category", "PRODUCT_ERROR", "summary", "Fixed during the load test.")));
    followUpBodies.put(CommandType.APPROVE, client.body(Map.of("approved", true)));
  }

  static String customerId(int client) {
    return "load-cust-" + client;
  }

  /**
   * Checks the service is up, binds {@link #ORGANIZATION} to {@link #POLICY} and gets the tokens
   * for {@code clients} clients.
   */
  static Actors prepare(PrazoClient client, int clients)
      throws SetupException, InterruptedException {
    client.checkHealth();
    String supervisor = client.issueToken("load-supervisor", List.of("supervisor"), null);
    client.bindContract(ORGANIZATION, POLICY, supervisor);
    String agent = client.issueToken("load-agent", List.of("agent"), null);
    List<String> customers = new ArrayList<>(clients);
    for (int i = 1; i <= clients; i++) {
      customers.add(client.issueToken(customerId(i), List.of("customer"), ORGANIZATION));
    }
    return new Actors(agent, customers);
  }

  Result run(
      Actors actors, Duration warmup, Duration duration, Duration grace, PrintStream progress)
      throws InterruptedException {
    LongAdder completed = new LongAdder();
    Phases phases = Phases.startingAt(System.nanoTime(), warmup, duration);
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < actors.customerTokens().size(); i++) {
      clients.add(
          new Client(
              i + 1, actors.customerTokens().get(i), actors.agentToken(), phases, completed));
    }
    Workers.run("commands", clients, phases, completed, progress, grace);

    Histogram all = Histograms.micros();
    Map<String, CommandStats> byCommand = new LinkedHashMap<>();
    Errors errors = new Errors();
    Errors warmupErrors = new Errors();
    for (CommandType type : CommandType.values()) {
      Histogram merged = Histograms.micros();
      long failed = 0;
      for (Client c : clients) {
        merged.add(c.latencies.get(type));
        failed += c.measuredErrors[type.ordinal()];
      }
      all.add(merged);
      Measured measured = Measured.of(merged, phases.measured());
      byCommand.put(
          type.label(),
          new CommandStats(measured.count(), measured.perSecond(), failed, measured.latencyMs()));
    }
    for (Client c : clients) {
      errors.addAll(c.errors);
      warmupErrors.addAll(c.warmupErrors);
    }
    return new Result(
        clients.size(),
        phases.measured().toNanos() / 1e9,
        Measured.of(all, phases.measured()),
        byCommand,
        errors.counts(),
        warmupErrors.counts(),
        Errors.examples(errors, warmupErrors));
  }

  /** One client thread. Its tallies are read by the main thread after it has ended. */
  private final class Client implements Runnable {

    private final int number;
    private final String customerToken;
    private final String agentToken;
    private final Phases phases;
    private final LongAdder completed;
    private final Map<CommandType, Histogram> latencies = new EnumMap<>(CommandType.class);
    private final long[] measuredErrors = new long[CommandType.values().length];
    private final Errors errors = new Errors();
    private final Errors warmupErrors = new Errors();
    private int tickets;

    Client(int number, String customerToken, String agentToken, Phases phases, LongAdder done) {
      this.number = number;
      this.customerToken = customerToken;
      this.agentToken = agentToken;
      this.phases = phases;
      this.completed = done;
      for (CommandType type : CommandType.values()) {
        latencies.put(type, Histograms.micros());
      }
    }

    @Override
    public void run() {
      try {
        while (!phases.isOver(System.nanoTime())) {
          runOneTicket();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Opens a ticket and takes it as far as the time allows; gives it up on a failure. */
    private void runOneTicket() throws InterruptedException {
      tickets++;
      long start = System.nanoTime();
      PrazoClient.Response opened = send(CommandType.OPEN, null, openBody());
      if (opened == null) {
        return;
      }
      String ticketId = ticketId(opened.body());
      if (ticketId == null) {
        failed(CommandType.OPEN, start, "201 without a usable ticketId", opened.body());
        return;
      }
      for (CommandType type : CommandType.values()) {
        if (type == CommandType.OPEN) {
          continue;
        }
        if (phases.isOver(System.nanoTime())
            || send(type, ticketId, followUpBodies.get(type)) == null) {
          return;
        }
      }
    }

    /** Sends one command, measured; null when it failed (and was counted). */
    private PrazoClient.Response send(CommandType type, String ticketId, byte[] body)
        throws InterruptedException {
      String token = type.byAgent() ? agentToken : customerToken;
      long start = System.nanoTime();
      PrazoClient.Response response;
      try {
        response = client.post(type.path(ticketId), token, body);
      } catch (IOException e) {
        completed.increment();
        failed(type, start, e.getClass().getSimpleName(), e.getMessage());
        Thread.sleep(TRANSPORT_ERROR_PAUSE_MS);
        return null;
      }
      long end = System.nanoTime();
      completed.increment();
      if (!response.isSuccess()) {
        failed(type, start, String.valueOf(response.status()), response.body());
        return null;
      }
      if (phases.measures(start)) {
        Histograms.record(latencies.get(type), start, end);
      }
      return response;
    }

    private void failed(CommandType type, long start, String kind, String detail) {
      if (phases.isWarmingUp(start)) {
        warmupErrors.add(kind, type.label(), detail);
      } else {
        errors.add(kind, type.label(), detail);
        measuredErrors[type.ordinal()]++;
      }
    }

    private byte[] openBody() {
      String customer = customerId(number);
      Map<String, Object> requester = new LinkedHashMap<>();
      requester.put("id", customer);
      requester.put("name", "Load " + number);
      requester.put("email", number + "@load.example");
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("organizationId", ORGANIZATION);
      body.put("requester", requester);
      body.put("subject", "Load ticket " + number + "-" + tickets + ": the report export fails");
      body.put(
          "description",
          "Exporting the monthly report stops with an error since this morning. Opened by the"
              + " Prazo load driver, client "
              + number
              + ".");
      body.put("channel", "PORTAL");
      body.put("priority", "HIGH");
      return client.body(body);
    }

    private String ticketId(String body) {
      try {
        JsonNode id = json.readTree(body).get("ticketId");
        if (id == null || !id.isValueNode() || !SAFE_ID.matcher(id.asText()).matches()) {
          return null;
        }
        return id.asText();
      } catch (IOException e) {
        return null;
      }
    }
  }
}
