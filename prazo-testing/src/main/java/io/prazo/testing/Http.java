package io.prazo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small real HTTP client for integration tests: JSON in, status, headers and JSON out. */
public final class Http {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Http(int port) {
    this("http://localhost:" + port);
  }

  /** A client of the server at {@code base}, e.g. {@code http://127.0.0.1:8081}. */
  public Http(String base) {
    this.base = base;
  }

  /** An answer: status, headers and the body parsed as JSON (null when empty or not JSON). */
  public record Answer(int status, HttpResponse<String> raw, JsonNode json) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String text(String field) {
      return json == null || json.get(field) == null ? null : json.get(field).asText();
    }

    public long version() {
      return json.get("version").asLong();
    }

    @Override
    public String toString() {
      return status + " " + raw.body();
    }
  }

  public Answer post(String path, String token, String body, String... headers) {
    return send("POST", path, token, body, headers);
  }

  public Answer put(String path, String token, String body, String... headers) {
    return send("PUT", path, token, body, headers);
  }

  public Answer get(String path, String token, String... headers) {
    return send("GET", path, token, null, headers);
  }

  public Answer send(String method, String path, String token, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      if (!response.body().isEmpty() && contentType.contains("json")) {
        json = MAPPER.readTree(response.body());
      }
      return new Answer(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A token from the dev issuer ({@code POST /dev/tokens}).
   *
   * @param org the customer's organization, or null
   */
  public String devToken(String subject, String role, String org) {
    Map<String, Object> request = new java.util.LinkedHashMap<>();
    request.put("sub", subject);
    request.put("roles", java.util.List.of(role));
    if (org != null) {
      request.put("org", org);
    }
    Answer answer = post("/dev/tokens", null, json(request));
    if (answer.status() != 200) {
      throw new IllegalStateException("no dev token: " + answer);
    }
    return answer.text("token");
  }

  public static String json(Map<String, ?> fields) {
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
