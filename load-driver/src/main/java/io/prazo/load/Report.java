package io.prazo.load;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a {@link RunResult}: a summary for people, and the JSON result file. */
final class Report {

  private Report() {}

  /**
   * The mapper for request bodies and the result file: compact, leaving out nulls (a benchmark that
   * did not run).
   */
  static ObjectMapper objectMapper() {
    return new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  static void writeJson(RunResult result, Path file, ObjectMapper json) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), result);
  }

  /** The human-readable summary; lines end with {@code \n}. */
  static String text(RunResult result) {
    StringBuilder text = new StringBuilder();
    RunResult.Machine machine = result.machine();
    RunResult.Settings settings = result.settings();
    line(text, "Prazo load run, started %s", result.startedAt());
    line(
        text,
        "Machine: %d cores, Java %s (%s), %s, max heap %d MB",
        machine.cores(),
        machine.javaVersion(),
        machine.javaVendor(),
        machine.os(),
        machine.maxHeapMb());
    line(
        text,
        "Run: %d clients, warm-up %s s, measured %s s each",
        settings.clients(),
        seconds(settings.warmupSeconds()),
        seconds(settings.durationSeconds()));

    CeilingBenchmark.Result ceiling = result.ceiling();
    if (ceiling != null) {
      text.append('\n');
      line(
          text,
          "PostgreSQL ceiling: single-row INSERT of %d random bytes, autocommit, %d connections",
          CeilingBenchmark.PAYLOAD_BYTES,
          ceiling.connections());
      line(
          text,
          "  server             PostgreSQL %s; %s",
          ceiling.serverVersion(),
          ceiling.serverSettings().entrySet().stream()
              .map(setting -> setting.getKey() + "=" + setting.getValue())
              .collect(Collectors.joining(", ")));
      line(
          text,
          "  inserts            %d in %s s",
          ceiling.inserts().count(),
          seconds(ceiling.measuredSeconds()));
      line(text, "  inserts/s          %.1f", ceiling.inserts().perSecond());
      latencyLine(text, ceiling.inserts().latencyMs());
      errorLines(text, ceiling.errors(), ceiling.warmupErrors(), ceiling.errorExamples());
    }

    CommandBenchmark.Result commands = result.commands();
    if (commands != null) {
      text.append('\n');
      line(text, "Commands on %s, %d clients", settings.url(), commands.clients());
      line(
          text,
          "  commands           %d in %s s",
          commands.total().count(),
          seconds(commands.measuredSeconds()));
      line(text, "  commands/s         %.1f", commands.total().perSecond());
      latencyLine(text, commands.total().latencyMs());
      line(
          text,
          "  %-9s %9s %9s %9s %9s %9s %9s",
          "command",
          "count",
          "per s",
          "p50 ms",
          "p99 ms",
          "max ms",
          "errors");
      commands
          .byCommand()
          .forEach(
              (name, stats) ->
                  line(
                      text,
                      "  %-9s %9d %9.1f %9.2f %9.2f %9.2f %9d",
                      name,
                      stats.count(),
                      stats.perSecond(),
                      stats.latencyMs().p50(),
                      stats.latencyMs().p99(),
                      stats.latencyMs().max(),
                      stats.errors()));
      errorLines(text, commands.errors(), commands.warmupErrors(), commands.errorExamples());
    }

    if (result.queries() != null) {
      queryLines(text, settings.url(), result.queries());
    }

    if (result.kafka() != null) {
      kafkaLines(text, settings.url(), result.kafka());
    }

    if (result.commandsPerCeilingInsert() != null) {
      text.append('\n');
      line(
          text,
          "commands/s / ceiling inserts/s = %.1f / %.1f = %.3f",
          commands.total().perSecond(),
          ceiling.inserts().perSecond(),
          result.commandsPerCeilingInsert());
    }
    return text.toString();
  }

  private static void queryLines(StringBuilder text, String url, QueryBenchmark.Result queries) {
    QuerySetup.Summary setup = queries.setup();
    text.append('\n');
    line(
        text,
        "Queries on %s, %d open tickets in %d organizations",
        url,
        setup.tickets(),
        setup.organizations());
    line(
        text,
        "  set-up             %d commands in %.1f s (%.0f/s); the views caught up %.1f s later",
        setup.commands(),
        setup.seconds(),
        setup.commandsPerSecond(),
        setup.catchUpSeconds());
    line(
        text,
        "  open by status     %s",
        setup.openByStatus().entrySet().stream()
            .map(status -> status.getKey() + " " + status.getValue())
            .collect(Collectors.joining(", ")));
    line(
        text,
        "  %-24s %7s %8s %8s %8s %8s %8s %8s %8s %6s",
        "read",
        "clients",
        "matching",
        "per s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "p99.9 ms",
        "max ms",
        "errors");
    List<ReadLoad.Stats> reads = new java.util.ArrayList<>(queries.ticketReads());
    reads.addAll(queries.queueReads());
    for (ReadLoad.Stats read : reads) {
      LatencyMs latency = read.reads().latencyMs();
      line(
          text,
          "  %-24s %7d %8s %8.1f %8.2f %8.2f %8.2f %8.2f %8.2f %6d",
          read.name(),
          read.clients(),
          read.matching() == null ? "-" : String.valueOf(read.matching()),
          read.reads().perSecond(),
          latency.p50(),
          latency.p90(),
          latency.p99(),
          latency.p999(),
          latency.max(),
          read.errorCount());
    }
    for (ReadLoad.Stats read : reads) {
      if (read.errorCount() > 0) {
        line(text, "  errors of %s x%d", read.name(), read.clients());
        errorLines(text, read.errors(), read.warmupErrors(), read.errorExamples());
      }
    }
    for (VisibilityProbe.Stats probe : queries.visibility()) {
      text.append('\n');
      line(text, "Command to visible, %s", probe.load());
      if (probe.background() != null) {
        percentiles(text, "background commands", probe.background());
      }
      percentiles(text, "probe commands", probe.probeCommands());
      percentiles(text, "visible by polling", probe.visibleByPolling());
      line(text, "  reads per poll     %.2f", probe.pollsPerCommand());
      percentiles(text, "minVersion reads", probe.minVersionReads());
      errorLines(text, probe.errors(), probe.warmupErrors(), probe.errorExamples());
    }
  }

  private static void kafkaLines(StringBuilder text, String url, KafkaBenchmark.Result kafka) {
    KafkaBenchmark.History history = kafka.history();
    text.append('\n');
    line(
        text,
        "Kafka publishing on %s, topic %s at %s",
        url,
        kafka.topic(),
        kafka.bootstrapServers());
    line(
        text,
        "  history            %d tickets, %d commands, %d events in %.1f s (%.0f commands/s,"
            + " %.0f events/s), %d clients",
        history.tickets(),
        history.commands(),
        history.events(),
        history.seconds(),
        history.commandsPerSecond(),
        history.eventsPerSecond(),
        history.clients());
    line(
        text,
        "  while commands ran stored %.1f events/s, published %.1f events/s (%d and %d events in"
            + " the last %.1f s)",
        history.storedPerSecond(),
        history.publishedPerSecond(),
        history.storedInWindow(),
        history.publishedInWindow(),
        history.windowSeconds());
    line(
        text,
        "  caught up          %.2f s after the last command; the topic holds %d distinct events"
            + " in %d records; stored events missing: %d",
        history.caughtUpSeconds(),
        history.topicEvents(),
        history.topicRecords(),
        history.missing());
    for (int i = 0; i < kafka.rebuilds().size(); i++) {
      rebuildLines(text, i + 1, kafka.rebuilds().get(i));
    }
    for (KafkaBenchmark.LatencyRun run : kafka.latency()) {
      text.append('\n');
      line(
          text,
          "Accepted to consumed, %d commands/s (%d paced clients, assignments and notes)",
          run.rate(),
          run.clients());
      percentiles(text, "commands", run.commands());
      percentiles(text, "answer to record", run.consumed());
      line(
          text,
          "  matched            %d; record before the answer %d (counted as 0); never %d",
          run.matched(),
          run.recordFirst(),
          run.neverMatched());
      if (!run.neverMatchedExamples().isEmpty()) {
        line(text, "    never matched e.g. %s", String.join(", ", run.neverMatchedExamples()));
      }
      errorLines(text, run.errors(), run.warmupErrors(), run.errorExamples());
    }
  }

  private static void rebuildLines(StringBuilder text, int number, KafkaBenchmark.Rebuild rebuild) {
    line(
        text,
        "  rebuild %-10d %d of %d events%s in %.2f s: %.1f events/s (10-90%%: %.1f/s), first"
            + " after %.2f s",
        number,
        rebuild.arrived(),
        rebuild.events(),
        rebuild.complete() ? "" : " (INCOMPLETE)",
        rebuild.seconds(),
        rebuild.eventsPerSecond(),
        rebuild.steadyEventsPerSecond(),
        rebuild.firstEventSeconds());
    line(
        text,
        "                     %d records read, %d repeats, %d outside the history",
        rebuild.records(),
        rebuild.repeats(),
        rebuild.unexpected());
  }

  private static void percentiles(StringBuilder text, String label, Measured measured) {
    LatencyMs latency = measured.latencyMs();
    line(
        text,
        "  %-18s %d (%.1f/s), ms p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f",
        label,
        measured.count(),
        measured.perSecond(),
        latency.p50(),
        latency.p90(),
        latency.p99(),
        latency.p999(),
        latency.max());
  }

  /** {@code "none"}, or the counts as {@code "409: 3, HttpTimeoutException: 1"}. */
  static String errorSummary(Map<String, Long> errors) {
    if (errors.isEmpty()) {
      return "none";
    }
    return errors.entrySet().stream()
        .map(error -> error.getKey() + ": " + error.getValue())
        .collect(Collectors.joining(", "));
  }

  private static void latencyLine(StringBuilder text, LatencyMs latency) {
    line(
        text,
        "  latency ms         p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f",
        latency.p50(),
        latency.p90(),
        latency.p99(),
        latency.p999(),
        latency.max());
  }

  private static void errorLines(
      StringBuilder text,
      Map<String, Long> errors,
      Map<String, Long> warmupErrors,
      List<String> examples) {
    line(text, "  errors             %s", errorSummary(errors));
    if (!warmupErrors.isEmpty()) {
      line(text, "  warm-up errors     %s", errorSummary(warmupErrors));
    }
    for (String example : examples) {
      line(text, "    e.g. %s", example);
    }
  }

  private static String seconds(double seconds) {
    return seconds == Math.rint(seconds)
        ? String.valueOf((long) seconds)
        : String.format(Locale.ROOT, "%.3f", seconds).replaceAll("0+$", "");
  }

  private static void line(StringBuilder text, String format, Object... arguments) {
    text.append(String.format(Locale.ROOT, format, arguments)).append('\n');
  }
}
