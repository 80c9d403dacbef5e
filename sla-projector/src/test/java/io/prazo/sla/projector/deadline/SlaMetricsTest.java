package io.prazo.sla.projector.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prazo.events.SlaMetric;
import io.prazo.sla.SlaAction;
import io.prazo.sla.projector.deadline.ActionAttempts.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaMetricsTest {
  private static final Instant DUE = Instant.parse("2026-03-02T16:00:00Z");
  private static final SlaAction.Escalation RESOLUTION =
      new SlaAction.Escalation("t-1", SlaMetric.RESOLUTION, DUE);
  private static final SlaAction.AutoClose AUTO_CLOSE =
      new SlaAction.AutoClose("t-2", "t-2/approval/1", DUE);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SlaMetrics metrics = new SlaMetrics(registry);

  @Test
  void everyTypeAndOutcomeIsThereAtZeroBeforeTheFirstAction() {
    assertThat(registry.find(SlaMetrics.FIRED).counters()).hasSize(6);
    assertThat(fired("ESCALATION", "acknowledged")).isZero();
    assertThat(fired("AUTO_CLOSE", "retry")).isZero();
  }

  @Test
  void anAcknowledgedEscalationCountsItsBreachByMetricPriorityAndPolicy() {
    metrics.answered(RESOLUTION, "URGENT", "pronnus", Outcome.ACCEPTED);

    assertThat(fired("ESCALATION", "acknowledged")).isEqualTo(1.0);
    assertThat(breaches("RESOLUTION", "URGENT", "pronnus")).isEqualTo(1.0);
  }

  @Test
  void retriesAndRefusalsCountAsFiredButNeverAsBreaches() {
    metrics.answered(RESOLUTION, "URGENT", "pronnus", Outcome.RETRYING);
    metrics.answered(RESOLUTION, "URGENT", "pronnus", Outcome.RETRYING);
    metrics.answered(RESOLUTION, "URGENT", "pronnus", Outcome.REFUSED);

    assertThat(fired("ESCALATION", "retry")).isEqualTo(2.0);
    assertThat(fired("ESCALATION", "moved-on")).isEqualTo(1.0);
    assertThat(registry.find(SlaMetrics.BREACHES).counters()).isEmpty();

    metrics.answered(RESOLUTION, "URGENT", "pronnus", Outcome.ACCEPTED);
    assertThat(breaches("RESOLUTION", "URGENT", "pronnus")).isEqualTo(1.0);
  }

  @Test
  void anAutoCloseIsNoBreach() {
    metrics.answered(AUTO_CLOSE, "HIGH", "pronnus", Outcome.ACCEPTED);

    assertThat(fired("AUTO_CLOSE", "acknowledged")).isEqualTo(1.0);
    assertThat(registry.find(SlaMetrics.BREACHES).counters()).isEmpty();
  }

  @Test
  void dueGaugesReadTheCountsAtTheClocksReadingOncePerScrape() {
    Clock clock = Clock.fixed(DUE, ZoneOffset.UTC);
    List<Instant> asked = new ArrayList<>();
    metrics.dueGauges(
        clock,
        at -> {
          asked.add(at);
          return Map.of("ESCALATION", 3L);
        });

    assertThat(due("ESCALATION")).isEqualTo(3.0);
    assertThat(due("AUTO_CLOSE")).isZero();
    assertThat(asked).containsExactly(DUE);
  }

  private double fired(String type, String outcome) {
    Counter counter =
        registry.find(SlaMetrics.FIRED).tag("type", type).tag("outcome", outcome).counter();
    assertThat(counter).isNotNull();
    return counter.count();
  }

  private double breaches(String metric, String priority, String policy) {
    Counter counter =
        registry
            .find(SlaMetrics.BREACHES)
            .tag("metric", metric)
            .tag("priority", priority)
            .tag("policy", policy)
            .counter();
    assertThat(counter).isNotNull();
    return counter.count();
  }

  private double due(String type) {
    Gauge gauge = registry.find(SlaMetrics.DUE).tag("type", type).gauge();
    assertThat(gauge).isNotNull();
    return gauge.value();
  }
}
