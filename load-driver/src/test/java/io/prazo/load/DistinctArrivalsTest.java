package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DistinctArrivalsTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void countsEachEventOfTheHistoryOnceAndTheOthersApart() {
    DistinctArrivals arrivals = new DistinctArrivals(Set.of("a", "b", "c"));

    arrivals.arrived("a", 10 * MS);
    arrivals.arrived("x", 11 * MS);
    arrivals.arrived("a", 12 * MS);
    arrivals.arrived("b", 13 * MS);

    assertThat(arrivals.expected()).isEqualTo(3);
    assertThat(arrivals.distinct()).isEqualTo(2);
    assertThat(arrivals.repeats()).isEqualTo(1);
    assertThat(arrivals.unexpected()).isEqualTo(1);
    assertThat(arrivals.complete()).isFalse();
    assertThat(arrivals.firstNanos()).isEqualTo(10 * MS);
    assertThat(arrivals.lastNanos()).isEqualTo(13 * MS);

    arrivals.arrived("c", 20 * MS);
    arrivals.arrived("b", 30 * MS);

    assertThat(arrivals.complete()).isTrue();
    assertThat(arrivals.lastNanos()).isEqualTo(20 * MS);
  }

  @Test
  void theSteadyRateIsTheOneBetweenTheTenAndTheNinetyPercentMarks() {
    Set<String> history = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      history.add("e-" + i);
    }
    DistinctArrivals arrivals = new DistinctArrivals(history);

    for (int i = 0; i < 100; i++) {
      // Slow start and end, 1 ms apart between the 10th and the 90th.
      long at = i < 10 ? i * 100 * MS : 1_000 * MS + (i - 10) * MS;
      arrivals.arrived("e-" + i, i >= 90 ? at + 5_000 * MS : at);
      if (i == 50) {
        assertThat(arrivals.steadyPerSecond()).isZero();
      }
    }

    // The 10th (e-9) arrived at 900 ms, the 90th (e-89) at 1,079 ms: 80 events in 179 ms.
    assertThat(arrivals.steadyPerSecond()).isCloseTo(80 / 0.179, offset(0.5));
    assertThat(arrivals.complete()).isTrue();
  }
}
