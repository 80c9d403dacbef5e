package io.prazo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresIT {

  @TempDir Path temp;

  @Test
  void dataSurvivesAStopAndStartOnTheSameDirectory() throws Exception {
    Path data = temp.resolve("data");

    long firstStarted = System.nanoTime();
    String systemIdentifier;
    try (EmbeddedPostgres server = EmbeddedPostgres.start(data, 0)) {
      report("first start (initdb)", firstStarted);
      try (Connection c = connect(server, "postgres");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE ticket (id int PRIMARY KEY, title text)");
        s.execute("INSERT INTO ticket VALUES (1, 'printer on fire'), (2, 'VPN down')");
        systemIdentifier = systemIdentifier(s);
      }
    }

    long restarted = System.nanoTime();
    try (EmbeddedPostgres server = EmbeddedPostgres.start(data, 0)) {
      report("restart on existing data", restarted);
      try (Connection c = connect(server, "postgres");
          Statement s = c.createStatement()) {
        assertThat(strings(s, "SELECT title FROM ticket ORDER BY id"))
            .containsExactly("printer on fire", "VPN down");
        assertThat(systemIdentifier(s)).as("no new initdb").isEqualTo(systemIdentifier);
      }
    }
  }

  @Test
  void listensOnTheRequestedPortAndCreatesADatabaseOnlyWhenMissing() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (EmbeddedPostgres server = EmbeddedPostgres.start(temp.resolve("data"), port)) {
      assertThat(server.port()).isEqualTo(port);
      assertThat(server.jdbcUrl("prazo"))
          .isEqualTo("jdbc:postgresql://localhost:" + port + "/prazo");

      server.createDatabaseIfMissing("prazo");
      try (Connection c = connect(server, "prazo");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (x int)");
      }
      server.createDatabaseIfMissing("prazo"); // exists: untouched
      server.createDatabaseIfMissing("Mixed \"Case\" db");

      try (Connection c = connect(server, "prazo");
          Statement s = c.createStatement()) {
        assertThat(strings(s, "SELECT count(*) FROM kept")).containsExactly("0");
      }
      try (Connection c = connect(server, "Mixed \"Case\" db")) {
        assertThat(c.getCatalog()).isEqualTo("Mixed \"Case\" db");
      }
    }
  }

  @Test
  void requiresThePassword() throws Exception {
    try (EmbeddedPostgres server = EmbeddedPostgres.start(temp.resolve("data"), 0)) {
      assertThatThrownBy(
              () -> DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "wrong"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
    }
  }

  @Test
  void isDurableByDefaultAndTakesExtraSettings() throws Exception {
    Path data = temp.resolve("data");
    try (EmbeddedPostgres server = EmbeddedPostgres.start(data, 0);
        Connection c = connect(server, "postgres");
        Statement s = c.createStatement()) {
      assertThat(show(s, "fsync")).isEqualTo("on");
      assertThat(show(s, "synchronous_commit")).isEqualTo("on");
      assertThat(show(s, "full_page_writes")).isEqualTo("on");
      assertThat(show(s, "max_connections")).isEqualTo("200");
      assertThat(show(s, "shared_buffers")).isEqualTo("128MB");
      assertThat(show(s, "server_version_num")).startsWith("17");
      assertThat(show(s, "log_timezone")).isEqualTo("UTC"); // TimeZone is set by the client
    }
    try (EmbeddedPostgres server =
            EmbeddedPostgres.start(
                data,
                0,
                Map.of(
                    "synchronous_commit", "off",
                    "work_mem", "16MB",
                    "application_name", "it's quoted"));
        Connection c = connect(server, "postgres");
        Statement s = c.createStatement()) {
      assertThat(show(s, "synchronous_commit")).isEqualTo("off");
      assertThat(show(s, "work_mem")).isEqualTo("16MB");
      assertThat(show(s, "fsync")).isEqualTo("on");
    }
  }

  @Test
  void aSecondStartOnADirectoryInUseInThisJvmFailsClearly() throws Exception {
    Path data = temp.resolve("data");
    try (EmbeddedPostgres server = EmbeddedPostgres.start(data, 0)) {
      assertThatThrownBy(() -> EmbeddedPostgres.start(data, 0))
          .isInstanceOf(EmbeddedPostgresException.class)
          .hasMessageContaining("already in use by a server started in this JVM");

      try (Connection c = connect(server, "postgres")) {
        assertThat(c.isValid(5)).as("first server unaffected").isTrue();
      }
    }
    EmbeddedPostgres.start(data, 0).close(); // free again after close()
  }

  @Test
  void aSecondStartOnADirectoryInUseByAnotherProcessFailsClearly() throws Exception {
    Path data = temp.resolve("data");
    try (ChildServer child = ChildServer.start(data, "SELECT 1")) {
      assertThatThrownBy(() -> EmbeddedPostgres.start(data, 0))
          .isInstanceOf(EmbeddedPostgresException.class)
          .hasMessageContaining("already in use by another process")
          .hasMessageContaining("locked by pid " + child.jvm.pid());
    }
  }

  @Test
  void recoversAfterTheJvmAndTheWholePostgresProcessTreeWereKilled() throws Exception {
    Path data = temp.resolve("data");
    ChildServer child =
        ChildServer.start(data, "CREATE TABLE crash (x int); INSERT INTO crash VALUES (42)");
    child.watchdogs().forEach(ProcessHandle::destroyForcibly);
    child.killJvm();
    ChildServer.killTree(child.postmasterPid);
    assertThat(ChildServer.await(Duration.ofSeconds(30), () -> !ChildServer.clusterRuns(data)))
        .isTrue();
    assertThat(data.resolve("postmaster.pid")).as("stale pid file left behind").exists();

    try (EmbeddedPostgres server = EmbeddedPostgres.start(data, 0);
        Connection c = connect(server, "postgres");
        Statement s = c.createStatement()) {
      assertThat(strings(s, "SELECT x FROM crash")).containsExactly("42");
    }
  }

  @Test
  void stopsAnOrphanedServerLeftRunningByAKilledJvm() throws Exception {
    Path data = temp.resolve("data");
    ChildServer child = ChildServer.start(data, "CREATE TABLE orphan (x int)");
    child.watchdogs().forEach(ProcessHandle::destroyForcibly);
    child.killJvm();
    assertThat(ProcessHandle.of(child.postmasterPid).map(ProcessHandle::isAlive))
        .as("the orphaned server still runs")
        .contains(true);

    try (EmbeddedPostgres server = EmbeddedPostgres.start(data, 0);
        Connection c = connect(server, "postgres");
        Statement s = c.createStatement()) {
      assertThat(server.pid()).isNotEqualTo(child.postmasterPid);
      assertThat(strings(s, "SELECT count(*) FROM orphan")).containsExactly("0");
    }
    try (ServerSocket oldPortIsFree =
        new ServerSocket(child.port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(oldPortIsFree.isBound()).isTrue();
    }
  }

  @Test
  void theServerStopsWhenItsJvmIsKilledWithoutClosingIt() throws Exception {
    Path data = temp.resolve("data");
    ChildServer child = ChildServer.start(data, "SELECT 1");
    child.killJvm();
    assertThat(
            ChildServer.await(
                Duration.ofSeconds(30), () -> !Files.exists(data.resolve("postmaster.pid"))))
        .as("the watchdog shut the server down")
        .isTrue();
    EmbeddedPostgres.start(data, 0).close();
  }

  @Test
  void survivesTheServerCrashingUnderARunningJvm() throws Exception {
    Path data = temp.resolve("data");
    EmbeddedPostgres crashed = EmbeddedPostgres.start(data, 0);
    try (Connection c = connect(crashed, "postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE survived (x int)");
    }
    ChildServer.killTree(crashed.pid());
    assertThat(ChildServer.await(Duration.ofSeconds(30), () -> !ChildServer.clusterRuns(data)))
        .isTrue();
    long closing = System.nanoTime();
    crashed.close(); // nothing left to stop: must not throw, must release the directory
    assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));

    try (EmbeddedPostgres server = EmbeddedPostgres.start(data, 0);
        Connection c = connect(server, "postgres");
        Statement s = c.createStatement()) {
      assertThat(strings(s, "SELECT count(*) FROM survived")).containsExactly("0");
    }
  }

  @Test
  void startsDespiteAPidFileNamingAnUnrelatedLiveProcess() throws Exception {
    Path data = temp.resolve("data");
    EmbeddedPostgres.start(data, 0).close();
    Process unrelated = new ProcessBuilder("sleep", "120").start();
    try {
      Files.writeString(
          data.resolve("postmaster.pid"),
          unrelated.pid() + "\n" + data.toRealPath() + "\n1700000000\n5432\n\nlocalhost\n");
      try (EmbeddedPostgres server = EmbeddedPostgres.start(data, 0);
          Connection c = connect(server, "postgres")) {
        assertThat(c.isValid(5)).isTrue();
      }
      assertThat(unrelated.isAlive()).as("the unrelated process is left alone").isTrue();
    } finally {
      unrelated.destroyForcibly();
    }
  }

  @Test
  void refusesANonEmptyDirectoryThatIsNotADataDirectoryAndLeavesItAlone() throws Exception {
    Path data = Files.createDirectories(temp.resolve("data"));
    Files.writeString(data.resolve("notes.txt"), "precious");

    assertThatThrownBy(() -> EmbeddedPostgres.start(data, 0))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessageContaining("neither empty nor a PostgreSQL data directory");
    try (var files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
    }
    assertThat(Files.readString(data.resolve("notes.txt"))).isEqualTo("precious");
  }

  @Test
  void refusesADataDirectoryOfAnotherMajorVersion() throws Exception {
    Path data = temp.resolve("data");
    EmbeddedPostgres.start(data, 0).close();
    Files.writeString(data.resolve("PG_VERSION"), "16\n");

    assertThatThrownBy(() -> EmbeddedPostgres.start(data, 0))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessageContaining("holds a PostgreSQL 16 cluster");
  }

  @Test
  void asRootItCanRunPostgresAsNobodyWhenUserNamespacesAreUnavailable() throws Exception {
    assumeTrue(ServerUser.currentUid() == 0, "only meaningful as root");
    assumeTrue(
        Commands.run(List.of("setpriv", "--version"), Duration.ofSeconds(5)).ok(), "setpriv");
    // @TempDir is private to root (0700): the postgres user must be able to reach the data.
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path data = temp.resolve("data");
    System.setProperty(ServerUser.STRATEGY_PROPERTY, "setpriv");
    try (EmbeddedPostgres server = EmbeddedPostgres.start(data, 0);
        Connection c = connect(server, "postgres");
        Statement s = c.createStatement()) {
      assertThat(ProcessHandle.of(server.pid()).flatMap(h -> h.info().user())).contains("nobody");
      s.execute("CREATE TABLE t (x int)");
    } finally {
      System.clearProperty(ServerUser.STRATEGY_PROPERTY);
    }
    try (EmbeddedPostgres server = EmbeddedPostgres.start(data, 0); // default strategy again
        Connection c = connect(server, "postgres");
        Statement s = c.createStatement()) {
      assertThat(strings(s, "SELECT count(*) FROM t")).containsExactly("0");
    }
  }

  private static Connection connect(EmbeddedPostgres server, String database) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
  }

  private static String show(Statement s, String setting) throws SQLException {
    return strings(s, "SHOW " + setting).get(0);
  }

  private static String systemIdentifier(Statement s) throws SQLException {
    return strings(s, "SELECT system_identifier FROM pg_control_system()").get(0);
  }

  private static List<String> strings(Statement s, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static void report(String what, long startedNanos) {
    System.out.printf("[timing] %s: %d ms%n", what, (System.nanoTime() - startedNanos) / 1_000_000);
  }
}
