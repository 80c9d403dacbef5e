package io.prazo.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The few HTTP calls the driver makes to Prazo, over {@link RawHttp}: each client thread keeps its
 * own kept-alive HTTP/1.1 connection. Thread-safe.
 */
final class PrazoClient {

  /** An answer: its status and body. */
  record Response(int status, String body) {
    boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._~-]+");

  private final RawHttp http;
  private final String base;
  private final ObjectMapper json;

  PrazoClient(URI base, Duration requestTimeout, ObjectMapper json) {
    this.http = new RawHttp(base, requestTimeout);
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.json = json;
  }

  String baseUrl() {
    return base;
  }

  Response get(String path, String token) throws IOException, InterruptedException {
    return send("GET", path, token, null);
  }

  Response post(String path, String token, byte[] body) throws IOException, InterruptedException {
    return send("POST", path, token, body);
  }

  Response put(String path, String token, byte[] body) throws IOException, InterruptedException {
    return send("PUT", path, token, body);
  }

  /**
   * A set-up command that must succeed: its answer when 2xx.
   *
   * @param what what the command is, for the message
   * @throws SetupException when it cannot be sent or is refused
   */
  Response postOrFail(String what, String path, String token, byte[] body)
      throws SetupException, InterruptedException {
    Response response;
    try {
      response = post(path, token, body);
    } catch (IOException e) {
      throw new SetupException(what + " failed: " + describe(e), e);
    }
    if (!response.isSuccess()) {
      throw new SetupException(what + " was refused: " + response.status() + " " + response.body());
    }
    return response;
  }

  /**
   * The {@code ticketId} of a command's answer, when it is a plain id safe to put in a path; null
   * otherwise.
   */
  String ticketIdOf(String body) {
    try {
      JsonNode id = json.readTree(body).get("ticketId");
      return id != null && id.isValueNode() && SAFE_ID.matcher(id.asText()).matches()
          ? id.asText()
          : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Fails unless {@code GET /actuator/health} answers 200. */
  void checkHealth() throws SetupException, InterruptedException {
    Response health;
    try {
      health = get("/actuator/health", null);
    } catch (IOException e) {
      throw new SetupException("Prazo is not answering on " + base + ": " + describe(e), e);
    }
    if (health.status() != 200) {
      throw new SetupException(
          "Prazo on " + base + " is not healthy: GET /actuator/health -> " + summary(health));
    }
  }

  /**
   * A token from the standalone's dev issuer ({@code POST /dev/tokens}).
   *
   * @param organization the {@code org} claim, or null for none
   */
  String issueToken(String subject, List<String> roles, String organization)
      throws SetupException, InterruptedException {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", subject);
    claims.put("roles", roles);
    if (organization != null) {
      claims.put("org", organization);
    }
    Response response =
        setupCall("POST /dev/tokens for " + subject, false, "/dev/tokens", null, claims);
    try {
      JsonNode token = json.readTree(response.body()).get("token");
      if (token == null || !token.isTextual() || token.asText().isBlank()) {
        throw new SetupException(
            "POST /dev/tokens for " + subject + " answered without a token: " + summary(response));
      }
      return token.asText();
    } catch (IOException e) {
      throw new SetupException(
          "POST /dev/tokens for " + subject + " answered no JSON: " + summary(response), e);
    }
  }

  /**
   * Binds {@code organization} to {@code policyId} ({@code PUT /api/organizations/{id}/contract}).
   */
  void bindContract(String organization, String policyId, String supervisorToken)
      throws SetupException, InterruptedException {
    setupCall(
        "PUT contract of " + organization,
        true,
        "/api/organizations/" + organization + "/contract",
        supervisorToken,
        Map.of("policyId", policyId));
  }

  /** Defines a policy, or its next version ({@code PUT /api/policies/{id}}). */
  void definePolicy(String policyId, Object document, String supervisorToken)
      throws SetupException, InterruptedException {
    setupCall(
        "PUT policy " + policyId, true, "/api/policies/" + policyId, supervisorToken, document);
  }

  /**
   * The JSON answer to a GET made while setting up; anything but a 2xx with JSON fails. A GET that
   * finds its connection closed (the server closes one left idle) is sent once more, on a new one.
   */
  JsonNode read(String path, String token) throws SetupException, InterruptedException {
    Response response;
    try {
      response = get(path, token);
    } catch (IOException closed) {
      try {
        response = get(path, token);
      } catch (IOException e) {
        throw new SetupException("GET " + path + " failed: " + describe(e), e);
      }
    }
    if (!response.isSuccess()) {
      throw new SetupException("GET " + path + " was refused: " + summary(response));
    }
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new SetupException("GET " + path + " answered no JSON: " + summary(response), e);
    }
  }

  /** A request body as JSON bytes. */
  byte[] body(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Response setupCall(String what, boolean put, String path, String token, Object body)
      throws SetupException, InterruptedException {
    Response response;
    try {
      byte[] bytes = json.writeValueAsBytes(body);
      response = put ? put(path, token, bytes) : post(path, token, bytes);
    } catch (IOException e) {
      throw new SetupException(what + " failed: " + describe(e), e);
    }
    if (!response.isSuccess()) {
      throw new SetupException(what + " was refused: " + summary(response));
    }
    return response;
  }

  private Response send(String method, String path, String token, byte[] body)
      throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    RawHttp.Answer answer = http.exchange(method, path, token, body);
    return new Response(answer.status(), answer.body());
  }

  /** Closes every connection this client opened. */
  void close() {
    http.close();
  }

  private static String summary(Response response) {
    String body = response.body() == null ? "" : response.body().strip();
    return response.status() + (body.isEmpty() ? "" : " " + body);
  }

  static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }
}
