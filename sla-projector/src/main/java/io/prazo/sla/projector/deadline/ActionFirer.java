package io.prazo.sla.projector.deadline;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.prazo.sla.SlaAction;
import io.prazo.sla.projector.deadline.ActionAttempts.Attempt;
import io.prazo.sla.projector.deadline.ActionAttempts.Outcome;
import io.prazo.sla.projector.projection.TicketClockStore;
import io.prazo.sla.projector.projection.TicketClockStore.DueTicket;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the actions that are due, in the order a real clock reaches them, and records each answer.
 *
 * <p>An action is owed while the projection lists it: its effect (an event) or anything that makes
 * it moot (an approval, a close) removes it. Until then it is sent again after failures, with the
 * same idempotency key, backing off up to {@code maxRetryDelay}; once ticket-command has accepted
 * or refused it, it is not sent again. Only the instance that owns a ticket's segment, live and
 * caught up, sends that ticket's actions.
 */
public class ActionFirer {
  private static final Logger log = LoggerFactory.getLogger(ActionFirer.class);
  private static final int PAGE = 500;
  private static final Comparator<SlaAction> DUE_ORDER =
      Comparator.comparing(SlaAction::dueAt).thenComparing(SlaAction::id);

  private final TicketClockStore clocks;
  private final ActionAttempts attempts;
  private final ProjectorStatus status;
  private final TicketCommandClient client;
  private final Clock clock;
  private final Duration maxRetryDelay;
  private final SlaMetrics metrics;
  private final Tracer tracer;
  private final Clock realClock = Clock.systemUTC();

  public ActionFirer(
      TicketClockStore clocks,
      ActionAttempts attempts,
      ProjectorStatus status,
      TicketCommandClient client,
      Clock clock,
      Duration maxRetryDelay,
      SlaMetrics metrics,
      Tracer tracer) {
    this.clocks = clocks;
    this.attempts = attempts;
    this.status = status;
    this.client = client;
    this.clock = clock;
    this.maxRetryDelay = maxRetryDelay;
    this.metrics = metrics;
    this.tracer = tracer;
  }

  /** An owed action with what its meters are tagged by. */
  private record Owed(SlaAction action, String priority, String policyId) {
    Instant dueAt() {
      return action.dueAt();
    }
  }

  private static final Comparator<Owed> OWED_ORDER = Comparator.comparing(Owed::action, DUE_ORDER);

  /** What one pass did. */
  public record Pass(int accepted, int refused, int failed) {}

  /** Sends every owed action due by the clock's current reading that this instance owns. */
  public synchronized Pass fireDue() {
    Instant now = clock.instant();
    int accepted = 0;
    int refused = 0;
    int failed = 0;
    for (Owed action : owed(now, true)) {
      switch (send(action)) {
        case ACCEPTED -> accepted++;
        case REFUSED -> refused++;
        case RETRYING -> failed++;
      }
    }
    return new Pass(accepted, refused, failed);
  }

  /**
   * The due instant of the earliest action owed by {@code upTo} that this instance owns and has not
   * had acknowledged, whether or not its retry delay has passed.
   */
  public synchronized Optional<Instant> nextDue(Instant upTo) {
    return owed(upTo, false).stream().map(Owed::dueAt).findFirst();
  }

  private List<Owed> owed(Instant upTo, boolean respectRetryDelay) {
    Collection<EventTrackerStatus> segments = status.segments();
    // One page per pass: what is left is still due at the next pass.
    List<Owed> candidates = new ArrayList<>();
    for (DueTicket ticket : clocks.dueBy(upTo, PAGE)) {
      if (!status.acts(ticket.ticketId(), segments)) {
        continue;
      }
      for (SlaAction action : ticket.actions()) {
        if (!action.dueAt().isAfter(upTo)) {
          candidates.add(new Owed(action, ticket.priority(), ticket.policyId()));
        }
      }
    }
    Map<String, Attempt> tried =
        attempts.of(candidates.stream().map(owed -> owed.action().id()).toList());
    Instant realNow = realClock.instant();
    List<Owed> owed = new ArrayList<>();
    for (Owed candidate : candidates) {
      Attempt attempt = tried.get(candidate.action().id());
      if (attempt == null
          || (!attempt.outcome().settled()
              && (!respectRetryDelay || !realNow.isBefore(retryAt(attempt))))) {
        owed.add(candidate);
      }
    }
    owed.sort(OWED_ORDER);
    return owed;
  }

  private Instant retryAt(Attempt attempt) {
    long seconds = 1L << Math.min(20, attempt.attempts() - 1);
    Duration delay = Duration.ofSeconds(seconds);
    return attempt.lastAttemptAt().plus(delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay);
  }

  /**
   * Sends one action in a span of its own (a child of the test clock's request when that moved the
   * clock), so its log lines here and in ticket-command share a trace id.
   */
  private Outcome send(Owed owed) {
    Span span = tracer.nextSpan().name("sla-action").start();
    try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
      Outcome outcome = sendAndRecord(owed.action());
      metrics.answered(owed.action(), owed.priority(), owed.policyId(), outcome);
      return outcome;
    } finally {
      span.end();
    }
  }

  private Outcome sendAndRecord(SlaAction action) {
    Instant at = realClock.instant();
    try {
      TicketCommandClient.Answer answer = client.send(action);
      Outcome outcome = classify(answer.status());
      attempts.record(action, at, outcome, answer.status(), answer.body());
      if (outcome == Outcome.REFUSED) {
        log.info(
            "{} refused by ticket-command ({}): {}", action.id(), answer.status(), answer.body());
      } else if (outcome == Outcome.RETRYING) {
        log.warn("{} not taken ({}), will retry: {}", action.id(), answer.status(), answer.body());
      } else {
        log.debug("{} accepted", action.id());
      }
      return outcome;
    } catch (IOException e) {
      attempts.record(action, at, Outcome.RETRYING, null, e.toString());
      log.warn("{} not sent, will retry: {}", action.id(), e.toString());
      return Outcome.RETRYING;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      attempts.record(action, at, Outcome.RETRYING, null, "interrupted");
      return Outcome.RETRYING;
    }
  }

  /**
   * 2xx: done. 404, 409 and 422 mean the ticket moved on (closed, answered, already escalated), so
   * the action is moot. Anything else (401 after a key change, 403 from a misconfigured token, 412,
   * 429, 5xx) may pass: send it again later.
   */
  static Outcome classify(int status) {
    if (status >= 200 && status < 300) {
      return Outcome.ACCEPTED;
    }
    return switch (status) {
      case 404, 409, 422 -> Outcome.REFUSED;
      default -> Outcome.RETRYING;
    };
  }
}
