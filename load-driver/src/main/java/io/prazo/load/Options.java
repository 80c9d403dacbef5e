package io.prazo.load;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver's command line. Options are {@code --name value} or {@code --name=value}; when one is
 * given twice the last wins (so a wrapper script can set defaults and pass user options after).
 *
 * @param url base URL of the Prazo standalone
 * @param clients concurrent client threads, for both benchmarks
 * @param warmup time run but not measured, before each benchmark's measured window
 * @param duration the measured window of each benchmark
 * @param requestTimeout how long one HTTP request may take before it counts as an error
 * @param jdbcUrl the ceiling's database, or null to read {@code <dataDir>/postgres.properties}
 * @param jdbcUser user for {@code jdbcUrl}, or null
 * @param jdbcPassword password for {@code jdbcUrl}, or null
 * @param dataDir the standalone's data directory (where {@code postgres.properties} lives)
 * @param out where the JSON result goes
 * @param mode which benchmarks run
 * @param tickets the query benchmark's open tickets
 * @param ticketClients the query benchmark's concurrent clients reading one ticket, a run each
 * @param queueClients the query benchmark's concurrent clients reading the queue, a run each
 * @param backgroundRate commands per second sent beside the visibility probe in its loaded run (0:
 *     no loaded run)
 * @param kafka the Kafka benchmark's brokers ({@code host:port,...}), or null to read {@code
 *     <dataDir>/kafka.properties}
 * @param topic the topic the Kafka benchmark reads
 * @param historyEvents events the Kafka benchmark stores (and the publisher publishes) before the
 *     rebuild
 * @param rebuilds how many times the Kafka benchmark rebuilds the publisher
 * @param rates commands per second of the Kafka benchmark's latency runs, a run each
 * @param help only print the usage
 */
record Options(
    URI url,
    int clients,
    Duration warmup,
    Duration duration,
    Duration requestTimeout,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    Path dataDir,
    Path out,
    Mode mode,
    int tickets,
    List<Integer> ticketClients,
    List<Integer> queueClients,
    int backgroundRate,
    String kafka,
    String topic,
    int historyEvents,
    int rebuilds,
    List<Integer> rates,
    boolean help) {

  /** Which benchmarks a run does. */
  enum Mode {
    COMMANDS_AND_CEILING,
    COMMANDS_ONLY,
    CEILING_ONLY,
    /** The query benchmark ({@code --benchmark query}). */
    QUERIES,
    /** The Kafka publishing benchmark ({@code --benchmark kafka}). */
    KAFKA;

    boolean commands() {
      return this == COMMANDS_AND_CEILING || this == COMMANDS_ONLY;
    }

    boolean ceiling() {
      return this == COMMANDS_AND_CEILING || this == CEILING_ONLY;
    }

    boolean queries() {
      return this == QUERIES;
    }

    boolean kafka() {
      return this == KAFKA;
    }
  }

  static final String USAGE =
      """
      Usage: java -jar load-driver/target/load-driver.jar [options]

      Measures a running Prazo standalone: command throughput and latency under concurrent
      clients, and the raw PostgreSQL single-row INSERT rate (the ceiling for commands/s); or,
      with --benchmark query, its queries over many open tickets; or, with --benchmark kafka,
      how fast and how soon its ticket events reach Kafka.

        --url URL              Prazo base URL (default http://localhost:8080)
        --benchmark NAME       commands (default: commands, then the ceiling), query or kafka
        --clients N            concurrent client threads, for both benchmarks; in the query
                               and kafka benchmarks, the clients that open its tickets
                               (default 32)
        --warmup DURATION      unmeasured run before each benchmark, or each run of the
                               query benchmark (default 10s)
        --duration DURATION    measured window of each benchmark, or each run of the query
                               benchmark (default 30s)
        --request-timeout D    an HTTP request taking longer is an error (default 30s)
        --jdbc-url URL         database for the ceiling; without it the driver reads
                               <data-dir>/postgres.properties (keys url, user, password)
        --jdbc-user USER       database user (overrides the file's)
        --jdbc-password PW     database password (overrides the file's)
        --data-dir PATH        the standalone's data directory (default ./prazo-data)
        --out FILE             JSON result file (default results.json)
        --skip-ceiling         run the command benchmark only
        --ceiling-only         run the ceiling only (no HTTP)
        --help                 print this and exit

      Query benchmark (--benchmark query):
        --tickets N            open tickets to create first (default 100000)
        --ticket-clients LIST  clients reading single tickets, one run per entry (default 4,16)
        --queue-clients LIST   clients reading each queue query, one run per entry (default 1,4)
        --background-rate N    commands/s beside the visibility probe in its loaded run; 0 for
                               no loaded run (default 200)

      Kafka benchmark (--benchmark kafka):
        --kafka HOSTS          the brokers, host:port[,host:port]; without it the driver reads
                               <data-dir>/kafka.properties (key bootstrap.servers)
        --topic NAME           the topic of the ticket events (default tickets.events.v1)
        --history-events N     events to store before the rebuilds are timed (default 100000)
        --rebuilds N           publisher rebuilds timed one after the other (default 2)
        --rates LIST           commands/s of the accepted-to-consumed runs, one run per entry,
                               each after --warmup and measured for --duration (default 100,300)

      DURATION: 500ms, 10s, 2m, 1h, a bare number of seconds, or ISO-8601 (PT30S).
      LIST: whole numbers separated by commas, e.g. 4,16.
      Exit status: 0 every request succeeded; 1 some requests failed (they are counted in the
      report and the result file); 2 bad command line; 3 the run could not be done (service or
      database unreachable or refusing the set-up, result file not writable).
      """;

  private static final Set<String> FLAGS = Set.of("help", "skip-ceiling", "ceiling-only");
  private static final Set<String> VALUED =
      Set.of(
          "url",
          "clients",
          "warmup",
          "duration",
          "request-timeout",
          "jdbc-url",
          "jdbc-user",
          "jdbc-password",
          "data-dir",
          "out",
          "benchmark",
          "tickets",
          "ticket-clients",
          "queue-clients",
          "background-rate",
          "kafka",
          "topic",
          "history-events",
          "rebuilds",
          "rates");
  private static final Pattern SIMPLE_DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);
  private static final int MAX_CLIENTS = 10_000;
  private static final int MAX_TICKETS = 10_000_000;
  private static final int MAX_EVENTS = 100_000_000;
  private static final int MAX_RATE = 100_000;

  static Options parse(String... args) throws UsageException {
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument: " + arg);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      if (FLAGS.contains(name)) {
        if (equals >= 0) {
          throw new UsageException("--" + name + " takes no value");
        }
        flags.add(name);
      } else if (VALUED.contains(name)) {
        String value;
        if (equals >= 0) {
          value = arg.substring(equals + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new UsageException("--" + name + " needs a value");
        }
        values.put(name, value);
      } else {
        throw new UsageException("unknown option: --" + name);
      }
    }
    if (flags.contains("skip-ceiling") && flags.contains("ceiling-only")) {
      throw new UsageException("--skip-ceiling and --ceiling-only exclude each other");
    }
    Mode mode =
        flags.contains("skip-ceiling")
            ? Mode.COMMANDS_ONLY
            : flags.contains("ceiling-only") ? Mode.CEILING_ONLY : Mode.COMMANDS_AND_CEILING;
    String benchmark = values.getOrDefault("benchmark", "commands").trim();
    if (benchmark.equals("query") || benchmark.equals("kafka")) {
      if (mode != Mode.COMMANDS_AND_CEILING) {
        throw new UsageException("--skip-ceiling and --ceiling-only are for --benchmark commands");
      }
      mode = benchmark.equals("query") ? Mode.QUERIES : Mode.KAFKA;
    } else if (!benchmark.equals("commands")) {
      throw new UsageException("--benchmark must be commands, query or kafka: '" + benchmark + "'");
    }
    Duration duration = duration("duration", values.getOrDefault("duration", "30s"));
    if (duration.isZero()) {
      throw new UsageException("--duration must be more than zero");
    }
    Duration requestTimeout =
        duration("request-timeout", values.getOrDefault("request-timeout", "30s"));
    if (requestTimeout.isZero()) {
      throw new UsageException("--request-timeout must be more than zero");
    }
    return new Options(
        url(values.getOrDefault("url", "http://localhost:8080")),
        clients(values.getOrDefault("clients", "32")),
        duration("warmup", values.getOrDefault("warmup", "10s")),
        duration,
        requestTimeout,
        nonBlank("jdbc-url", values.get("jdbc-url")),
        values.get("jdbc-user"),
        values.get("jdbc-password"),
        Path.of(nonBlank("data-dir", values.getOrDefault("data-dir", "./prazo-data"))),
        Path.of(nonBlank("out", values.getOrDefault("out", "results.json"))),
        mode,
        whole("tickets", values.getOrDefault("tickets", "100000"), 1, MAX_TICKETS),
        clientList("ticket-clients", values.getOrDefault("ticket-clients", "4,16")),
        clientList("queue-clients", values.getOrDefault("queue-clients", "1,4")),
        whole("background-rate", values.getOrDefault("background-rate", "200"), 0, MAX_RATE),
        nonBlank("kafka", values.get("kafka")),
        nonBlank("topic", values.getOrDefault("topic", "tickets.events.v1")).trim(),
        whole("history-events", values.getOrDefault("history-events", "100000"), 1, MAX_EVENTS),
        whole("rebuilds", values.getOrDefault("rebuilds", "2"), 0, 100),
        wholeList("rates", values.getOrDefault("rates", "100,300"), 1, MAX_RATE),
        flags.contains("help"));
  }

  /**
   * Reads a duration: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, a bare number of seconds,
   * or ISO-8601 ({@code PT30S}). Never negative.
   */
  static Duration parseDuration(String text) {
    String trimmed = text.trim();
    Duration parsed;
    if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
      parsed = Duration.parse(trimmed);
    } else {
      Matcher matcher = SIMPLE_DURATION.matcher(trimmed);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not a duration: " + text);
      }
      BigDecimal amount = new BigDecimal(matcher.group(1));
      String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(Locale.ROOT);
      BigDecimal nanosPerUnit =
          switch (unit) {
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            default -> BigDecimal.valueOf(3_600_000_000_000L);
          };
      parsed = Duration.ofNanos(amount.multiply(nanosPerUnit).longValueExact());
    }
    if (parsed.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + text);
    }
    return parsed;
  }

  private static Duration duration(String option, String text) throws UsageException {
    try {
      return parseDuration(text);
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      throw new UsageException(
          "--" + option + ": not a duration: '" + text + "' (try 500ms, 10s, 2m or PT30S)");
    }
  }

  private static int clients(String text) throws UsageException {
    return whole("clients", text, 1, MAX_CLIENTS);
  }

  private static int whole(String option, String text, int min, int max) throws UsageException {
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + ": not a whole number: '" + text + "'");
    }
    if (value < min || value > max) {
      throw new UsageException(
          "--" + option + " must be between " + min + " and " + max + ": " + value);
    }
    return value;
  }

  private static List<Integer> clientList(String option, String text) throws UsageException {
    return wholeList(option, text, 1, MAX_CLIENTS);
  }

  private static List<Integer> wholeList(String option, String text, int min, int max)
      throws UsageException {
    List<Integer> values = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      values.add(whole(option, part, min, max));
    }
    return List.copyOf(values);
  }

  private static URI url(String text) throws UsageException {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new UsageException("--url: not a URL: '" + text + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new UsageException("--url must be an http(s) URL with a host: '" + text + "'");
    }
    return uri;
  }

  private static String nonBlank(String option, String value) throws UsageException {
    if (value != null && value.isBlank()) {
      throw new UsageException("--" + option + " must not be empty");
    }
    return value;
  }
}
