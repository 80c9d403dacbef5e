package io.prazo.web.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TestClockTest {
  private static final Instant START = Instant.parse("2026-03-02T12:00:00Z");

  @Test
  void standsStillUntilMoved() {
    TestClock clock = new TestClock(START);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.instant()).isEqualTo(START);
    clock.moveTo(START.plusSeconds(90));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(90));
  }

  @Test
  void neverMovesBackwards() {
    TestClock clock = new TestClock(START);
    assertThatThrownBy(() -> clock.moveTo(START.minusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only moves forward");
    assertThat(clock.instant()).isEqualTo(START);
    clock.moveTo(START);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void aZonedViewFollowsTheClock() {
    TestClock clock = new TestClock(START);
    Clock saoPaulo = clock.withZone(ZoneId.of("America/Sao_Paulo"));
    assertThat(ZonedDateTime.now(saoPaulo).getHour()).isEqualTo(9);
    clock.moveTo(START.plusSeconds(3600));
    assertThat(saoPaulo.instant()).isEqualTo(START.plusSeconds(3600));
    assertThat(saoPaulo.withZone(ZoneOffset.UTC)).isSameAs(clock);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }
}
