package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  private static final Instant STARTED = Instant.parse("2025-05-02T22:30:00Z");
  private static final RunResult.Machine MACHINE =
      new RunResult.Machine(2, "17.0.15+6", "Eclipse Adoptium", "Linux 6.1 amd64", 512);

  @TempDir Path temp;

  @Test
  void summaryShowsTotalsRatesPercentilesPerCommandCountsAndErrorsByStatus() throws Exception {
    String text = Report.text(result(commands(Map.of("409", 3L, "500", 1L)), ceiling()));

    assertThat(text)
        .contains("Prazo load run, started 2025-05-02T22:30:00Z")
        .contains("Machine: 2 cores, Java 17.0.15+6 (Eclipse Adoptium), Linux 6.1 amd64")
        .contains("Run: 32 clients, warm-up 10 s, measured 30 s each")
        .contains("Commands on http://localhost:8080, 32 clients")
        .contains("  commands           12000 in 30 s")
        .contains("  commands/s         400.0")
        .contains("  latency ms         p50 12.50  p90 30.00  p99 80.25  p99.9 150.00  max 210.00")
        .contains("  open           2000      66.7      9.00     40.00     90.00         1")
        .contains("  approve        2000      66.7      9.00     40.00     90.00         0")
        .contains("  errors             409: 3, 500: 1")
        .contains("    e.g. 409 on pause: {\"status\":409}");
  }

  @Test
  void summaryShowsTheCeilingWithTheServerSettingsThatDecideCommitCost() throws Exception {
    String text = Report.text(result(null, ceiling()));

    assertThat(text)
        .contains(
            "PostgreSQL ceiling: single-row INSERT of 300 random bytes, autocommit, 32 connections")
        .contains("  server             PostgreSQL 17.5; fsync=on, synchronous_commit=on")
        .contains("  inserts            60000 in 30 s")
        .contains("  inserts/s          2000.0")
        .contains("  latency ms         p50 14.00  p90 20.00  p99 31.00  p99.9 40.00  max 55.00")
        .contains("  errors             none")
        .doesNotContain("Commands on")
        .doesNotContain("ceiling inserts/s =");
  }

  @Test
  void summaryEndsWithCommandsPerSecondOverCeilingInsertsPerSecond() throws Exception {
    RunResult result = result(commands(Map.of()), ceiling());

    assertThat(result.commandsPerCeilingInsert()).isEqualTo(0.2);
    assertThat(Report.text(result))
        .endsWith("\ncommands/s / ceiling inserts/s = 400.0 / 2000.0 = 0.200\n");
  }

  @Test
  void warmUpErrorsAreShownApartFromTheMeasuredOnes() throws Exception {
    CommandBenchmark.Result commands = commands(Map.of());
    CommandBenchmark.Result withWarmupErrors =
        new CommandBenchmark.Result(
            commands.clients(),
            commands.measuredSeconds(),
            commands.total(),
            commands.byCommand(),
            Map.of(),
            Map.of("ConnectException", 2L),
            List.of("(warm-up) ConnectException on open: Connection refused"));

    String text = Report.text(result(withWarmupErrors, null));

    assertThat(text)
        .contains("  errors             none\n")
        .contains("  warm-up errors     ConnectException: 2\n")
        .contains("    e.g. (warm-up) ConnectException on open: Connection refused\n");
    assertThat(withWarmupErrors.errorCount()).isEqualTo(2);
  }

  @Test
  void errorSummaryIsNoneOrTheCountsByStatus() {
    assertThat(Report.errorSummary(Map.of())).isEqualTo("none");
    assertThat(Report.errorSummary(new TreeMap<>(Map.of("412", 2L, "409", 5L))))
        .isEqualTo("409: 5, 412: 2");
  }

  @Test
  void jsonHoldsEveryFigureAndTheMachineFacts() throws Exception {
    Path file = temp.resolve("out/results.json");

    Report.writeJson(result(commands(Map.of("409", 3L)), ceiling()), file, Report.objectMapper());

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.at("/startedAt").asText()).isEqualTo("2025-05-02T22:30:00Z");
    assertThat(json.at("/machine/cores").asInt()).isEqualTo(2);
    assertThat(json.at("/machine/javaVersion").asText()).isEqualTo("17.0.15+6");
    assertThat(json.at("/settings/url").asText()).isEqualTo("http://localhost:8080");
    assertThat(json.at("/settings/clients").asInt()).isEqualTo(32);
    assertThat(json.at("/settings/warmupSeconds").asDouble()).isEqualTo(10.0);
    assertThat(json.at("/settings/durationSeconds").asDouble()).isEqualTo(30.0);
    assertThat(json.at("/commands/total/count").asLong()).isEqualTo(12_000);
    assertThat(json.at("/commands/total/perSecond").asDouble()).isEqualTo(400.0);
    assertThat(json.at("/commands/total/latencyMs/p50").asDouble()).isEqualTo(12.5);
    assertThat(json.at("/commands/total/latencyMs/p90").asDouble()).isEqualTo(30.0);
    assertThat(json.at("/commands/total/latencyMs/p99").asDouble()).isEqualTo(80.25);
    assertThat(json.at("/commands/total/latencyMs/p999").asDouble()).isEqualTo(150.0);
    assertThat(json.at("/commands/total/latencyMs/max").asDouble()).isEqualTo(210.0);
    assertThat(json.at("/commands/byCommand/pause/count").asLong()).isEqualTo(2_000);
    assertThat(json.at("/commands/byCommand/open/errors").asLong()).isEqualTo(1);
    assertThat(json.at("/commands/errors/409").asLong()).isEqualTo(3);
    assertThat(json.at("/ceiling/inserts/perSecond").asDouble()).isEqualTo(2000.0);
    assertThat(json.at("/ceiling/inserts/latencyMs/p99").asDouble()).isEqualTo(31.0);
    assertThat(json.at("/ceiling/serverSettings/synchronous_commit").asText()).isEqualTo("on");
    assertThat(json.at("/commandsPerCeilingInsert").asDouble()).isEqualTo(0.2);
  }

  @Test
  void jsonLeavesOutWhatDidNotRun() throws Exception {
    Path file = temp.resolve("results.json");

    Report.writeJson(result(commands(Map.of()), null), file, Report.objectMapper());

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.has("commands")).isTrue();
    assertThat(json.has("ceiling")).isFalse();
    assertThat(json.has("commandsPerCeilingInsert")).isFalse();
    assertThat(Files.readString(file)).doesNotContain("null");
  }

  private static RunResult result(CommandBenchmark.Result commands, CeilingBenchmark.Result ceiling)
      throws Exception {
    Options options = Options.parse();
    JdbcTarget jdbc =
        ceiling == null ? null : new JdbcTarget("jdbc:postgresql://localhost/prazo", "u", "p");
    return RunResult.of(STARTED, MACHINE, options, jdbc, ceiling, commands);
  }

  private static CommandBenchmark.Result commands(Map<String, Long> errors) {
    Map<String, CommandBenchmark.CommandStats> byCommand = new LinkedHashMap<>();
    for (CommandType type : CommandType.values()) {
      byCommand.put(
          type.label(),
          new CommandBenchmark.CommandStats(
              2_000,
              2_000 / 30.0,
              type == CommandType.OPEN && !errors.isEmpty() ? 1 : 0,
              new LatencyMs(9, 20, 40, 60, 90, 12)));
    }
    return new CommandBenchmark.Result(
        32,
        30.0,
        new Measured(12_000, 400.0, new LatencyMs(12.5, 30, 80.25, 150, 210, 18)),
        byCommand,
        new TreeMap<>(errors),
        Map.of(),
        errors.isEmpty() ? List.of() : List.of("409 on pause: {\"status\":409}"));
  }

  private static CeilingBenchmark.Result ceiling() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fsync", "on");
    settings.put("synchronous_commit", "on");
    return new CeilingBenchmark.Result(
        32,
        30.0,
        new Measured(60_000, 2_000.0, new LatencyMs(14, 20, 31, 40, 55, 15)),
        Map.of(),
        Map.of(),
        List.of(),
        "17.5",
        settings);
  }
}
