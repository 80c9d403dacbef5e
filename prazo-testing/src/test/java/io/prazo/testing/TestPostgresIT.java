package io.prazo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TestPostgresIT {

  @Test
  void sharedIsOneServerPerJvmEvenWhenFirstAskedConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<TestPostgres>> askers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        askers.add(TestPostgres::shared);
      }
      List<TestPostgres> answers = new ArrayList<>();
      for (Future<TestPostgres> answer : pool.invokeAll(askers)) {
        answers.add(answer.get());
      }
      assertThat(answers).allSatisfy(a -> assertThat(a).isSameAs(TestPostgres.shared()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void newDatabaseGivesIsolatedDatabases() throws Exception {
    TestPostgres.Database first = TestPostgres.shared().newDatabase();
    TestPostgres.Database second = TestPostgres.shared().newDatabase();
    assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());

    try (Connection c = first.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE ticket (id int)");
      s.execute("INSERT INTO ticket VALUES (1)");
    }
    try (Connection c = second.dataSource().getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM ticket"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("does not exist");
      s.execute("CREATE TABLE ticket (id int)"); // same name, other database: no clash
      assertThat(single(s, "SELECT count(*) FROM ticket")).isEqualTo("0");
    }
    try (Connection c = first.dataSource().getConnection();
        Statement s = c.createStatement()) {
      assertThat(single(s, "SELECT count(*) FROM ticket")).isEqualTo("1");
      assertThat(first.jdbcUrl()).endsWith("/" + single(s, "SELECT current_database()"));
    }
  }

  @Test
  void dataSourceIsOneSmallPoolPerDatabase() throws Exception {
    TestPostgres.Database database = TestPostgres.shared().newDatabase();
    DataSource dataSource = database.dataSource();
    assertThat(database.dataSource()).isSameAs(dataSource);
    try (Connection c = dataSource.getConnection()) {
      assertThat(c.isValid(5)).isTrue();
      assertThat(c.getMetaData().getUserName()).isEqualTo(database.user());
    }
  }

  @Test
  void autoPicksEmbeddedWhenNoDockerEngineIsReachable() {
    long started = System.nanoTime();
    boolean docker = Infra.dockerAvailable();
    long millis = (System.nanoTime() - started) / 1_000_000;
    assumeFalse(docker, "a Docker engine is reachable here");

    assertThat(millis).as("Docker detection time").isLessThan(5_000);
    assertThat(Infra.AUTO.resolve(() -> docker)).isEqualTo(Infra.EMBEDDED);
    if (Infra.requested(Map.of(), System.getenv()) == Infra.AUTO
        && Infra.requested(stringProperties(), Map.of()) == Infra.AUTO) {
      assertThat(TestPostgres.shared().mode()).isEqualTo("embedded");
    }
  }

  @Test
  void theEmbeddedTestServerTradesDurabilityForSpeed() throws Exception {
    assumeTrue(TestPostgres.shared().mode().equals("embedded"));
    TestPostgres.Database database = TestPostgres.shared().newDatabase();
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      assertThat(single(s, "SHOW fsync")).isEqualTo("off");
      assertThat(single(s, "SHOW max_connections")).isEqualTo("200");
      assertThat(single(s, "SHOW server_version_num")).startsWith("17");
    }
  }

  private static Map<String, String> stringProperties() {
    Map<String, String> properties = new java.util.HashMap<>();
    System.getProperties()
        .stringPropertyNames()
        .forEach(n -> properties.put(n, System.getProperty(n)));
    return properties;
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
