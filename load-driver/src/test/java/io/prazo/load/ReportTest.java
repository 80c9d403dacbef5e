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

  @Test
  void summaryShowsTheQuerySetUpEveryReadAndTheVisibilityRuns() throws Exception {
    String text = Report.text(queryResult());

    assertThat(text)
        .contains("Queries on http://localhost:8080, 100000 open tickets in 20 organizations")
        .contains(
            "  set-up             140000 commands in 80.0 s (1750/s); the views caught up 2.5 s"
                + " later")
        .contains("  open by status     OPEN 60000, IN_PROGRESS 30000, AWAITING 10000")
        .contains(
            "  ticket by id                   4        -   2000.0     1.00     2.00     4.00"
                + "     8.00    20.00      0")
        .contains(
            "  queue, breached                1     2500     50.0    12.00    15.00    30.00"
                + "    45.00    60.00      2")
        .contains("  errors of queue, breached x1")
        .contains("  errors             500: 2")
        .contains("Command to visible, idle")
        .contains(
            "  visible by polling 600 (20.0/s), ms p50 5.00  p90 8.00  p99 12.00  p99.9 20.00"
                + "  max 30.00")
        .contains("  reads per poll     3.50")
        .contains("Command to visible, 200 commands/s in the background")
        .contains("  background commands 6000 (200.0/s)")
        .doesNotContain("Commands on")
        .doesNotContain("PostgreSQL ceiling");
  }

  @Test
  void jsonHoldsTheQueryFigures() throws Exception {
    Path file = temp.resolve("query.json");

    Report.writeJson(queryResult(), file, Report.objectMapper());

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.at("/queries/setup/openByStatus/AWAITING").asLong()).isEqualTo(10_000);
    assertThat(json.at("/queries/ticketReads/0/reads/latencyMs/p99").asDouble()).isEqualTo(4.0);
    assertThat(json.at("/queries/queueReads/0/name").asText()).isEqualTo("queue, breached");
    assertThat(json.at("/queries/queueReads/0/matching").asLong()).isEqualTo(2_500);
    assertThat(json.at("/queries/queueReads/0/errors/500").asLong()).isEqualTo(2);
    assertThat(json.at("/queries/visibility/0/visibleByPolling/latencyMs/p99").asDouble())
        .isEqualTo(12.0);
    assertThat(json.at("/queries/visibility/0/background").isMissingNode()).isTrue();
    assertThat(json.at("/queries/visibility/1/backgroundRate").asInt()).isEqualTo(200);
    assertThat(json.has("commands")).isFalse();
  }

  private static RunResult queryResult() throws Exception {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    byStatus.put("OPEN", 60_000L);
    byStatus.put("IN_PROGRESS", 30_000L);
    byStatus.put("AWAITING", 10_000L);
    QuerySetup.Summary setup =
        new QuerySetup.Summary(100_000, 20, 140_000, 80.0, 1750.0, 2.5, byStatus);
    ReadLoad.Stats byId =
        new ReadLoad.Stats(
            "ticket by id",
            "/api/tickets/{id}",
            4,
            30.0,
            null,
            new Measured(60_000, 2000.0, new LatencyMs(1, 2, 4, 8, 20, 1.2)),
            Map.of(),
            Map.of(),
            List.of());
    ReadLoad.Stats breached =
        new ReadLoad.Stats(
            "queue, breached",
            QueryBenchmark.QUEUE + "&slaStatus=BREACHED",
            1,
            30.0,
            2_500L,
            new Measured(1_500, 50.0, new LatencyMs(12, 15, 30, 45, 60, 13)),
            Map.of("500", 2L),
            Map.of(),
            List.of("500 on queue, breached: boom"));
    Measured commands = new Measured(600, 20.0, new LatencyMs(4, 6, 9, 15, 25, 4.5));
    Measured visible = new Measured(600, 20.0, new LatencyMs(5, 8, 12, 20, 30, 5.5));
    VisibilityProbe.Stats idle =
        new VisibilityProbe.Stats(
            "idle", 0, 30.0, commands, visible, 3.5, visible, null, Map.of(), Map.of(), List.of());
    VisibilityProbe.Stats loaded =
        new VisibilityProbe.Stats(
            "200 commands/s in the background",
            200,
            30.0,
            commands,
            visible,
            2.0,
            visible,
            new Measured(6_000, 200.0, new LatencyMs(4, 6, 9, 15, 25, 4.5)),
            Map.of(),
            Map.of(),
            List.of());
    QueryBenchmark.Result queries =
        new QueryBenchmark.Result(setup, List.of(byId), List.of(breached), List.of(idle, loaded));
    return RunResult.of(
        STARTED, MACHINE, Options.parse("--benchmark=query"), null, null, null, queries, null);
  }

  @Test
  void summaryShowsTheHistoryTheLiveRatesTheRebuildAndEachLatencyRun() throws Exception {
    String text = Report.text(kafkaResult(0, true));

    assertThat(text)
        .contains(
            "Kafka publishing on http://localhost:8080, topic tickets.events.v1 at localhost:19092")
        .contains(
            "  history            14286 tickets, 85716 commands, 100002 events in 50.0 s (1714"
                + " commands/s, 2000 events/s), 32 clients")
        .contains(
            "  while commands ran stored 2010.5 events/s, published 1990.2 events/s (90000 and"
                + " 89100 events in the last 44.8 s)")
        .contains(
            "  caught up          0.35 s after the last command; the topic holds 100002 distinct"
                + " events in 100002 records; stored events missing: 0")
        .contains(
            "  rebuild 1          100002 of 100002 events in 4.00 s: 25000.5 events/s (10-90%:"
                + " 30000.0/s), first after 0.20 s")
        .contains(
            "  rebuild 2          100002 of 100002 events in 2.00 s: 50001.0 events/s (10-90%:"
                + " 60000.0/s), first after 0.10 s")
        .contains("                     100010 records read, 8 repeats, 0 outside the history")
        .contains("Accepted to consumed, 100 commands/s (4 paced clients, assignments and notes)")
        .contains(
            "  answer to record   3000 (100.0/s), ms p50 12.00  p90 15.00  p99 40.00  p99.9 80.00"
                + "  max 95.00")
        .contains("  matched            3000; record before the answer 7 (counted as 0); never 0")
        .contains("  errors             none")
        .doesNotContain("never matched e.g.")
        .doesNotContain("INCOMPLETE");
  }

  @Test
  void eventsThatNeverArrivedAreShownAndCountAsErrors() throws Exception {
    RunResult result = kafkaResult(2, false);

    assertThat(Report.text(result))
        .contains("  rebuild 1          99000 of 100002 events (INCOMPLETE)")
        .contains("  matched            3000; record before the answer 7 (counted as 0); never 2")
        .contains("    never matched e.g. T-1/4, T-2/9");
    assertThat(result.errorCount()).isEqualTo(2 + 1_002);
  }

  @Test
  void jsonHoldsTheKafkaFigures() throws Exception {
    Path file = temp.resolve("kafka.json");

    Report.writeJson(kafkaResult(0, true), file, Report.objectMapper());

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.at("/kafka/bootstrapServers").asText()).isEqualTo("localhost:19092");
    assertThat(json.at("/kafka/history/events").asLong()).isEqualTo(100_002);
    assertThat(json.at("/kafka/history/publishedPerSecond").asDouble()).isEqualTo(1990.2);
    assertThat(json.at("/kafka/rebuilds/0/eventsPerSecond").asDouble()).isEqualTo(25000.5);
    assertThat(json.at("/kafka/rebuilds/1/eventsPerSecond").asDouble()).isEqualTo(50001.0);
    assertThat(json.at("/kafka/rebuilds/0/complete").asBoolean()).isTrue();
    assertThat(json.at("/kafka/latency/0/rate").asInt()).isEqualTo(100);
    assertThat(json.at("/kafka/latency/0/consumed/latencyMs/p99").asDouble()).isEqualTo(40.0);
    assertThat(json.at("/kafka/latency/0/recordFirst").asLong()).isEqualTo(7);
    assertThat(json.has("queries")).isFalse();
    assertThat(json.has("commands")).isFalse();
  }

  private static RunResult kafkaResult(long neverMatched, boolean complete) throws Exception {
    KafkaBenchmark.History history =
        new KafkaBenchmark.History(
            32, 14_286, 85_716, 100_002, 50.0, 1714.32, 2000.04, 44.8, 90_000, 2010.5, 89_100,
            1990.2, 0.35, 100_002, 100_002, 0);
    KafkaBenchmark.Rebuild warm =
        new KafkaBenchmark.Rebuild(
            100_002, 100_002, true, 2.0, 50001.0, 0.1, 60_000, 100_002, 0, 0);
    KafkaBenchmark.Rebuild first =
        complete
            ? new KafkaBenchmark.Rebuild(
                100_002, 100_002, true, 4.0, 25000.5, 0.2, 30_000, 100_010, 8, 0)
            : new KafkaBenchmark.Rebuild(
                100_002, 99_000, false, 600.0, 165.0, 0.2, 0, 99_000, 0, 0);
    KafkaBenchmark.LatencyRun run =
        new KafkaBenchmark.LatencyRun(
            100,
            4,
            30.0,
            new Measured(3_000, 100.0, new LatencyMs(4, 6, 9, 15, 25, 4.5)),
            new Measured(3_000, 100.0, new LatencyMs(12, 15, 40, 80, 95, 13)),
            3_000,
            7,
            neverMatched,
            neverMatched == 0 ? List.of() : List.of("T-1/4", "T-2/9"),
            Map.of(),
            Map.of(),
            List.of());
    KafkaBenchmark.Result kafka =
        new KafkaBenchmark.Result(
            "localhost:19092", "tickets.events.v1", history, List.of(first, warm), List.of(run));
    return RunResult.of(
        STARTED, MACHINE, Options.parse("--benchmark=kafka"), null, null, null, null, kafka);
  }

  private static RunResult result(CommandBenchmark.Result commands, CeilingBenchmark.Result ceiling)
      throws Exception {
    Options options = Options.parse();
    JdbcTarget jdbc =
        ceiling == null ? null : new JdbcTarget("jdbc:postgresql://localhost/prazo", "u", "p");
    return RunResult.of(STARTED, MACHINE, options, jdbc, ceiling, commands, null, null);
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
