package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole command line, end to end, against {@link FakePrazo}. */
class LoadDriverTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-05-02T22:30:00Z"), ZoneOffset.UTC);

  @TempDir Path temp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void printsTheUsageOnHelp() {
    assertThat(run("--help")).isEqualTo(LoadDriver.OK);
    assertThat(stdout()).startsWith("Usage: java -jar load-driver/target/load-driver.jar");
  }

  @Test
  void aBadCommandLineExitsWithTwoAndSaysWhy() {
    assertThat(run("--clients", "none")).isEqualTo(LoadDriver.BAD_COMMAND_LINE);
    assertThat(stderr())
        .contains("load-driver: --clients: not a whole number: 'none'")
        .contains("--help");
  }

  @Test
  void withoutTheDatabaseFileTheRunStopsBeforeAnyLoad() {
    assertThat(run("--ceiling-only", "--data-dir", temp.resolve("none").toString()))
        .isEqualTo(LoadDriver.RUN_FAILED);
    assertThat(stderr()).contains("postgres.properties");
  }

  @Test
  void withoutTheBrokersTheKafkaBenchmarkStopsBeforeAnyLoad() throws Exception {
    try (FakePrazo prazo = FakePrazo.start()) {
      int status =
          run(
              "--benchmark=kafka",
              "--url=" + prazo.url(),
              "--data-dir",
              temp.resolve("none").toString(),
              "--out=" + temp.resolve("kafka.json"));

      assertThat(status).isEqualTo(LoadDriver.RUN_FAILED);
      assertThat(prazo.ticketsOpened()).isZero();
    }
    assertThat(stderr()).contains("kafka.properties").contains("--kafka");
  }

  @Test
  void runsTheCommandBenchmarkPrintsTheSummaryAndWritesTheResultFile() throws Exception {
    Path results = temp.resolve("results.json");
    try (FakePrazo prazo = FakePrazo.start()) {
      int status =
          run(
              "--url",
              prazo.url().toString(),
              "--skip-ceiling",
              "--clients",
              "3",
              "--warmup",
              "100ms",
              "--duration",
              "300ms",
              "--out",
              results.toString());

      assertThat(prazo.problems()).isEmpty();
      assertThat(status).isEqualTo(LoadDriver.OK);
    }
    assertThat(stdout())
        .contains("Prazo load run, started 2025-05-02T22:30:00Z")
        .contains("Run: 3 clients, warm-up 0.1 s, measured 0.3 s each")
        .contains("  errors             none")
        .contains("Result file: " + results)
        .doesNotContain("PostgreSQL ceiling");
    JsonNode json = new ObjectMapper().readTree(results.toFile());
    assertThat(json.at("/commands/total/count").asLong()).isPositive();
    assertThat(json.at("/machine/cores").asInt())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(json.at("/settings/jdbcUrl").isMissingNode()).isTrue();
  }

  @Test
  void failedRequestsAreReportedAndMakeTheExitStatusOne() throws Exception {
    Path results = temp.resolve("results.json");
    try (FakePrazo prazo = FakePrazo.start()) {
      prazo.refuse("resolution", 422);

      int status =
          run(
              "--url=" + prazo.url(),
              "--skip-ceiling",
              "--clients=2",
              "--warmup=0s",
              "--duration=200ms",
              "--out=" + results);

      assertThat(status).isEqualTo(LoadDriver.REQUESTS_FAILED);
    }
    assertThat(stdout()).containsPattern("errors {13}422: \\d+");
    assertThat(stderr()).containsPattern("load-driver: \\d+ requests failed");
    assertThat(new ObjectMapper().readTree(results.toFile()).at("/commands/errors/422").asLong())
        .isPositive();
  }

  @Test
  void runsTheQueryBenchmarkWithItsSetUpAndWritesItsFigures() throws Exception {
    Path results = temp.resolve("query.json");
    try (FakePrazo prazo = FakePrazo.start()) {
      int status =
          run(
              "--benchmark=query",
              "--url=" + prazo.url(),
              "--data-dir=" + temp.resolve("no-database"),
              "--tickets=100",
              "--clients=4",
              "--ticket-clients=2",
              "--queue-clients=1",
              "--background-rate=0",
              "--warmup=0s",
              "--duration=100ms",
              "--out=" + results);

      assertThat(prazo.problems()).isEmpty();
      assertThat(status).isEqualTo(LoadDriver.OK);
      assertThat(prazo.ticketsOpened()).isEqualTo(100);
    }
    assertThat(stderr()).contains("No checkpoints between the runs");
    assertThat(stdout())
        .contains("Queries on " + "http://localhost:")
        .contains("100 open tickets in 20 organizations")
        .contains("Command to visible, idle")
        .doesNotContain("in the background");
    JsonNode json = new ObjectMapper().readTree(results.toFile());
    assertThat(json.at("/queries/setup/tickets").asInt()).isEqualTo(100);
    assertThat(json.at("/queries/queueReads").size()).isEqualTo(6);
    assertThat(json.at("/queries/visibility").size()).isEqualTo(1);
    assertThat(json.has("ceiling")).isFalse();
  }

  private int run(String... args) {
    return LoadDriver.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        CLOCK);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
