package io.prazo.sla.projector.deadline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.prazo.events.EscalationReason;
import io.prazo.sla.SlaAction;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sends due actions to ticket-command over HTTP as the {@code system} role: an escalation with
 * reason {@code SLA_BREACH} and its metric, or an auto-close naming its approval request. The
 * action's id is the {@code Idempotency-Key}, so sending it again (after a crash, a lost answer, a
 * second instance) has the effect of the first send and gets its answer.
 */
public class TicketCommandClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Supplier<URI> baseUrl;
  private final Supplier<String> token;
  private final Tracer tracer;
  private final Propagator propagator;

  public TicketCommandClient(Supplier<URI> baseUrl, Supplier<String> token) {
    this(baseUrl, token, Tracer.NOOP, Propagator.NOOP);
  }

  /**
   * @param tracer whose current span's context each request carries ({@code traceparent}), so
   *     ticket-command's logs of the command show the projector's trace id
   */
  public TicketCommandClient(
      Supplier<URI> baseUrl, Supplier<String> token, Tracer tracer, Propagator propagator) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** What ticket-command answered: the HTTP status and body. */
  public record Answer(int status, String body) {}

  /**
   * Sends one action and returns ticket-command's answer.
   *
   * @throws IOException when no answer came (connection refused, timeout)
   */
  public Answer send(SlaAction action) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    String path;
    if (action instanceof SlaAction.Escalation e) {
      path = "escalations";
      body.put("reason", EscalationReason.SLA_BREACH.name());
      body.put("metric", e.metric().name());
      body.put("note", "the " + e.metric() + " target was missed at " + e.dueAt());
    } else if (action instanceof SlaAction.AutoClose c) {
      path = "auto-close";
      body.put("approvalRequestId", c.approvalRequestId());
    } else {
      throw new IllegalArgumentException("unknown action " + action);
    }
    URI uri =
        baseUrl
            .get()
            .resolve(
                "/api/tickets/"
                    + URLEncoder.encode(action.ticketId(), StandardCharsets.UTF_8)
                    + "/"
                    + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token.get())
            .header("Idempotency-Key", action.id())
            .header("X-Correlation-Id", action.id())
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    Span current = tracer.currentSpan();
    if (current != null) {
      propagator.inject(current.context(), request, HttpRequest.Builder::header);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }
}
