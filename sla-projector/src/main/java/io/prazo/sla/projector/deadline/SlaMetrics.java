package io.prazo.sla.projector.deadline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.prazo.events.SlaMetric;
import io.prazo.sla.SlaAction;
import io.prazo.sla.projector.deadline.ActionAttempts.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The projector's meters: {@code prazo.sla.actions.fired} (type, outcome), {@code
 * prazo.sla.breaches} (metric, priority, policy) and {@code prazo.sla.actions.due} (type).
 *
 * <p>A breach is counted when ticket-command acknowledges its {@code SLA_BREACH} escalation: only
 * the live firer records answers, an acknowledged action is never sent again, and a rebuild replays
 * events without sending anything, so a breach counts once in the instance that acted on it.
 */
public class SlaMetrics {
  public static final String FIRED = "prazo.sla.actions.fired";
  public static final String BREACHES = "prazo.sla.breaches";
  public static final String DUE = "prazo.sla.actions.due";

  /** The {@code type} tag of an action. */
  public static final String ESCALATION = "ESCALATION";

  public static final String AUTO_CLOSE = "AUTO_CLOSE";

  private final MeterRegistry registry;
  private final Counter[] fired = new Counter[6];
  private final Map<Breach, Counter> breaches = new ConcurrentHashMap<>();

  private record Breach(SlaMetric metric, String priority, String policy) {}

  public SlaMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String type : new String[] {ESCALATION, AUTO_CLOSE}) {
      for (Outcome outcome : Outcome.values()) {
        fired[index(type, outcome)] =
            Counter.builder(FIRED)
                .description("Due SLA actions sent to ticket-command, by type and answer")
                .tag("type", type)
                .tag("outcome", tag(outcome))
                .register(registry);
      }
    }
  }

  /**
   * {@code prazo.sla.actions.due}: owed actions due by now and not yet settled, per type, read from
   * {@code counts} when scraped.
   *
   * @param counts the counts by type as of an instant (missing types count 0)
   */
  public void dueGauges(Clock clock, Function<Instant, Map<String, Long>> counts) {
    DueSnapshot snapshot = new DueSnapshot(clock, counts);
    for (String type : new String[] {ESCALATION, AUTO_CLOSE}) {
      // The gauge holds the only reference to its snapshot: a weak one would be collected.
      Gauge.builder(DUE, snapshot, s -> s.count(type))
          .strongReference(true)
          .description("Owed SLA actions due by now and not yet acknowledged")
          .tag("type", type)
          .register(registry);
    }
  }

  /** Records ticket-command's answer to an action; the outcome says what it meant. */
  public void answered(SlaAction action, String priority, String policyId, Outcome outcome) {
    fired[index(typeOf(action), outcome)].increment();
    if (outcome == Outcome.ACCEPTED && action instanceof SlaAction.Escalation escalation) {
      Breach breach = new Breach(escalation.metric(), priority, policyId);
      Counter counter = breaches.get(breach);
      if (counter == null) {
        counter =
            breaches.computeIfAbsent(
                breach,
                b ->
                    Counter.builder(BREACHES)
                        .description("SLA breaches acted on (the escalation acknowledged)")
                        .tag("metric", b.metric().name())
                        .tag("priority", b.priority())
                        .tag("policy", b.policy())
                        .register(registry));
      }
      counter.increment();
    }
  }

  static String typeOf(SlaAction action) {
    return action instanceof SlaAction.Escalation ? ESCALATION : AUTO_CLOSE;
  }

  static String tag(Outcome outcome) {
    return switch (outcome) {
      case ACCEPTED -> "acknowledged";
      case REFUSED -> "moved-on";
      case RETRYING -> "retry";
    };
  }

  private static int index(String type, Outcome outcome) {
    return (ESCALATION.equals(type) ? 0 : 3) + outcome.ordinal();
  }

  /** One query per scrape for both gauges: the counts are kept for a second. */
  private static final class DueSnapshot {
    private final Clock clock;
    private final Function<Instant, Map<String, Long>> counts;
    private Map<String, Long> last = Map.of();
    private long readAt = Long.MIN_VALUE;

    DueSnapshot(Clock clock, Function<Instant, Map<String, Long>> counts) {
      this.clock = clock;
      this.counts = counts;
    }

    synchronized double count(String type) {
      long now = System.nanoTime();
      if (readAt == Long.MIN_VALUE || now - readAt > 1_000_000_000L) {
        last = counts.apply(clock.instant());
        readAt = now;
      }
      return last.getOrDefault(type, 0L);
    }
  }
}
