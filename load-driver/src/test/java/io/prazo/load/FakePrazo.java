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
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the Prazo standalone, in-process: the dev token issuer, the contract binding and
 * the ticket commands the driver sends, strict about order, roles and bodies. Whatever the driver
 * gets wrong is answered 4xx and written down in {@link #problems()}.
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

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final Map<String, Principal> tokens = new ConcurrentHashMap<>();
  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
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

  /** What the driver did wrong, in order. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** Bodies of the contract bindings received, each prefixed with the caller's role. */
  List<String> contracts() {
    return List.copyOf(contracts);
  }

  int ticketsOpened() {
    return tickets.size();
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
      } else if (method.equals("PUT") && path.equals("/api/organizations/load-org/contract")) {
        Principal caller = tokens.get(bearer(exchange));
        if (caller == null || !caller.role().equals("supervisor")) {
          refuse(exchange, 403, "contract without a supervisor token");
          return;
        }
        contracts.add(caller.role() + " " + new String(body, StandardCharsets.UTF_8));
        answer(exchange, 200, "{\"organizationId\":\"load-org\",\"policyId\":\"pronnus\"}");
      } else if (method.equals("POST") && path.equals("/api/tickets")) {
        open(exchange, json.readTree(body));
      } else if (method.equals("POST") && path.startsWith("/api/tickets/")) {
        String[] parts = path.split("/");
        followUp(exchange, parts[3], parts[4], json.readTree(body));
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

  private void open(HttpExchange exchange, JsonNode ticket) throws IOException {
    Principal caller = tokens.get(bearer(exchange));
    if (caller == null || !caller.role().equals("customer")) {
      refuse(exchange, 403, "open without a customer token");
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
