package io.prazo.sla.projector.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prazo.command.catalog.CatalogStore;
import io.prazo.embedded.EmbeddedPostgres;
import io.prazo.eventstore.CatalogReader;
import io.prazo.eventstore.Projections;
import io.prazo.sla.CalendarSource;
import io.prazo.sla.Presets;
import io.prazo.sla.SlaPolicy;
import io.prazo.sla.projector.config.SlaProjectorConfiguration;
import io.prazo.sla.projector.config.SlaProjectorProperties;
import io.prazo.sla.projector.projection.SlaProjection;
import io.prazo.sla.projector.projection.TicketClockStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SLA projection's replay benchmark (issue 3): writes a support desk's history into a fresh
 * event store (by default 1,000,000 events of 100,000 tickets, see {@link TicketHistoryGenerator}),
 * then lets the real sla-projector processor build its table from it, first from an empty token and
 * then {@code --runs} times as a rebuild ({@link Projections#rebuild}), and reports events per
 * second. After each build the table is checked: one row per ticket, every row exactly the fold of
 * its ticket's events, and every rebuild identical to the first build.
 *
 * <p>ticket-command and sla-projector run in this JVM, as in the standalone launcher, on an
 * embedded PostgreSQL 17 with the standalone's (durable) settings. Not a test: run it with {@code
 * sla-projector/run-replay-benchmark.sh}.
 *
 * <p>Options: {@code --tickets N} (100000), {@code --events N} (1000000), {@code --runs N} (3
 * rebuilds), {@code --days N} (300: tickets opened over the last N days), {@code --seed N}, {@code
 * --data-dir DIR} (default: a temporary directory, deleted afterwards unless {@code --keep-data}),
 * {@code --out FILE} (the results as JSON), {@code --dry-run} (only generate and count, no
 * database). Any other {@code --name=value} goes to the application, e.g. {@code
 * --prazo.sla.projector.batch-size=2000}.
 */
public final class ReplayBenchmark {
  private static final String DATABASE = "prazo";
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final String USAGE =
      "[--tickets N] [--events N] [--runs N] [--days N] [--seed N] [--data-dir DIR]"
          + " [--keep-data] [--out FILE] [--dry-run] [--name=value (application settings)]";

  private final Options options;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReplayBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    // No calls home from Axon's update checker during a measurement.
    if (System.getProperty("axoniq.update-checker.disabled") == null) {
      System.setProperty("axoniq.update-checker.disabled", "true");
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (RuntimeException e) {
      say("bad command line (" + e.getMessage() + "); options: " + USAGE);
      System.exit(2);
      return;
    }
    int status;
    try {
      status = new ReplayBenchmark(options).run();
    } catch (Exception | Error e) {
      say("failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  /** The command line. */
  private record Options(
      int tickets,
      long events,
      int runs,
      int days,
      long seed,
      Path dataDir,
      boolean keepData,
      Path out,
      boolean dryRun,
      List<String> applicationArgs) {

    static Options parse(String[] args) {
      int tickets = 100_000;
      long events = 1_000_000;
      int runs = 3;
      int days = 300;
      long seed = 20261125L;
      Path dataDir = null;
      boolean keep = false;
      Path out = null;
      boolean dryRun = false;
      List<String> app = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--tickets" -> tickets = Integer.parseInt(args[++i]);
          case "--events" -> events = Long.parseLong(args[++i]);
          case "--runs" -> runs = Integer.parseInt(args[++i]);
          case "--days" -> days = Integer.parseInt(args[++i]);
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--data-dir" -> dataDir = Path.of(args[++i]);
          case "--keep-data" -> keep = true;
          case "--out" -> out = Path.of(args[++i]);
          case "--dry-run" -> dryRun = true;
          default -> {
            if (arg.startsWith("--") && arg.contains("=")) {
              app.add(arg);
            } else {
              throw new IllegalArgumentException("unknown option " + arg);
            }
          }
        }
      }
      return new Options(tickets, events, runs, days, seed, dataDir, keep, out, dryRun, app);
    }
  }

  private int run() throws Exception {
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant start = end.minus(Duration.ofDays(options.days()));
    if (options.dryRun()) {
      return dryRun(start, end);
    }
    boolean temporary = options.dataDir() == null;
    Path dataDir =
        temporary ? Files.createTempDirectory("prazo-replay-benchmark") : options.dataDir();
    ObjectNode result = json.createObjectNode();
    result.put("startedAt", Instant.now().toString());
    machine(result.putObject("machine"));
    say("data in " + dataDir);
    EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"), 0);
    ConfigurableApplicationContext app = null;
    try {
      postgres.createDatabaseIfMissing(DATABASE);
      app = start(postgres, dataDir);
      Bench bench = new Bench(app, postmasterPid(postgres.dataDirectory()));
      bench.stopProcessor();
      boolean reuse = bench.projections.head() >= 0;
      if (reuse && temporary) {
        throw new IllegalStateException("the new temporary database is not empty");
      }
      ObjectNode settings = result.putObject("settings");
      settings.put("tickets", options.tickets());
      settings.put("events", options.events());
      settings.put("seed", options.seed());
      settings.put("from", start.toString());
      settings.put("to", end.toString());
      SlaProjectorProperties projector = app.getBean(SlaProjectorProperties.class);
      settings.put("segments", projector.segments());
      settings.put("batchSize", projector.batchSize());
      settings.put("fullBufferRecheckMs", projector.fullBufferRecheck().toNanos() / 1e6);
      settings.put("jdbcUrl", app.getEnvironment().getProperty("spring.datasource.url"));
      settings.put("applicationArgs", String.join(" ", options.applicationArgs()));

      long tickets;
      long events;
      ProjectionCheck.Result first;
      if (reuse) {
        // A data directory of an earlier run (--keep-data): its events, rebuilds only.
        tickets = bench.jdbc.queryForObject("SELECT count(*) FROM sla.ticket_clock", Long.class);
        events = bench.projections.head();
        say(
            String.format(
                Locale.ROOT,
                "reusing the %,d events of %,d tickets in %s",
                events,
                tickets,
                dataDir));
        bench.matchSegments();
        ObjectNode dataSet = result.putObject("dataSet");
        dataSet.put("tickets", tickets);
        dataSet.put("events", events);
        dataSet.put("reused", true);
        first = bench.check.quick(tickets, events);
      } else {
        TicketHistoryGenerator.Stats stats =
            bench.generate(start, end, result.putObject("dataSet"));
        tickets = stats.tickets();
        events = stats.events();
        ObjectNode firstBuild = result.putObject("firstBuild");
        bench.measure(false, events, firstBuild);
        first = bench.check.full(tickets, events);
        firstBuild.put("check", first.toString());
        say("first build: " + first);
      }
      var rebuilds = result.putArray("rebuilds");
      for (int r = 1; r <= options.runs(); r++) {
        ObjectNode run = rebuilds.addObject();
        run.put("run", r);
        bench.settle();
        bench.measure(true, events, run);
        ProjectionCheck.Result check = bench.check.quick(tickets, events);
        if (!check.fingerprint().equals(first.fingerprint())) {
          throw new IllegalStateException(
              "rebuild " + r + " differs from the first build: " + check + " vs " + first);
        }
        run.put("check", check + ", identical to the first build");
        say("rebuild " + r + ": " + check + ", identical to the first build");
      }
      summary(result);
      write(result);
      return 0;
    } finally {
      if (app != null) {
        app.close();
      }
      postgres.close();
      if (temporary && !options.keepData()) {
        delete(dataDir);
      } else {
        say("data kept in " + dataDir);
      }
    }
  }

  private ConfigurableApplicationContext start(EmbeddedPostgres postgres, Path dataDir) {
    List<String> args = new ArrayList<>();
    args.add("--spring.datasource.url=" + postgres.jdbcUrl(DATABASE));
    args.add("--spring.datasource.username=" + postgres.user());
    args.add("--spring.datasource.password=" + postgres.password());
    args.add("--prazo.data-dir=" + dataDir);
    args.addAll(options.applicationArgs());
    return new SpringApplicationBuilder(ReplayBenchApplication.class)
        .properties(
            "spring.application.name=prazo-replay-benchmark",
            "spring.main.banner-mode=off",
            "server.port=0",
            "prazo.clock=system",
            "prazo.security.dev-issuer.enabled=true",
            "prazo.security.dev-issuer.key-file=${prazo.data-dir}/dev-issuer.key",
            // Nothing is sent to ticket-command while the benchmark runs: the generated history
            // already holds every action that fell due.
            "prazo.sla.projector.poll-interval=3650d",
            "logging.level.org.axonframework.eventsourcing.eventstore.jdbc=WARN")
        .run(args.toArray(String[]::new));
  }

  /** The running application's parts the benchmark uses. */
  private final class Bench {
    final JdbcTemplate jdbc;
    final DataSource dataSource;
    final Projections projections;
    final StreamingEventProcessor processor;
    final ProjectionCheck check;
    final CpuMeter meter;
    final ConfigurableApplicationContext app;

    Bench(ConfigurableApplicationContext app, long postmasterPid) {
      this.app = app;
      jdbc = app.getBean(JdbcTemplate.class);
      dataSource = app.getBean(DataSource.class);
      projections = app.getBean(Projections.class);
      processor =
          app.getBean(EventProcessingConfiguration.class)
              .eventProcessor(SlaProjectorConfiguration.PROCESSOR, StreamingEventProcessor.class)
              .orElseThrow();
      check =
          new ProjectionCheck(
              jdbc, app.getBean(SlaProjection.class), app.getBean(TicketClockStore.class));
      meter = new CpuMeter(postmasterPid);
    }

    void stopProcessor() throws Exception {
      processor.shutdownAsync().get();
    }

    TicketHistoryGenerator.Stats generate(Instant start, Instant end, ObjectNode out)
        throws Exception {
      TicketHistoryGenerator generator = new TicketHistoryGenerator(catalog(app), options.seed());
      CatalogStore store = app.getBean(CatalogStore.class);
      ObjectMapper mapper = new ObjectMapper();
      generator
          .contracts()
          .forEach(
              (org, policy) ->
                  store.putContract(
                      org, mapper.createObjectNode().put("policyId", policy), "replay-benchmark"));
      say(
          String.format(
              Locale.ROOT,
              "generating %,d events of %,d tickets opened from %s to %s",
              options.events(),
              options.tickets(),
              start,
              end));
      long t0 = System.nanoTime();
      TicketHistoryGenerator.Stats stats;
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (EventStoreCopy copy = new EventStoreCopy(connection)) {
          stats = generator.generate(options.tickets(), options.events(), start, end, copy);
          copy.finish();
        }
      }
      jdbc.queryForObject(
          "SELECT setval('ticket_number_seq', ?)", Long.class, (long) options.tickets());
      double seconds = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      // A settled table, as an event store is after autovacuum: hint bits set, statistics known.
      jdbc.execute("VACUUM (ANALYZE) domain_event_entry");
      jdbc.execute("CHECKPOINT");
      double vacuum = (System.nanoTime() - t1) / 1e9;
      Long bytes =
          jdbc.queryForObject("SELECT pg_total_relation_size('domain_event_entry')", Long.class);
      say(
          String.format(
              Locale.ROOT,
              "generated and copied in %.1f s (%,.0f events/s), VACUUM ANALYZE and CHECKPOINT"
                  + " %.1f s; domain_event_entry with indexes: %,d MB",
              seconds,
              stats.events() / seconds,
              vacuum,
              bytes / (1024 * 1024)));
      describe(stats, out);
      out.put("generateSeconds", round(seconds));
      out.put("tableMegabytes", bytes / (1024 * 1024));
      return stats;
    }

    /**
     * Re-creates the processor's tokens when the data directory has another segment count than
     * {@code prazo.sla.projector.segments} (segments are only set when tokens are first made).
     */
    void matchSegments() {
      int wanted = app.getBean(SlaProjectorProperties.class).segments();
      String name = SlaProjectorConfiguration.PROCESSOR;
      Integer stored =
          jdbc.queryForObject(
              "SELECT count(*) FROM sla.token_entry WHERE processor_name = ?", Integer.class, name);
      if (stored != null && stored == wanted) {
        return;
      }
      say("re-creating the processor's tokens: " + stored + " segments, now " + wanted);
      TokenStore tokens = app.getBean(EventProcessingConfiguration.class).tokenStore(name);
      app.getBean(TransactionManager.class)
          .executeInTransaction(
              () -> {
                jdbc.update("DELETE FROM sla.token_entry WHERE processor_name = ?", name);
                tokens.initializeTokenSegments(name, wanted);
              });
    }

    /** Commits in this database, rows written into ticket_clock and into the token table. */
    long[] databaseCounters() {
      return jdbc.queryForObject(
          "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),"
              + " (SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables"
              + "  WHERE relid = 'sla.ticket_clock'::regclass),"
              + " (SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables"
              + "  WHERE relid = 'sla.token_entry'::regclass)",
          (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
    }

    /** A checkpoint and a pause, so that one run does not pay for the writes of the one before. */
    void settle() throws InterruptedException {
      jdbc.execute("CHECKPOINT");
      Thread.sleep(3000);
    }

    /**
     * Starts the processor (from its token, or as a rebuild) and waits until it has processed the
     * store's head with no replay left.
     */
    void measure(boolean rebuild, long events, ObjectNode out) throws Exception {
      String name = SlaProjectorConfiguration.PROCESSOR;
      long head = projections.head();
      List<long[]> progress = new ArrayList<>();
      long[] statsBefore = databaseCounters();
      CpuMeter.Snapshot before = meter.take();
      long t0 = System.nanoTime();
      if (rebuild) {
        projections.rebuild(name).get();
      } else {
        processor.start();
      }
      long lastSample = t0;
      while (true) {
        Thread.sleep(20);
        Projections.Status status = projections.status(name).orElseThrow();
        long now = System.nanoTime();
        if (status.error() != null) {
          throw new IllegalStateException("the projection failed: " + status.error());
        }
        if (now - lastSample >= 1_000_000_000L) {
          progress.add(new long[] {now - t0, status.position()});
          lastSample = now;
        }
        if (status.running() && !status.replaying() && status.position() >= head) {
          break;
        }
        if (now - t0 > TIMEOUT.toNanos()) {
          throw new IllegalStateException("not done after " + TIMEOUT + ": " + status);
        }
      }
      long t1 = System.nanoTime();
      CpuMeter.Snapshot after = meter.take();
      double seconds = (t1 - t0) / 1e9;
      double rate = events / seconds;
      double steady = steadyRate(progress, head);
      CpuMeter.Usage usage = meter.between(before, after);
      // PostgreSQL's statistics reach the shared counters up to ten seconds after the fact.
      Thread.sleep(11_000);
      long[] statsAfter = databaseCounters();
      long commits = statsAfter[0] - statsBefore[0];
      long rowWrites = statsAfter[1] - statsBefore[1];
      long tokenWrites = statsAfter[2] - statsBefore[2];
      out.put("kind", rebuild ? "rebuild" : "first build");
      out.put("events", events);
      out.put("seconds", round(seconds));
      out.put("eventsPerSecond", Math.round(rate));
      out.put("steadyEventsPerSecond", Math.round(steady));
      ObjectNode database = out.putObject("database");
      database.put("commits", commits);
      database.put("tokenWrites", tokenWrites);
      database.put("ticketClockRowWrites", rowWrites);
      database.put("eventsPerTokenWrite", round((double) events / Math.max(1, tokenWrites)));
      database.put("rowWritesPerEvent", round((double) rowWrites / events));
      ObjectNode cpu = out.putObject("cpuCores");
      cpu.put("jvm", round(usage.jvmCores()));
      cpu.put("postgres", round(usage.postgresCores()));
      cpu.put("otherPrograms", round(usage.otherCores()));
      ObjectNode threads = cpu.putObject("jvmThreads");
      usage.jvmThreadCores().entrySet().stream()
          .limit(8)
          .forEach(e -> threads.put(e.getKey(), round(e.getValue())));
      var samples = out.putArray("progress");
      for (long[] p : progress) {
        samples.addArray().add(round(p[0] / 1e9)).add(p[1]);
      }
      say(
          String.format(
              Locale.ROOT,
              "%s: %,d events in %.2f s = %,.0f events/s (steady %,.0f/s); %,d commits, %,d token"
                  + " writes (%.0f events each), %,d ticket_clock row writes (%.2f per event); CPU:"
                  + " JVM %.2f cores, PostgreSQL %.2f cores, other programs %.2f cores; JVM threads"
                  + " %s",
              rebuild ? "rebuild" : "first build",
              events,
              seconds,
              rate,
              steady,
              commits,
              tokenWrites,
              (double) events / Math.max(1, tokenWrites),
              rowWrites,
              (double) rowWrites / events,
              usage.jvmCores(),
              usage.postgresCores(),
              usage.otherCores(),
              describeThreads(usage)));
    }
  }

  /** Events per second between 10% and 90% of the head, from the progress samples. */
  private static double steadyRate(List<long[]> progress, long head) {
    long[] from = null;
    long[] to = null;
    for (long[] p : progress) {
      if (from == null && p[1] >= head / 10) {
        from = p;
      }
      if (p[1] <= head * 9 / 10) {
        to = p;
      }
    }
    if (from == null || to == null || to[0] <= from[0]) {
      return Double.NaN;
    }
    return (to[1] - from[1]) / ((to[0] - from[0]) / 1e9);
  }

  private static String describeThreads(CpuMeter.Usage usage) {
    StringBuilder text = new StringBuilder();
    usage.jvmThreadCores().entrySet().stream()
        .limit(5)
        .forEach(
            e ->
                text.append(text.length() == 0 ? "" : ", ")
                    .append(e.getKey())
                    .append(String.format(Locale.ROOT, " %.2f", e.getValue())));
    return text.toString();
  }

  /** The catalog's current policies and calendar versions, as ticket-command would open with. */
  private static TicketHistoryGenerator.Catalog catalog(ConfigurableApplicationContext app) {
    CatalogStore store = app.getBean(CatalogStore.class);
    Map<String, SlaPolicy> policies = new LinkedHashMap<>();
    for (SlaPolicy preset : Presets.policies()) {
      policies.put(preset.id(), store.currentPolicy(preset.id()).orElseThrow());
    }
    Map<String, Integer> calendars = new LinkedHashMap<>();
    for (var calendar : Presets.calendars(Year.now())) {
      calendars.put(calendar.id(), store.currentCalendarVersion(calendar.id()).orElseThrow());
    }
    return new TicketHistoryGenerator.Catalog(
        policies, calendars, app.getBean(CatalogReader.class));
  }

  private int dryRun(Instant start, Instant end) throws Exception {
    Map<String, SlaPolicy> policies = new LinkedHashMap<>();
    Presets.policies().forEach(p -> policies.put(p.id(), p));
    Map<String, Integer> versions = new LinkedHashMap<>();
    Map<String, io.prazo.sla.BusinessCalendar> calendars = new LinkedHashMap<>();
    Presets.calendars(Year.now())
        .forEach(
            c -> {
              versions.put(c.id(), c.version());
              calendars.put(c.id(), c);
            });
    CalendarSource source = (id, version) -> calendars.get(id);
    TicketHistoryGenerator generator =
        new TicketHistoryGenerator(
            new TicketHistoryGenerator.Catalog(policies, versions, source), options.seed());
    long t0 = System.nanoTime();
    long[] bytes = new long[2];
    io.prazo.eventstore.TicketEventSerializer serializer =
        new io.prazo.eventstore.TicketEventSerializer();
    TicketHistoryGenerator.Stats stats =
        generator.generate(
            options.tickets(),
            options.events(),
            start,
            end,
            e -> {
              bytes[0] += serializer.serialize(e.event(), byte[].class).getData().length;
              bytes[1]++;
            });
    say(
        String.format(
            Locale.ROOT,
            "dry run: generated in %.1f s, payload %.0f bytes per event on average",
            (System.nanoTime() - t0) / 1e9,
            (double) bytes[0] / bytes[1]));
    ObjectNode out = json.createObjectNode();
    describe(stats, out);
    System.out.println(json.writeValueAsString(out));
    return 0;
  }

  private static void describe(TicketHistoryGenerator.Stats stats, ObjectNode out) {
    out.put("tickets", stats.tickets());
    out.put("events", stats.events());
    out.put("eventsPerTicketMin", stats.minPerTicket());
    out.put("eventsPerTicketMedian", stats.medianPerTicket());
    out.put("eventsPerTicketP99", stats.p99PerTicket());
    out.put("eventsPerTicketMax", stats.maxPerTicket());
    out.put("closedOrCancelledTickets", stats.finalTickets());
    out.put("openTickets", stats.openTickets());
    out.put("internalNotes", stats.notes());
    out.put("firstEventAt", String.valueOf(stats.firstEventAt()));
    out.put("lastEventAt", String.valueOf(stats.lastEventAt()));
    ObjectNode policies = out.putObject("ticketsByPolicy");
    stats.byPolicy().forEach(policies::put);
    ObjectNode types = out.putObject("eventsByType");
    stats.byType().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> types.put(e.getKey(), e.getValue()));
    say(
        String.format(
            Locale.ROOT,
            "data set: %,d tickets (%,d closed or cancelled), %,d events (%,d of them internal"
                + " notes), per ticket min %d, median %d, p99 %d, max %d; by type %s",
            stats.tickets(),
            stats.finalTickets(),
            stats.events(),
            stats.notes(),
            stats.minPerTicket(),
            stats.medianPerTicket(),
            stats.p99PerTicket(),
            stats.maxPerTicket(),
            stats.byType()));
  }

  /** Target of issue 3 for a rebuild, events per second. */
  private static final int TARGET = 50_000;

  private void summary(ObjectNode result) {
    List<Double> rates = new ArrayList<>();
    result.withArray("rebuilds").forEach(r -> rates.add(r.get("eventsPerSecond").asDouble()));
    ObjectNode summary = result.putObject("summary");
    String firstBuild = "";
    if (result.has("firstBuild")) {
      long rate = result.at("/firstBuild/eventsPerSecond").asLong();
      summary.put("firstBuildEventsPerSecond", rate);
      firstBuild = String.format(Locale.ROOT, "first build %,d events/s; ", rate);
    }
    summary.put("targetEventsPerSecond", TARGET);
    if (rates.isEmpty()) {
      say(firstBuild + "no rebuild run");
      return;
    }
    double min = rates.stream().min(Comparator.naturalOrder()).orElseThrow();
    double max = rates.stream().max(Comparator.naturalOrder()).orElseThrow();
    summary.put("rebuildEventsPerSecondMin", Math.round(min));
    summary.put("rebuildEventsPerSecondMax", Math.round(max));
    summary.put("targetMet", min >= TARGET);
    say(
        String.format(
            Locale.ROOT,
            "%srebuilds %,.0f to %,.0f events/s; target %,d events/s for a rebuild: %s",
            firstBuild,
            min,
            max,
            TARGET,
            min >= TARGET ? "met" : max >= TARGET ? "met in some runs only" : "not met"));
  }

  private void write(ObjectNode result) throws IOException {
    if (options.out() == null) {
      return;
    }
    Path parent = options.out().toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(options.out(), json.writeValueAsString(result), StandardCharsets.UTF_8);
    say("results in " + options.out());
  }

  private static void machine(ObjectNode machine) {
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("javaVersion", System.getProperty("java.version"));
    machine.put("javaVendor", System.getProperty("java.vendor"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    machine.put(
        "jvmArgs",
        String.join(
            " ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
  }

  private static long postmasterPid(Path dataDirectory) {
    try {
      String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
      return Long.parseLong(first);
    } catch (IOException | RuntimeException e) {
      say("PostgreSQL's pid is unknown (" + e + "): its CPU is not measured");
      return -1;
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static void say(String message) {
    System.err.println("[replay-benchmark] " + message);
  }
}
