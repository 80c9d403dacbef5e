package io.prazo.standalone;

import io.prazo.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the standalone's embedded PostgreSQL before anything needs a database, points the services
 * at it, and stops it when the application stops. The data stays in {@code <data-dir>/postgres}, so
 * a restart keeps every ticket. {@code <data-dir>/postgres.properties} tells tools (the load
 * driver, psql) where the database is while Prazo runs.
 */
public class EmbeddedInfrastructure implements ApplicationListener<ApplicationEvent> {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
  static final String DATABASE = "prazo";

  private EmbeddedPostgres postgres;

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      start(prepared.getEnvironment());
    } else if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
      stop();
    }
  }

  private synchronized void start(ConfigurableEnvironment environment) {
    if (postgres != null) {
      return;
    }
    Path dataDir =
        Path.of(environment.getProperty("prazo.data-dir", "./prazo-data"))
            .toAbsolutePath()
            .normalize();
    int kafkaPort = environment.getProperty("prazo.kafka.port", Integer.class, 9092);
    if (kafkaPort < 1 || kafkaPort > 65535) {
      throw new IllegalArgumentException("prazo.kafka.port must be a TCP port, not " + kafkaPort);
    }
    int port = environment.getProperty("prazo.postgres.port", Integer.class, 0);
    long started = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + dataDir, e);
    }
    postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"), port);
    postgres.createDatabaseIfMissing(DATABASE);
    String url = postgres.jdbcUrl(DATABASE);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", url);
    settings.put("spring.datasource.username", postgres.user());
    settings.put("spring.datasource.password", postgres.password());
    settings.put("prazo.data-dir", dataDir.toString());
    environment.getPropertySources().addFirst(new MapPropertySource("prazo-embedded", settings));
    writeConnectionFile(dataDir, url);
    log.info(
        "Embedded PostgreSQL {} on port {} with data in {} ({} ms)",
        EmbeddedPostgres.POSTGRES_MAJOR_VERSION,
        postgres.port(),
        dataDir,
        (System.nanoTime() - started) / 1_000_000);
  }

  private void writeConnectionFile(Path dataDir, String url) {
    Properties properties = new Properties();
    properties.setProperty("url", url);
    properties.setProperty("user", postgres.user());
    properties.setProperty("password", postgres.password());
    try (Writer out =
        Files.newBufferedWriter(dataDir.resolve("postgres.properties"), StandardCharsets.UTF_8)) {
      properties.store(out, "Where Prazo's embedded PostgreSQL listens while the standalone runs");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void stop() {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}
