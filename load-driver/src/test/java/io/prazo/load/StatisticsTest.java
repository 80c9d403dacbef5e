package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Phases, histograms and the figures drawn from them. */
class StatisticsTest {

  @Test
  void aRequestIsMeasuredWhenItStartsInTheMeasuredWindow() {
    Phases phases = Phases.startingAt(1_000, Duration.ofNanos(100), Duration.ofNanos(50));

    assertThat(phases.measureStart()).isEqualTo(1_100);
    assertThat(phases.end()).isEqualTo(1_150);
    assertThat(phases.measures(1_099)).isFalse();
    assertThat(phases.measures(1_100)).isTrue();
    assertThat(phases.measures(1_149)).isTrue();
    assertThat(phases.measures(1_150)).isFalse();
    assertThat(phases.measured()).isEqualTo(Duration.ofNanos(50));
  }

  @Test
  void warmUpEndsWhereTheMeasuredWindowStartsAndTheRunIsOverAtItsEnd() {
    Phases phases = Phases.startingAt(0, Duration.ofNanos(100), Duration.ofNanos(50));

    assertThat(phases.isWarmingUp(99)).isTrue();
    assertThat(phases.isWarmingUp(100)).isFalse();
    assertThat(phases.isOver(149)).isFalse();
    assertThat(phases.isOver(150)).isTrue();
  }

  @Test
  void phasesSurviveNanoTimeWrappingAround() {
    Phases phases =
        Phases.startingAt(Long.MAX_VALUE - 10, Duration.ofNanos(5), Duration.ofNanos(20));

    assertThat(phases.measures(Long.MAX_VALUE)).isTrue();
    assertThat(phases.measures(Long.MIN_VALUE + 5)).isTrue();
    assertThat(phases.isOver(Long.MIN_VALUE + 5)).isFalse();
    assertThat(phases.isOver(Long.MIN_VALUE + 14)).isTrue();
  }

  @Test
  void recordsLatenciesInRoundedMicroseconds() {
    Histogram histogram = Histograms.micros();

    Histograms.record(histogram, 0, 1_499);
    Histograms.record(histogram, 0, 1_500);
    Histograms.record(histogram, 10, 10);

    assertThat(histogram.getTotalCount()).isEqualTo(3);
    assertThat(histogram.getCountAtValue(1)).isEqualTo(1);
    assertThat(histogram.getCountAtValue(2)).isEqualTo(1);
    assertThat(histogram.getCountAtValue(0)).isEqualTo(1);
  }

  @Test
  void histogramsTakeLatenciesOfAnyLength() {
    Histogram histogram = Histograms.micros();

    Histograms.record(histogram, 0, Duration.ofMinutes(5).toNanos());

    assertThat(LatencyMs.of(histogram).max()).isCloseTo(300_000.0, within(300.0));
  }

  @Test
  void percentilesAreInMillisecondsWithThreeSignificantDigits() {
    Histogram histogram = Histograms.micros();
    for (long micros = 1; micros <= 10_000; micros++) {
      histogram.recordValue(micros);
    }

    LatencyMs latency = LatencyMs.of(histogram);

    assertThat(latency.p50()).isCloseTo(5.0, within(0.005));
    assertThat(latency.p90()).isCloseTo(9.0, within(0.009));
    assertThat(latency.p99()).isCloseTo(9.9, within(0.01));
    assertThat(latency.p999()).isCloseTo(9.99, within(0.01));
    assertThat(latency.max()).isCloseTo(10.0, within(0.01));
    assertThat(latency.mean()).isCloseTo(5.0005, within(0.005));
  }

  @Test
  void nothingRecordedGivesZeros() {
    Measured measured = Measured.of(Histograms.micros(), Duration.ofSeconds(30));

    assertThat(measured).isEqualTo(new Measured(0, 0, new LatencyMs(0, 0, 0, 0, 0, 0)));
  }

  @Test
  void theRateIsTheCountOverTheMeasuredWindow() {
    Histogram histogram = Histograms.micros();
    for (int i = 0; i < 1_500; i++) {
      histogram.recordValue(2_000);
    }

    Measured measured = Measured.of(histogram, Duration.ofSeconds(30));

    assertThat(measured.count()).isEqualTo(1_500);
    assertThat(measured.perSecond()).isEqualTo(50.0);
    assertThat(measured.latencyMs().p50()).isCloseTo(2.0, within(0.002));
  }
}
