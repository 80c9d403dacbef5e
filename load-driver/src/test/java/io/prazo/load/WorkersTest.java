package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class WorkersTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void progressSaysWhichPhaseTheRunIsIn() {
    Phases phases = Phases.startingAt(0, Duration.ofSeconds(10), Duration.ofSeconds(30));

    assertThat(Workers.progressLine("commands", phases, 5 * SECOND, 120))
        .isEqualTo("[commands] warm-up 5/10 s, 120 requests");
    assertThat(Workers.progressLine("commands", phases, 25 * SECOND, 900))
        .isEqualTo("[commands] measuring 15/30 s, 900 requests");
    assertThat(Workers.progressLine("ceiling", phases, 41 * SECOND, 1000))
        .isEqualTo("[ceiling] finishing requests in flight, 1000 requests");
  }

  @Test
  void runsEveryWorkerOnItsOwnThreadAndWaitsForAll() throws Exception {
    LongAdder ran = new LongAdder();
    List<Runnable> workers = List.of(ran::increment, ran::increment, ran::increment);

    Workers.run("test", workers, phasesFromNow(), new LongAdder(), silent(), Duration.ofSeconds(5));

    assertThat(ran.sum()).isEqualTo(3);
  }

  @Test
  void aWorkerThatThrowsFailsTheRun() {
    List<Runnable> workers =
        List.of(
            () -> {
              throw new IllegalArgumentException("boom");
            });

    assertThatThrownBy(
            () ->
                Workers.run(
                    "test",
                    workers,
                    phasesFromNow(),
                    new LongAdder(),
                    silent(),
                    Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("test: a worker failed")
        .hasRootCauseMessage("boom");
  }

  @Test
  void aWorkerStillBusyAfterTheGraceIsInterruptedAndFailsTheRun() {
    List<Runnable> workers =
        List.of(
            () -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });

    assertThatThrownBy(
            () ->
                Workers.run(
                    "test",
                    workers,
                    phasesFromNow(),
                    new LongAdder(),
                    silent(),
                    Duration.ofMillis(50)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test-1 still busy PT0.05S after the end");
  }

  private static Phases phasesFromNow() {
    return Phases.startingAt(System.nanoTime(), Duration.ZERO, Duration.ofMillis(10));
  }

  private static PrintStream silent() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
