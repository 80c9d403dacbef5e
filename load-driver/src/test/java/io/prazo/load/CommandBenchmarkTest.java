package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command benchmark against {@link FakePrazo}: what it sends and how it counts. */
class CommandBenchmarkTest {

  private static final Duration WARMUP = Duration.ofMillis(100);
  private static final Duration DURATION = Duration.ofMillis(400);
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final ObjectMapper json = Report.objectMapper();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  private FakePrazo prazo;
  private PrazoClient client;
  private CommandBenchmark benchmark;

  @BeforeEach
  void startFakePrazo() throws Exception {
    prazo = FakePrazo.start();
    client = new PrazoClient(prazo.url(), Duration.ofSeconds(5), json);
    benchmark = new CommandBenchmark(client, json);
  }

  @AfterEach
  void stopFakePrazo() {
    prazo.close();
  }

  @Test
  void bindsTheOrganizationToPronnusWithTheSupervisorToken() throws Exception {
    CommandBenchmark.Actors actors = CommandBenchmark.prepare(client, 3);

    assertThat(prazo.contracts()).containsExactly("supervisor {\"policyId\":\"pronnus\"}");
    assertThat(actors.customerTokens()).hasSize(3).doesNotHaveDuplicates();
    assertThat(actors.agentToken()).isNotIn(actors.customerTokens());
  }

  @Test
  void takesTicketsThroughTheWholeLifecycleWithTheRightTokensAndBodies() throws Exception {
    CommandBenchmark.Result result = run(4);

    assertThat(prazo.problems()).isEmpty();
    assertThat(result.errors()).isEmpty();
    assertThat(result.warmupErrors()).isEmpty();
    assertThat(result.errorExamples()).isEmpty();
    assertThat(result.clients()).isEqualTo(4);
    assertThat(result.byCommand())
        .containsOnlyKeys("open", "reply", "pause", "resume", "resolve", "approve");
    assertThat(result.byCommand().keySet())
        .containsExactly("open", "reply", "pause", "resume", "resolve", "approve");
    result
        .byCommand()
        .values()
        .forEach(
            stats -> {
              assertThat(stats.count()).isPositive();
              assertThat(stats.errors()).isZero();
            });
    long open = result.byCommand().get("open").count();
    long approve = result.byCommand().get("approve").count();
    // A ticket opened near the end may not get all its follow-ups; one opened in warm-up may
    // get its approval measured: at most one ticket per client either way.
    assertThat(approve).isBetween(open - 4, open + 4);
  }

  @Test
  void totalIsTheSumOfTheCommandsAndTheRateIsPerMeasuredSecond() throws Exception {
    CommandBenchmark.Result result = run(2);

    long sum =
        result.byCommand().values().stream().mapToLong(CommandBenchmark.CommandStats::count).sum();
    assertThat(result.total().count()).isEqualTo(sum);
    assertThat(result.measuredSeconds()).isEqualTo(0.4);
    assertThat(result.total().perSecond()).isEqualTo(sum / 0.4);
    assertThat(result.total().latencyMs().max())
        .isGreaterThanOrEqualTo(result.total().latencyMs().p50());
  }

  @Test
  void countsRefusedCommandsByStatusAndGivesUpTheirTickets() throws Exception {
    prazo.refuse("pause", 409);

    CommandBenchmark.Result result = run(2);

    assertThat(prazo.problems()).isEmpty();
    assertThat(result.errors()).containsOnlyKeys("409");
    assertThat(result.warmupErrors().keySet()).isSubsetOf("409");
    assertThat(result.errors().get("409")).isEqualTo(result.byCommand().get("pause").errors());
    assertThat(result.byCommand().get("pause").count()).isZero();
    assertThat(result.byCommand().get("resume").count()).isZero();
    assertThat(result.byCommand().get("approve").count()).isZero();
    assertThat(result.byCommand().get("reply").count()).isPositive();
    assertThat(result.errorExamples())
        .first()
        .asString()
        .startsWith("409 on pause: {\"status\":409");
    assertThat(result.errorCount())
        .isEqualTo(result.errors().get("409") + result.warmupErrors().getOrDefault("409", 0L));
  }

  @Test
  void refusesToStartWhenTheServiceIsNotHealthy() {
    prazo.healthStatus(503);

    assertThatThrownBy(() -> CommandBenchmark.prepare(client, 1))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("not healthy")
        .hasMessageContaining("503");
  }

  @Test
  void refusesToStartWhenNothingAnswers() throws Exception {
    var url = prazo.url();
    prazo.close();
    PrazoClient unreachable = new PrazoClient(url, Duration.ofSeconds(2), json);

    assertThatThrownBy(() -> CommandBenchmark.prepare(unreachable, 1))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("not answering on " + url);
  }

  private CommandBenchmark.Result run(int clients) throws Exception {
    CommandBenchmark.Actors actors = CommandBenchmark.prepare(client, clients);
    try (PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
      return benchmark.run(actors, WARMUP, DURATION, GRACE, out);
    }
  }
}
