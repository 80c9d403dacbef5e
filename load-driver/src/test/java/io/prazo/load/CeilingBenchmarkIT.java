package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prazo.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ceiling benchmark against a real, throw-away PostgreSQL 17. */
class CeilingBenchmarkIT {

  @TempDir static Path temp;

  private static EmbeddedPostgres postgres;
  private static JdbcTarget target;

  @BeforeAll
  static void startPostgres() {
    postgres = EmbeddedPostgres.start(temp.resolve("pg"), 0);
    target = new JdbcTarget(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void insertsFromEveryConnectionAndDropsTheScratchTableAfterwards() throws Exception {
    CeilingBenchmark.Result result =
        new CeilingBenchmark(target)
            .run(4, Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(30), quiet());

    assertThat(result.errors()).isEmpty();
    assertThat(result.warmupErrors()).isEmpty();
    assertThat(result.connections()).isEqualTo(4);
    assertThat(result.measuredSeconds()).isEqualTo(1.0);
    assertThat(result.inserts().count()).isPositive();
    assertThat(result.inserts().perSecond()).isEqualTo((double) result.inserts().count());
    assertThat(result.serverVersion()).startsWith("17.");
    assertThat(result.serverSettings())
        .containsEntry("fsync", "on")
        .containsEntry("synchronous_commit", "on")
        .containsKeys("wal_sync_method", "commit_delay", "full_page_writes");
    assertThat(scratchTableExists()).isFalse();
  }

  @Test
  void replacesAScratchTableLeftBehindByAnInterruptedRun() throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE load_ceiling (leftover int)");
    }

    CeilingBenchmark.Result result =
        new CeilingBenchmark(target)
            .run(2, Duration.ZERO, Duration.ofMillis(300), Duration.ofSeconds(30), quiet());

    assertThat(result.errors()).isEmpty();
    assertThat(result.inserts().count()).isPositive();
    assertThat(scratchTableExists()).isFalse();
  }

  @Test
  void theDriverFindsTheDatabaseThroughTheDataDirectoryFile() throws Exception {
    Path dataDir = Files.createDirectories(temp.resolve("prazo-data"));
    Files.writeString(
        dataDir.resolve("postgres.properties"),
        "url="
            + postgres.jdbcUrl("postgres")
            + "\nuser="
            + postgres.user()
            + "\npassword="
            + postgres.password()
            + "\n");
    Path results = temp.resolve("ceiling.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status =
        LoadDriver.run(
            new String[] {
              "--ceiling-only",
              "--data-dir=" + dataDir,
              "--clients=2",
              "--warmup=0s",
              "--duration=300ms",
              "--out=" + results
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            quiet(),
            Clock.systemUTC());

    assertThat(status).isEqualTo(LoadDriver.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("PostgreSQL ceiling: single-row INSERT of 300 random bytes")
        .doesNotContain("Commands on");
    JsonNode json = new ObjectMapper().readTree(results.toFile());
    assertThat(json.at("/ceiling/inserts/count").asLong()).isPositive();
    assertThat(json.at("/settings/jdbcUrl").asText()).isEqualTo(postgres.jdbcUrl("postgres"));
    assertThat(json.has("commands")).isFalse();
  }

  private static boolean scratchTableExists() throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT to_regclass('load_ceiling') IS NOT NULL")) {
      row.next();
      return row.getBoolean(1);
    }
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(target.url(), target.user(), target.password());
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
