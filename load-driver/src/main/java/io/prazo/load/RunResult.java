package io.prazo.load;

import java.time.Instant;

/**
 * Everything one run found, as written to the JSON result file. A benchmark that did not run is
 * null, and so is the ratio then.
 *
 * @param startedAt when the run started (ISO-8601 UTC)
 * @param commandsPerCeilingInsert commands/s divided by ceiling inserts/s
 * @param queries the query benchmark ({@code --benchmark query})
 * @param kafka the Kafka publishing benchmark ({@code --benchmark kafka})
 */
record RunResult(
    String startedAt,
    Machine machine,
    Settings settings,
    CeilingBenchmark.Result ceiling,
    CommandBenchmark.Result commands,
    Double commandsPerCeilingInsert,
    QueryBenchmark.Result queries,
    KafkaBenchmark.Result kafka) {

  /** The machine the driver ran on (the service's too, when both run locally). */
  record Machine(int cores, String javaVersion, String javaVendor, String os, long maxHeapMb) {

    static Machine current() {
      return new Machine(
          Runtime.getRuntime().availableProcessors(),
          Runtime.version().toString(),
          System.getProperty("java.vendor"),
          System.getProperty("os.name")
              + " "
              + System.getProperty("os.version")
              + " "
              + System.getProperty("os.arch"),
          Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
  }

  /** What the run was asked to do. {@code url}/{@code jdbcUrl} are null when not used. */
  record Settings(
      String url,
      String jdbcUrl,
      int clients,
      double warmupSeconds,
      double durationSeconds,
      double requestTimeoutSeconds) {}

  static RunResult of(
      Instant startedAt,
      Machine machine,
      Options options,
      JdbcTarget jdbc,
      CeilingBenchmark.Result ceiling,
      CommandBenchmark.Result commands,
      QueryBenchmark.Result queries,
      KafkaBenchmark.Result kafka) {
    Double ratio = null;
    if (ceiling != null && commands != null && ceiling.inserts().perSecond() > 0) {
      ratio = commands.total().perSecond() / ceiling.inserts().perSecond();
    }
    return new RunResult(
        startedAt.toString(),
        machine,
        new Settings(
            options.mode() == Options.Mode.CEILING_ONLY ? null : options.url().toString(),
            jdbc == null ? null : jdbc.url(),
            options.clients(),
            seconds(options.warmup()),
            seconds(options.duration()),
            seconds(options.requestTimeout())),
        ceiling,
        commands,
        ratio,
        queries,
        kafka);
  }

  /**
   * Failed requests or inserts, warm-up included; for the Kafka benchmark also events that never
   * arrived.
   */
  long errorCount() {
    return (ceiling == null ? 0 : ceiling.errorCount())
        + (commands == null ? 0 : commands.errorCount())
        + (queries == null ? 0 : queries.errorCount())
        + (kafka == null ? 0 : kafka.errorCount());
  }

  private static double seconds(java.time.Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
