package io.prazo.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the Prazo standalone, in-process: the dev token issuer, policies, contract
 * bindings, the ticket commands the driver sends (strict about order, roles and bodies), and the
 * queries of the query benchmark, whose view of a ticket shows a command's version only {@link
 * #viewLag(Duration) a while} after the command was answered. Whatever the driver gets wrong is
 * answered 4xx and written down in {@link #problems()}.
 */
final class FakePrazo implements AutoCloseable {

  static {
    // Headers and body leave the JDK server in two writes: without this, Nagle's algorithm and
    // the client's delayed ACK add 40 ms to every answer (Tomcat sets TCP_NODELAY by default).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final List<String> FOLLOW_UPS =
      List.of("replies", "pause", "resume", "resolution", "approval");

  private record Principal(String subject, String role, String organization) {}

  private record Ticket(String owner, int nextStep) {}

  /** A ticket of the query benchmark, and when each of its versions shows in the view. */
  private static final class QueueTicket {
    final String organization;
    String status = "OPEN";
    String assignee;
    long version;
    final Map<Long, Long> visibleAt = new ConcurrentHashMap<>();

    QueueTicket(String organization) {
      this.organization = organization;
    }

    synchronized long visibleVersion(long now) {
      long visible = -1;
      for (Map.Entry<Long, Long> entry : visibleAt.entrySet()) {
        if (entry.getValue() - now <= 0) {
          visible = Math.max(visible, entry.getKey());
        }
      }
      return visible;
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final Map<String, Principal> tokens = new ConcurrentHashMap<>();
  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final Map<String, QueueTicket> queueTickets = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> policies = new ConcurrentHashMap<>();
  private final Map<String, String> boundPolicies = new ConcurrentHashMap<>();
  private final Queue<String> queries = new ConcurrentLinkedQueue<>();
  private volatile long viewLagNanos;
  private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
  private final Queue<String> problems = new ConcurrentLinkedQueue<>();
  private final Queue<String> contracts = new ConcurrentLinkedQueue<>();
  private volatile int healthStatus = 200;

  private FakePrazo() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static FakePrazo start() throws IOException {
    return new FakePrazo();
  }

  URI url() {
    return URI.create("http://localhost:" + server.getAddress().getPort());
  }

  /** From now on, answers every {@code segment} command (e.g. "pause") with {@code status}. */
  void refuse(String segment, int status) {
    refusals.put(segment, status);
  }

  void healthStatus(int status) {
    healthStatus = status;
  }

  /** How long after a command's answer the view shows its version. */
  void viewLag(Duration lag) {
    viewLagNanos = lag.toNanos();
  }

  /** The policies defined, by id. */
  Map<String, JsonNode> policies() {
    return Map.copyOf(policies);
  }

  /** The policy each organization is bound to. */
  Map<String, String> boundPolicies() {
    return Map.copyOf(boundPolicies);
  }

  /** Query-benchmark tickets by status. */
  Map<String, Long> queueTicketsByStatus() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    queueTickets.values().forEach(t -> counts.merge(t.status, 1L, Long::sum));
    return counts;
  }

  /** Query-benchmark tickets by assignee (unassigned ones left out). */
  Map<String, Long> queueTicketsByAssignee() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    queueTickets.values().stream()
        .filter(t -> t.assignee != null)
        .forEach(t -> counts.merge(t.assignee, 1L, Long::sum));
    return counts;
  }

  /** The query strings of the ticket lists asked for. */
  List<String> listQueries() {
    return List.copyOf(queries);
  }

  /** What the driver did wrong, in order. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** Bodies of the contract bindings received, each prefixed with the caller's role. */
  List<String> contracts() {
    return List.copyOf(contracts);
  }

  int ticketsOpened() {
    return tickets.size() + queueTickets.size();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!method.equals("GET") && !"application/json".equals(contentType)) {
        refuse(exchange, 415, method + " " + path + " with Content-Type " + contentType);
        return;
      }
      if (method.equals("GET") && path.equals("/actuator/health")) {
        answer(exchange, healthStatus, "{\"status\":\"UP\"}");
      } else if (method.equals("POST") && path.equals("/dev/tokens")) {
        issueToken(exchange, json.readTree(body));
      } else if (method.equals("PUT") && path.matches("/api/organizations/[^/]+/contract")) {
        contract(exchange, path.split("/")[3], body);
      } else if (method.equals("PUT") && path.matches("/api/policies/[^/]+")) {
        policy(exchange, path.split("/")[3], json.readTree(body));
      } else if (method.equals("GET") && path.equals("/api/admin/projections")) {
        Principal caller = tokens.get(bearer(exchange));
        if (caller == null || !caller.role().equals("supervisor")) {
          refuse(exchange, 403, "projections without a supervisor token");
          return;
        }
        answer(exchange, 200, "[{\"name\":\"ticket-query\",\"lag\":0}]");
      } else if (method.equals("GET") && path.equals("/api/tickets")) {
        list(exchange, exchange.getRequestURI().getRawQuery());
      } else if (method.equals("GET") && path.matches("/api/tickets/[^/]+")) {
        read(exchange, path.split("/")[3], exchange.getRequestURI().getRawQuery());
      } else if (method.equals("POST") && path.equals("/api/tickets")) {
        open(exchange, json.readTree(body));
      } else if (method.equals("POST") && path.startsWith("/api/tickets/")) {
        String[] parts = path.split("/");
        if (queueTickets.containsKey(parts[3])) {
          queueCommand(exchange, parts[3], parts[4], json.readTree(body));
        } else {
          followUp(exchange, parts[3], parts[4], json.readTree(body));
        }
      } else {
        refuse(exchange, 404, method + " " + path);
      }
    }
  }

  private void issueToken(HttpExchange exchange, JsonNode claims) throws IOException {
    String token = "token-" + UUID.randomUUID();
    String organization = claims.hasNonNull("org") ? claims.get("org").asText() : null;
    tokens.put(
        token,
        new Principal(
            claims.get("sub").asText(), claims.get("roles").get(0).asText(), organization));
    answer(exchange, 200, "{\"token\":\"" + token + "\"}");
  }

  private void contract(HttpExchange exchange, String organization, byte[] body)
      throws IOException {
    Principal caller = tokens.get(bearer(exchange));
    if (caller == null || !caller.role().equals("supervisor")) {
      refuse(exchange, 403, "contract without a supervisor token");
      return;
    }
    String policy = json.readTree(body).path("policyId").asText();
    boolean preset =
        List.of("pronnus", "wati-business-plus", "presence", "standard").contains(policy);
    if (!preset && !policies.containsKey(policy)) {
      refuse(exchange, 422, "contract of " + organization + " with unknown policy " + policy);
      return;
    }
    contracts.add(caller.role() + " " + new String(body, StandardCharsets.UTF_8));
    boundPolicies.put(organization, policy);
    answer(
        exchange,
        200,
        "{\"organizationId\":\"" + organization + "\",\"policyId\":\"" + policy + "\"}");
  }

  private void policy(HttpExchange exchange, String id, JsonNode policy) throws IOException {
    Principal caller = tokens.get(bearer(exchange));
    if (caller == null || !caller.role().equals("supervisor")) {
      refuse(exchange, 403, "policy without a supervisor token");
      return;
    }
    double warnAt = policy.path("warnAt").asDouble(-1);
    if (!id.equals(policy.path("id").asText())
        || !(warnAt > 0 && warnAt < 1)
        || !policy.path("priorities").isArray()
        || policy.path("priorities").isEmpty()) {
      refuse(exchange, 422, "bad policy " + policy);
      return;
    }
    policies.put(id, policy);
    answer(exchange, 200, policy.toString());
  }

  private void open(HttpExchange exchange, JsonNode ticket) throws IOException {
    Principal caller = tokens.get(bearer(exchange));
    if (caller == null || !caller.role().equals("customer")) {
      refuse(exchange, 403, "open without a customer token");
      return;
    }
    if (!"load-org".equals(ticket.path("organizationId").asText())) {
      openQueueTicket(exchange, caller, ticket);
      return;
    }
    JsonNode requester = ticket.path("requester");
    boolean valid =
        "load-org".equals(caller.organization())
            && "load-org".equals(ticket.path("organizationId").asText())
            && caller.subject().equals(requester.path("id").asText())
            && !requester.path("name").asText().isBlank()
            && requester.path("email").asText().contains("@")
            && !ticket.path("subject").asText().isBlank()
            && !ticket.path("description").asText().isBlank()
            && "PORTAL".equals(ticket.path("channel").asText())
            && "HIGH".equals(ticket.path("priority").asText());
    if (!valid) {
      refuse(exchange, 400, "bad open body " + ticket + " from " + caller);
      return;
    }
    String id = UUID.randomUUID().toString();
    tickets.put(id, new Ticket(caller.subject(), 0));
    answer(
        exchange,
        201,
        "{\"ticketId\":\""
            + id
            + "\",\"version\":1,\"priority\":\"HIGH\",\"policyId\":\"pronnus\"}");
  }

  private void followUp(HttpExchange exchange, String id, String segment, JsonNode body)
      throws IOException {
    Ticket ticket = tickets.get(id);
    Principal caller = tokens.get(bearer(exchange));
    if (ticket == null || caller == null) {
      refuse(exchange, 404, segment + " on unknown ticket or without token");
      return;
    }
    Integer refusal = refusals.get(segment);
    if (refusal != null) {
      answer(exchange, refusal, "{\"status\":" + refusal + ",\"title\":\"refused on purpose\"}");
      return;
    }
    int step = FOLLOW_UPS.indexOf(segment);
    if (step != ticket.nextStep()) {
      refuse(exchange, 409, segment + " out of order on " + id);
      return;
    }
    boolean rightCaller =
        segment.equals("approval")
            ? caller.role().equals("customer") && caller.subject().equals(ticket.owner())
            : caller.role().equals("agent");
    if (!rightCaller) {
      refuse(exchange, 403, segment + " by " + caller);
      return;
    }
    boolean rightBody =
        switch (segment) {
          case "replies" ->
              !body.path("body").asText().isBlank() && body.path("public").asBoolean(false);
          case "pause" -> "AWAITING_CUSTOMER".equals(body.path("reason").asText());
          case "resume" -> body.isObject() && body.isEmpty();
          case "resolution" ->
              "PRODUCT_ERROR".equals(body.path("category").asText())
                  && !body.path("summary").asText().isBlank();
          default -> body.path("approved").asBoolean(false);
        };
    if (!rightBody) {
      refuse(exchange, 400, "bad " + segment + " body " + body);
      return;
    }
    tickets.put(id, new Ticket(ticket.owner(), step + 1));
    answer(exchange, 200, "{\"ticketId\":\"" + id + "\",\"version\":" + (step + 2) + "}");
  }

  /** A query-benchmark ticket: its organization bound, its priority on the policy's scale. */
  private void openQueueTicket(HttpExchange exchange, Principal caller, JsonNode ticket)
      throws IOException {
    String organization = ticket.path("organizationId").asText();
    String policy = boundPolicies.get(organization);
    String priority = ticket.path("priority").asText();
    List<String> scale =
        policy == null
            ? List.of()
            : policies.containsKey(policy)
                ? policies.get(policy).findValuesAsText("id").stream()
                    .filter(p -> !p.equals(policy))
                    .toList()
                : switch (policy) {
                  case "pronnus" -> List.of("URGENT", "HIGH", "MEDIUM", "LOW");
                  case "presence" -> List.of("P0", "P1", "P2", "P3");
                  default -> List.of("P1", "P2", "P3", "P4");
                };
    boolean valid =
        organization.equals(caller.organization())
            && caller.subject().equals(ticket.path("requester").path("id").asText())
            && !ticket.path("subject").asText().isBlank()
            && "PORTAL".equals(ticket.path("channel").asText())
            && scale.contains(priority);
    if (!valid) {
      refuse(exchange, 400, "bad open body " + ticket + " from " + caller + ", policy " + policy);
      return;
    }
    String id = UUID.randomUUID().toString();
    QueueTicket created = new QueueTicket(organization);
    created.visibleAt.put(0L, System.nanoTime() + viewLagNanos);
    queueTickets.put(id, created);
    answer(exchange, 201, "{\"ticketId\":\"" + id + "\",\"version\":0}");
  }

  /** Assignment, internal note or pause of a query-benchmark ticket, by an agent. */
  private void queueCommand(HttpExchange exchange, String id, String segment, JsonNode body)
      throws IOException {
    QueueTicket ticket = queueTickets.get(id);
    Principal caller = tokens.get(bearer(exchange));
    if (caller == null || !caller.role().equals("agent")) {
      refuse(exchange, 403, segment + " on " + id + " without an agent token");
      return;
    }
    Integer refusal = refusals.get(segment);
    if (refusal != null) {
      answer(exchange, refusal, "{\"status\":" + refusal + ",\"title\":\"refused on purpose\"}");
      return;
    }
    long version;
    synchronized (ticket) {
      switch (segment) {
        case "assignment" -> {
          if (body.path("assignee").asText().isBlank()
              || !"N1".equals(body.path("level").asText())) {
            refuse(exchange, 400, "bad assignment " + body);
            return;
          }
          ticket.assignee = body.path("assignee").asText();
          if (ticket.status.equals("OPEN")) {
            ticket.status = "IN_PROGRESS";
          }
        }
        case "pause" -> {
          if (!"AWAITING_CUSTOMER".equals(body.path("reason").asText())
              || ticket.status.equals("AWAITING")) {
            refuse(exchange, 409, "bad pause " + body + " of a " + ticket.status + " ticket");
            return;
          }
          ticket.status = "AWAITING";
        }
        case "replies" -> {
          if (body.path("body").asText().isBlank() || !body.path("public").isBoolean()) {
            refuse(exchange, 400, "bad reply " + body);
            return;
          }
        }
        default -> {
          refuse(exchange, 404, segment + " is no command of the query benchmark");
          return;
        }
      }
      version = ++ticket.version;
      ticket.visibleAt.put(version, System.nanoTime() + viewLagNanos);
    }
    answer(exchange, 200, "{\"ticketId\":\"" + id + "\",\"version\":" + version + "}");
  }

  /** {@code GET /api/tickets/{id}}, with {@code ?minVersion=} waiting for the view. */
  private void read(HttpExchange exchange, String id, String query) throws IOException {
    QueueTicket ticket = queueTickets.get(id);
    Principal caller = tokens.get(bearer(exchange));
    if (caller == null || ticket == null) {
      refuse(exchange, 404, "read of unknown ticket " + id + " or without token");
      return;
    }
    long minVersion =
        query != null && query.startsWith("minVersion=")
            ? Long.parseLong(query.substring("minVersion=".length()))
            : -1;
    Long due = ticket.visibleAt.get(minVersion);
    if (due != null) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
    }
    long visible = ticket.visibleVersion(System.nanoTime());
    answer(
        exchange,
        200,
        "{\"ticketId\":\""
            + id
            + "\",\"status\":\""
            + ticket.status
            + "\",\"sla\":{\"policyVersion\":1},\"version\":"
            + visible
            + "}");
  }

  /** {@code GET /api/tickets}: a page of none, with the total of status, organization, assignee. */
  private void list(HttpExchange exchange, String query) throws IOException {
    if (tokens.get(bearer(exchange)) == null) {
      refuse(exchange, 401, "list without token");
      return;
    }
    queries.add(query);
    Map<String, String> parameters = new java.util.HashMap<>();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      int equals = pair.indexOf('=');
      parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    List<String> statuses =
        parameters.containsKey("status")
            ? List.of(parameters.get("status").split(","))
            : List.of("OPEN", "IN_PROGRESS", "AWAITING");
    long total =
        queueTickets.values().stream()
            .filter(t -> statuses.contains(t.status))
            .filter(
                t ->
                    !parameters.containsKey("organizationId")
                        || t.organization.equals(parameters.get("organizationId")))
            .filter(
                t ->
                    !parameters.containsKey("assignee")
                        || parameters.get("assignee").equals(t.assignee))
            .count();
    answer(exchange, 200, "{\"items\":[],\"page\":0,\"size\":20,\"total\":" + total + "}");
  }

  private void refuse(HttpExchange exchange, int status, String problem) throws IOException {
    problems.add(problem);
    answer(exchange, status, "{\"status\":" + status + ",\"detail\":\"" + problem + "\"}");
  }

  private static String bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
