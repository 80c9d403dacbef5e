package io.prazo.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalTimeIntervalTest {

  @Test
  void parsesAnIntervalEndingAtTheEndOfTheDay() {
    LocalTimeInterval interval = LocalTimeInterval.parse("08:00", "24:00");

    assertThat(interval.startSecondOfDay()).isEqualTo(8 * 3600);
    assertThat(interval.endSecondOfDay()).isEqualTo(86_400);
    assertThat(interval.isEndOfDay()).isTrue();
    assertThat(interval.start()).isEqualTo(LocalTime.of(8, 0));
    assertThat(interval.end()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(interval.duration()).isEqualTo(Duration.ofHours(16));
    assertThat(interval).hasToString("08:00-24:00");
  }

  @Test
  void readsMidnightAsAnEndAsTheEndOfTheDay() {
    assertThat(LocalTimeInterval.of(LocalTime.of(22, 0), LocalTime.MIDNIGHT))
        .isEqualTo(LocalTimeInterval.parse("22:00", "24:00"));
    assertThat(LocalTimeInterval.of(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT))
        .isEqualTo(LocalTimeInterval.ALL_DAY);
  }

  @Test
  void keepsSecondsAndWritesThemOnlyWhenPresent() {
    LocalTimeInterval interval = LocalTimeInterval.parse("08:00:30", "12:00");

    assertThat(interval.startText()).isEqualTo("08:00:30");
    assertThat(interval.endText()).isEqualTo("12:00");
    assertThat(interval.duration()).isEqualTo(Duration.ofSeconds(4 * 3600 - 30));
  }

  @ParameterizedTest(name = "[{0}, {1}) is refused")
  @CsvSource({
    "25:00, 26:00",
    "08:00, 25:00",
    "24:00, 24:00",
    "08:60, 09:00",
    "8:00, 09:00",
    "08:00, 24:01",
    "12:00, 08:00",
    "08:00, 08:00",
    "noon, 13:00",
    "'', 13:00",
    "08:00:60, 09:00"
  })
  void refusesBadTimesAndEmptyOrBackwardIntervals(String start, String end) {
    assertThatThrownBy(() -> LocalTimeInterval.parse(start, end))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesFractionsOfASecond() {
    assertThatThrownBy(() -> LocalTimeInterval.of(LocalTime.of(8, 0, 0, 1), LocalTime.NOON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole seconds");
  }

  @Test
  void containsItsStartButNotItsEnd() {
    LocalTimeInterval interval = LocalTimeInterval.parse("08:00", "12:00");

    assertThat(interval.contains(LocalTime.of(8, 0))).isTrue();
    assertThat(interval.contains(LocalTime.of(11, 59, 59, 999_999_999))).isTrue();
    assertThat(interval.contains(LocalTime.NOON)).isFalse();
    assertThat(interval.contains(LocalTime.of(7, 59))).isFalse();
    assertThat(LocalTimeInterval.ALL_DAY.contains(LocalTime.MAX)).isTrue();
  }

  @Test
  void touchingIntervalsAreConnectedButDoNotOverlap() {
    LocalTimeInterval morning = LocalTimeInterval.parse("08:00", "12:00");
    LocalTimeInterval afternoon = LocalTimeInterval.parse("12:00", "18:00");
    LocalTimeInterval lunch = LocalTimeInterval.parse("11:00", "13:00");

    assertThat(morning.overlaps(afternoon)).isFalse();
    assertThat(morning.isConnected(afternoon)).isTrue();
    assertThat(morning.overlaps(lunch)).isTrue();
    assertThat(morning.span(afternoon)).isEqualTo(LocalTimeInterval.parse("08:00", "18:00"));
  }

  @Test
  void ordersByStartThenEnd() {
    assertThat(LocalTimeInterval.parse("08:00", "09:00"))
        .isLessThan(LocalTimeInterval.parse("08:00", "10:00"))
        .isLessThan(LocalTimeInterval.parse("08:30", "09:00"));
  }
}
