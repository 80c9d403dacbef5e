package io.prazo.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.prazo.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One PostgreSQL 17 server per test JVM, started on first use and stopped by a JVM shutdown hook;
 * each test class takes a fresh database from it with {@link #newDatabase()}.
 *
 * <p>Which server is chosen by the system property {@code prazo.test.infra} or the environment
 * variable {@code PRAZO_TEST_INFRA} (the property wins):
 *
 * <ul>
 *   <li>{@code embedded}: {@link EmbeddedPostgres} in a temporary directory (deleted at exit);
 *   <li>{@code containers}: Testcontainers {@code postgres:17-alpine};
 *   <li>{@code auto} (default): containers when a Docker engine is reachable, else embedded.
 * </ul>
 *
 * <pre>{@code
 * static final TestPostgres.Database DB = TestPostgres.shared().newDatabase();
 * DataSource dataSource = DB.dataSource();
 * }</pre>
 *
 * <p>The server is for tests: durability is off (fsync, synchronous_commit, full_page_writes) in
 * both modes, for speed.
 */
public final class TestPostgres {

  private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

  static final String CONTAINER_IMAGE = "postgres:17-alpine";
  private static final String TEMP_PREFIX = "prazo-test-pg-";

  /** Tuning shared by both modes: throw-away data, many small pools. */
  static final Map<String, String> TEST_SETTINGS =
      Map.of(
          "max_connections", "200",
          "fsync", "off",
          "synchronous_commit", "off",
          "full_page_writes", "off");

  private static final Object LOCK = new Object();
  private static volatile TestPostgres shared;
  private static RuntimeException failure;
  private static boolean hookRegistered;
  private static final Map<Database, HikariDataSource> POOLS = new ConcurrentHashMap<>();

  private final Infra infra;
  private final Server server;
  private final AtomicInteger databases = new AtomicInteger();
  private final String runId =
      HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);

  private TestPostgres(Infra infra, Server server) {
    this.infra = infra;
    this.server = server;
  }

  /**
   * The server of this JVM, started on the first call (thread-safe). If it cannot be started, this
   * and every later call throw the same error.
   */
  public static TestPostgres shared() {
    TestPostgres instance = shared;
    if (instance != null) {
      return instance;
    }
    synchronized (LOCK) {
      if (shared != null) {
        return shared;
      }
      if (failure != null) {
        throw new IllegalStateException("The test PostgreSQL failed to start earlier", failure);
      }
      registerShutdownHook();
      try {
        shared = start(Infra.requested(stringProperties(), System.getenv()));
        return shared;
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
  }

  /** {@code embedded} or {@code containers}: which kind of server this is. */
  public String mode() {
    return infra.mode();
  }

  /**
   * Creates a new, empty database with a unique name and returns how to reach it. Meant to be
   * called once per test class; databases are not dropped (the server goes away with the JVM).
   */
  public Database newDatabase() {
    String name = "prazo_test_" + databases.incrementAndGet() + "_" + runId;
    try (Connection connection = server.connectAdmin();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return new Database(server.jdbcUrl(name), server.user(), server.password());
  }

  @Override
  public String toString() {
    return "TestPostgres[" + mode() + ", " + server.jdbcUrl("") + "]";
  }

  /** A database on the shared server: JDBC URL and credentials. */
  public record Database(String jdbcUrl, String user, String password) {

    /**
     * Gives this database to a Spring application as its {@code spring.datasource.*} settings.
     *
     * @param registry where settings go, e.g. a {@code DynamicPropertyRegistry}'s {@code add}
     */
    public void registerAsDataSource(
        java.util.function.BiConsumer<String, java.util.function.Supplier<Object>> registry) {
      registry.accept("spring.datasource.url", this::jdbcUrl);
      registry.accept("spring.datasource.username", this::user);
      registry.accept("spring.datasource.password", this::password);
    }

    /**
     * A small connection pool (HikariCP, at most 5 connections, idle ones closed after 10 s) for
     * this database. Repeated calls return the same pool; it is closed when the JVM exits.
     */
    public DataSource dataSource() {
      return POOLS.computeIfAbsent(this, Database::newPool);
    }

    private HikariDataSource newPool() {
      registerShutdownHook();
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl);
      config.setUsername(user);
      config.setPassword(password);
      config.setMaximumPoolSize(5);
      config.setMinimumIdle(0);
      config.setIdleTimeout(Duration.ofSeconds(10).toMillis());
      config.setConnectionTimeout(Duration.ofSeconds(20).toMillis());
      config.setPoolName("test-" + jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1));
      return new HikariDataSource(config);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static TestPostgres start(Infra requested) {
    long started = System.nanoTime();
    Infra infra = requested.resolve(Infra::dockerAvailable);
    Server server = infra == Infra.CONTAINERS ? new ContainerServer() : new EmbeddedServer();
    log.info(
        "Test PostgreSQL: {} (asked for {}), {}, ready in {} ms",
        infra.mode(),
        requested.mode(),
        server.description(),
        (System.nanoTime() - started) / 1_000_000);
    return new TestPostgres(infra, server);
  }

  private static void registerShutdownHook() {
    synchronized (LOCK) {
      if (hookRegistered) {
        return;
      }
      hookRegistered = true;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(TestPostgres::shutdown, "prazo-test-postgres-shutdown"));
    }
  }

  private static void shutdown() {
    POOLS.values().forEach(HikariDataSource::close);
    TestPostgres instance = shared;
    if (instance != null) {
      instance.server.close();
    }
  }

  private static Map<String, String> stringProperties() {
    Map<String, String> properties = new java.util.HashMap<>();
    System.getProperties()
        .stringPropertyNames()
        .forEach(n -> properties.put(n, System.getProperty(n)));
    return properties;
  }

  private interface Server {
    String jdbcUrl(String database);

    String user();

    String password();

    Connection connectAdmin() throws SQLException;

    String description();

    void close();
  }

  private static Connection connect(String url, String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return new org.postgresql.Driver().connect(url, properties);
  }

  /**
   * The embedded server. A test JVM that is killed leaves its server to EmbeddedPostgres' watchdog
   * (or it stops by itself once its data directory is gone) and its directory to the next JVM.
   */
  private static final class EmbeddedServer implements Server {

    private final OwnedTempDirectory directory;
    private final EmbeddedPostgres postgres;

    EmbeddedServer() {
      directory = OwnedTempDirectory.create(TEMP_PREFIX, "the test PostgreSQL");
      try {
        // The server may run as another OS user (see EmbeddedPostgres, running as root).
        Files.setPosixFilePermissions(
            directory.path(), PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (IOException e) {
        directory.close();
        throw new IllegalStateException("Cannot open the test PostgreSQL's directory", e);
      }
      try {
        postgres = EmbeddedPostgres.start(directory.path().resolve("data"), 0, TEST_SETTINGS);
      } catch (RuntimeException e) {
        directory.close();
        throw e;
      }
    }

    @Override
    public String jdbcUrl(String database) {
      return postgres.jdbcUrl(database);
    }

    @Override
    public String user() {
      return postgres.user();
    }

    @Override
    public String password() {
      return postgres.password();
    }

    @Override
    public Connection connectAdmin() throws SQLException {
      return connect(jdbcUrl("postgres"), user(), password());
    }

    @Override
    public String description() {
      return "embedded PostgreSQL 17 on port " + postgres.port() + ", data in " + directory;
    }

    @Override
    public void close() {
      try {
        postgres.close();
      } finally {
        directory.close();
      }
    }
  }

  private static final class ContainerServer implements Server {

    private final PostgreSQLContainer<?> container;

    @SuppressWarnings("resource") // stopped by close()
    ContainerServer() {
      String[] command =
          TEST_SETTINGS.entrySet().stream()
              .flatMap(e -> Stream.of("-c", e.getKey() + "=" + e.getValue()))
              .toArray(String[]::new);
      container =
          new PostgreSQLContainer<>(DockerImageName.parse(CONTAINER_IMAGE))
              .withCommand(
                  Stream.concat(Stream.of("postgres"), Stream.of(command)).toArray(String[]::new));
      container.start();
    }

    @Override
    public String jdbcUrl(String database) {
      return "jdbc:postgresql://"
          + container.getHost()
          + ":"
          + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
          + "/"
          + database;
    }

    @Override
    public String user() {
      return container.getUsername();
    }

    @Override
    public String password() {
      return container.getPassword();
    }

    @Override
    public Connection connectAdmin() throws SQLException {
      return connect(jdbcUrl(container.getDatabaseName()), user(), password());
    }

    @Override
    public String description() {
      return CONTAINER_IMAGE + " at " + jdbcUrl("");
    }

    @Override
    public void close() {
      container.stop();
    }
  }
}
