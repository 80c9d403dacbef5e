package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyMatcherTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final LatencyMatcher matcher = new LatencyMatcher();

  @Test
  void measuresFromTheAnswerToTheRecordOfThatTicketAndSequence() {
    matcher.accepted("T-1", 3, 1_000 * MS, true);
    matcher.accepted("T-2", 3, 1_000 * MS, true);
    matcher.consumed("T-1", 2, 1_005 * MS);
    matcher.consumed("T-2", 3, 1_040 * MS);
    matcher.consumed("T-1", 3, 1_012 * MS);

    LatencyMatcher.Outcome outcome = matcher.outcome();
    assertThat(outcome.matched()).isEqualTo(2);
    assertThat(outcome.recordFirst()).isZero();
    assertThat(outcome.neverMatched()).isZero();
    assertThat(outcome.latencies().getTotalCount()).isEqualTo(2);
    assertThat(outcome.latencies().getMinValue()).isEqualTo(12_000);
    assertThat(outcome.latencies().getMaxValue()).isBetween(40_000L, 40_050L);
    assertThat(matcher.measuredWaiting()).isZero();
  }

  @Test
  void aRecordThatArrivesBeforeTheAnswerCountsAsZero() {
    matcher.consumed("T-1", 0, 1_000 * MS);
    matcher.accepted("T-1", 0, 1_003 * MS, true);

    LatencyMatcher.Outcome outcome = matcher.outcome();
    assertThat(outcome.matched()).isEqualTo(1);
    assertThat(outcome.recordFirst()).isEqualTo(1);
    assertThat(outcome.latencies().getMaxValue()).isZero();
  }

  @Test
  void warmUpCommandsArePairedButNotRecorded() {
    matcher.accepted("T-1", 1, 1_000 * MS, false);
    matcher.consumed("T-2", 1, 1_001 * MS);
    matcher.accepted("T-2", 1, 1_002 * MS, false);
    matcher.consumed("T-1", 1, 1_010 * MS);

    LatencyMatcher.Outcome outcome = matcher.outcome();
    assertThat(outcome.matched()).isZero();
    assertThat(outcome.recordFirst()).isZero();
    assertThat(outcome.neverMatched()).isZero();
    assertThat(outcome.latencies().getTotalCount()).isZero();
  }

  @Test
  void measuredCommandsWhoseRecordNeverCameAreCountedWithExamples() {
    matcher.accepted("T-1", 5, 1_000 * MS, true);
    matcher.accepted("T-2", 7, 1_000 * MS, true);
    matcher.accepted("T-3", 1, 1_000 * MS, false);
    matcher.consumed("T-1", 5, 1_020 * MS);

    assertThat(matcher.measuredWaiting()).isEqualTo(1);
    LatencyMatcher.Outcome outcome = matcher.outcome();
    assertThat(outcome.matched()).isEqualTo(1);
    assertThat(outcome.neverMatched()).isEqualTo(1);
    assertThat(outcome.neverMatchedExamples()).containsExactly("T-2/7");
  }

  @Test
  void aRepeatedRecordIsPairedOnceAndTheFirstArrivalCounts() {
    matcher.consumed("T-1", 2, 1_000 * MS);
    matcher.consumed("T-1", 2, 1_050 * MS);
    matcher.accepted("T-1", 2, 1_010 * MS, true);
    matcher.consumed("T-1", 2, 1_060 * MS);

    LatencyMatcher.Outcome outcome = matcher.outcome();
    assertThat(outcome.matched()).isEqualTo(1);
    assertThat(outcome.recordFirst()).isEqualTo(1);
    assertThat(outcome.latencies().getMaxValue()).isZero();
  }

  @Test
  void theOutcomeIsACopyThatLaterRecordsDoNotChange() {
    matcher.accepted("T-1", 1, 1_000 * MS, true);
    LatencyMatcher.Outcome before = matcher.outcome();
    matcher.consumed("T-1", 1, 1_001 * MS);

    assertThat(before.latencies().getTotalCount()).isZero();
    assertThat(before.neverMatched()).isEqualTo(1);
    assertThat(matcher.outcome().matched()).isEqualTo(1);
  }
}
