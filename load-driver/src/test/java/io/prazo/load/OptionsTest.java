package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void defaultsAreTheDocumentedOnes() throws Exception {
    Options options = Options.parse();

    assertThat(options.url()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(options.clients()).isEqualTo(32);
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.jdbcUrl()).isNull();
    assertThat(options.jdbcUser()).isNull();
    assertThat(options.jdbcPassword()).isNull();
    assertThat(options.dataDir()).isEqualTo(Path.of("./prazo-data"));
    assertThat(options.out()).isEqualTo(Path.of("results.json"));
    assertThat(options.mode()).isEqualTo(Options.Mode.COMMANDS_AND_CEILING);
    assertThat(options.help()).isFalse();
  }

  @Test
  void takesValuesAfterASpaceOrAnEqualsSign() throws Exception {
    Options options =
        Options.parse(
            "--url",
            "http://prazo.test:18080/",
            "--clients=8",
            "--warmup",
            "2s",
            "--duration=1m",
            "--request-timeout",
            "500ms",
            "--jdbc-url=jdbc:postgresql://db:5432/prazo?sslmode=disable",
            "--jdbc-user",
            "prazo",
            "--jdbc-password=s=cret",
            "--data-dir",
            "/tmp/prazo",
            "--out",
            "target/run.json");

    assertThat(options.url()).isEqualTo(URI.create("http://prazo.test:18080/"));
    assertThat(options.clients()).isEqualTo(8);
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.duration()).isEqualTo(Duration.ofMinutes(1));
    assertThat(options.requestTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/prazo?sslmode=disable");
    assertThat(options.jdbcUser()).isEqualTo("prazo");
    assertThat(options.jdbcPassword()).isEqualTo("s=cret");
    assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/prazo"));
    assertThat(options.out()).isEqualTo(Path.of("target/run.json"));
  }

  @Test
  void theLastOfARepeatedOptionWins() throws Exception {
    assertThat(Options.parse("--clients", "4", "--clients=16").clients()).isEqualTo(16);
  }

  @Test
  void skipCeilingRunsOnlyTheCommands() throws Exception {
    Options.Mode mode = Options.parse("--skip-ceiling").mode();

    assertThat(mode).isEqualTo(Options.Mode.COMMANDS_ONLY);
    assertThat(mode.commands()).isTrue();
    assertThat(mode.ceiling()).isFalse();
  }

  @Test
  void ceilingOnlyRunsNoCommands() throws Exception {
    Options.Mode mode = Options.parse("--ceiling-only").mode();

    assertThat(mode).isEqualTo(Options.Mode.CEILING_ONLY);
    assertThat(mode.commands()).isFalse();
    assertThat(mode.ceiling()).isTrue();
  }

  @Test
  void theQueryBenchmarkHasItsOwnModeAndDefaults() throws Exception {
    Options defaults = Options.parse();
    Options query = Options.parse("--benchmark", "query");

    assertThat(defaults.mode()).isEqualTo(Options.Mode.COMMANDS_AND_CEILING);
    assertThat(defaults.mode().queries()).isFalse();
    assertThat(query.mode()).isEqualTo(Options.Mode.QUERIES);
    assertThat(query.mode().queries()).isTrue();
    assertThat(query.mode().commands()).isFalse();
    assertThat(query.mode().ceiling()).isFalse();
    assertThat(query.tickets()).isEqualTo(100_000);
    assertThat(query.ticketClients()).containsExactly(4, 16);
    assertThat(query.queueClients()).containsExactly(1, 4);
    assertThat(query.backgroundRate()).isEqualTo(200);
    assertThat(Options.parse("--benchmark=commands").mode())
        .isEqualTo(Options.Mode.COMMANDS_AND_CEILING);
  }

  @Test
  void readsTheQueryBenchmarksCountsAndClientLists() throws Exception {
    Options options =
        Options.parse(
            "--benchmark=query",
            "--tickets",
            "5000",
            "--ticket-clients=1, 8 ,32",
            "--queue-clients",
            "2",
            "--background-rate=0");

    assertThat(options.tickets()).isEqualTo(5_000);
    assertThat(options.ticketClients()).containsExactly(1, 8, 32);
    assertThat(options.queueClients()).containsExactly(2);
    assertThat(options.backgroundRate()).isZero();
  }

  @Test
  void theKafkaBenchmarkHasItsOwnModeAndDefaults() throws Exception {
    Options kafka = Options.parse("--benchmark", "kafka");

    assertThat(kafka.mode()).isEqualTo(Options.Mode.KAFKA);
    assertThat(kafka.mode().kafka()).isTrue();
    assertThat(kafka.mode().queries()).isFalse();
    assertThat(kafka.mode().commands()).isFalse();
    assertThat(kafka.mode().ceiling()).isFalse();
    assertThat(kafka.kafka()).isNull();
    assertThat(kafka.topic()).isEqualTo("tickets.events.v1");
    assertThat(kafka.historyEvents()).isEqualTo(100_000);
    assertThat(kafka.rebuilds()).isEqualTo(2);
    assertThat(kafka.rates()).containsExactly(100, 300);
    assertThat(Options.parse().mode().kafka()).isFalse();
  }

  @Test
  void readsTheKafkaBenchmarksBrokersTopicHistoryAndRates() throws Exception {
    Options options =
        Options.parse(
            "--benchmark=kafka",
            "--kafka",
            "localhost:19092",
            "--topic=tickets.test",
            "--history-events",
            "20000",
            "--rebuilds=0",
            "--rates= 50, 500 ,1000");

    assertThat(options.kafka()).isEqualTo("localhost:19092");
    assertThat(options.topic()).isEqualTo("tickets.test");
    assertThat(options.historyEvents()).isEqualTo(20_000);
    assertThat(options.rebuilds()).isZero();
    assertThat(options.rates()).containsExactly(50, 500, 1000);
  }

  @Test
  void refusesBadKafkaOptions() {
    assertUsageError("--history-events must be between 1 and 100000000: 0", "--history-events=0");
    assertUsageError("--rates must be between 1 and 100000: 0", "--rates", "100,0");
    assertUsageError("--rebuilds must be between 0 and 100: 101", "--rebuilds", "101");
    assertUsageError("--rates: not a whole number: 'fast'", "--rates", "fast");
    assertUsageError("--kafka must not be empty", "--kafka=");
    assertUsageError("--topic must not be empty", "--topic", " ");
    assertUsageError(
        "--skip-ceiling and --ceiling-only are for --benchmark commands",
        "--benchmark=kafka",
        "--ceiling-only");
  }

  @Test
  void refusesAnUnknownBenchmarkAndCeilingFlagsWithTheQueryBenchmark() {
    assertUsageError(
        "--benchmark must be commands, query or kafka: 'reads'", "--benchmark", "reads");
    assertUsageError(
        "--skip-ceiling and --ceiling-only are for --benchmark commands",
        "--benchmark=query",
        "--skip-ceiling");
  }

  @Test
  void refusesBadTicketCountsAndClientLists() {
    assertUsageError("--tickets must be between 1 and 10000000: 0", "--tickets", "0");
    assertUsageError("--ticket-clients: not a whole number: ''", "--ticket-clients", "4,");
    assertUsageError("--queue-clients must be between 1 and 10000: 0", "--queue-clients=1,0");
    assertUsageError("--background-rate must be between 0 and 100000: -1", "--background-rate=-1");
  }

  @Test
  void helpIsAFlag() throws Exception {
    assertThat(Options.parse("--clients", "2", "--help").help()).isTrue();
  }

  @Test
  void readsDurationsWithUnitsAsBareSecondsAndInIso() {
    assertThat(Options.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Options.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Options.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Options.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Options.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Options.parseDuration("45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(Options.parseDuration("0")).isEqualTo(Duration.ZERO);
    assertThat(Options.parseDuration("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Options.parseDuration("pt1m")).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void allowsNoWarmup() throws Exception {
    assertThat(Options.parse("--warmup", "0s").warmup()).isZero();
  }

  @Test
  void refusesAnUnknownOption() {
    assertUsageError("unknown option: --threads", "--threads", "4");
  }

  @Test
  void refusesAnArgumentThatIsNoOption() {
    assertUsageError("unexpected argument: 32", "32");
    assertUsageError("unexpected argument: --", "--");
  }

  @Test
  void refusesAnOptionWithoutItsValue() {
    assertUsageError("--clients needs a value", "--clients");
  }

  @Test
  void refusesAValueOnAFlag() {
    assertUsageError("--skip-ceiling takes no value", "--skip-ceiling=true");
  }

  @Test
  void refusesAClientCountThatIsNotAPositiveWholeNumber() {
    assertUsageError("--clients: not a whole number: 'many'", "--clients", "many");
    assertUsageError("--clients must be between 1 and 10000: 0", "--clients", "0");
    assertUsageError("--clients must be between 1 and 10000: -3", "--clients=-3");
    assertUsageError("--clients must be between 1 and 10000: 10001", "--clients=10001");
  }

  @Test
  void refusesDurationsItCannotRead() {
    assertUsageError("--warmup: not a duration: '10 seconds'", "--warmup", "10 seconds");
    assertUsageError("--duration: not a duration: '-5s'", "--duration", "-5s");
    assertUsageError("--duration: not a duration: 'PT-5S'", "--duration", "PT-5S");
    assertUsageError("--duration: not a duration: 'P'", "--duration", "P");
  }

  @Test
  void refusesAnEmptyMeasuredWindowOrRequestTimeout() {
    assertUsageError("--duration must be more than zero", "--duration", "0s");
    assertUsageError("--request-timeout must be more than zero", "--request-timeout", "0ms");
  }

  @Test
  void refusesSkipCeilingTogetherWithCeilingOnly() {
    assertUsageError(
        "--skip-ceiling and --ceiling-only exclude each other", "--skip-ceiling", "--ceiling-only");
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    assertUsageError("--url must be an http(s) URL with a host", "--url", "localhost:8080");
    assertUsageError("--url must be an http(s) URL with a host", "--url", "ftp://host/");
    assertUsageError("--url: not a URL: 'http://bad host'", "--url", "http://bad host");
  }

  @Test
  void refusesEmptyPaths() {
    assertUsageError("--out must not be empty", "--out=");
    assertUsageError("--data-dir must not be empty", "--data-dir", " ");
    assertUsageError("--jdbc-url must not be empty", "--jdbc-url=");
  }

  private static void assertUsageError(String message, String... args) {
    assertThatThrownBy(() -> Options.parse(args))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith(message);
  }
}
