package io.prazo.command.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * {@code prazo.commands}: how long each command took, by type ({@code OpenTicket}) and outcome. One
 * timer per (type, outcome), made on first use and then found with one map look-up: no tags are
 * built per command (docs/benchmarks.md).
 */
public class CommandMetrics {
  public static final String NAME = "prazo.commands";

  /** How a command ended, as the {@code outcome} tag says it. */
  public enum Outcome {
    /** It was applied. */
    ACCEPTED("accepted"),
    /** Refused by a rule, a role or the ticket's state (a 4xx other than a concurrency one). */
    REJECTED("rejected"),
    /** A concurrent writer or a stale {@code If-Match} (409 concurrent-modification, 412). */
    CONFLICT("conflict"),
    /** Anything else: a server error. */
    ERROR("error");

    private final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  private static final Outcome[] OUTCOMES = Outcome.values();

  private final MeterRegistry registry;
  private final Map<Class<?>, Timer[]> timers = new ConcurrentHashMap<>();

  public CommandMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records one command's run. */
  public void record(Class<?> commandType, Outcome outcome, long nanos) {
    Timer[] byOutcome = timers.get(commandType);
    if (byOutcome == null) {
      byOutcome = timers.computeIfAbsent(commandType, t -> new Timer[OUTCOMES.length]);
    }
    Timer timer = byOutcome[outcome.ordinal()];
    if (timer == null) {
      // A race registers the same meter twice; the registry answers both with one timer.
      timer =
          Timer.builder(NAME)
              .description("Commands handled, by type and outcome")
              .tag("type", typeName(commandType))
              .tag("outcome", outcome.tag())
              .register(registry);
      byOutcome[outcome.ordinal()] = timer;
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** {@code AddReplyCommand} is {@code AddReply}. */
  static String typeName(Class<?> commandType) {
    String name = commandType.getSimpleName();
    return name.endsWith("Command") && name.length() > "Command".length()
        ? name.substring(0, name.length() - "Command".length())
        : name;
  }

  /** The outcome of a command that threw, by the answer the client gets for it. */
  public static Outcome outcomeOf(Throwable failure) {
    ProblemDetail problem = CommandProblems.problemFor(failure);
    if (problem == null) {
      return Outcome.ERROR;
    }
    if (problem.getStatus() == HttpStatus.PRECONDITION_FAILED.value()
        || failure instanceof ConcurrencyException) {
      return Outcome.CONFLICT;
    }
    return Outcome.REJECTED;
  }
}
