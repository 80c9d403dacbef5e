package io.prazo.standalone;

import io.prazo.embedded.EmbeddedKafka;
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
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the standalone's embedded PostgreSQL and Kafka broker before anything needs them, points
 * the services at them, and stops them after everything else has stopped (the web server drained,
 * the event processors and the Kafka producer closed). The data stays in {@code
 * <data-dir>/postgres} and {@code <data-dir>/kafka}, so a restart keeps every ticket and every
 * published record. {@code <data-dir>/postgres.properties} and {@code <data-dir>/kafka.properties}
 * tell tools (the load driver, psql, Kafka's console consumer) where they are while Prazo runs.
 */
public class EmbeddedInfrastructure implements ApplicationListener<ApplicationEvent> {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
  static final String DATABASE = "prazo";

  private EmbeddedPostgres postgres;
  private EmbeddedKafka kafka;

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      start(prepared.getEnvironment());
    } else if (event instanceof ApplicationPreparedEvent prepared
        && prepared.getApplicationContext().getBeanFactory()
            instanceof DefaultSingletonBeanRegistry beans) {
      // The first disposable bean is destroyed last: after every bean that uses the database or
      // the broker.
      beans.registerDisposableBean("prazoEmbeddedInfrastructure", this::stop);
    } else if (event instanceof ApplicationFailedEvent) {
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
    if (kafkaPort < 0 || kafkaPort > 65535) {
      throw new IllegalArgumentException(
          "prazo.kafka.port must be a TCP port (0 for any free one), not " + kafkaPort);
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
    log.info(
        "Embedded PostgreSQL {} on port {} with data in {} ({} ms)",
        EmbeddedPostgres.POSTGRES_MAJOR_VERSION,
        postgres.port(),
        dataDir,
        (System.nanoTime() - started) / 1_000_000);
    started = System.nanoTime();
    try {
      kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", url);
    settings.put("spring.datasource.username", postgres.user());
    settings.put("spring.datasource.password", postgres.password());
    settings.put("prazo.data-dir", dataDir.toString());
    settings.put("prazo.kafka.port", kafka.port());
    settings.put("prazo.kafka.bootstrap-servers", kafka.bootstrapServers());
    environment.getPropertySources().addFirst(new MapPropertySource("prazo-embedded", settings));
    writeConnectionFiles(dataDir, url);
    log.info(
        "Embedded Kafka broker on {} with data in {} ({} ms); events go to topic {}",
        kafka.bootstrapServers(),
        kafka.dataDirectory(),
        (System.nanoTime() - started) / 1_000_000,
        environment.getProperty("prazo.kafka.topic", "tickets.events.v1"));
  }

  private void writeConnectionFiles(Path dataDir, String url) {
    Properties database = new Properties();
    database.setProperty("url", url);
    database.setProperty("user", postgres.user());
    database.setProperty("password", postgres.password());
    write(
        dataDir.resolve("postgres.properties"),
        database,
        "Where Prazo's embedded PostgreSQL listens while the standalone runs");
    Properties broker = new Properties();
    broker.setProperty("bootstrap.servers", kafka.bootstrapServers());
    write(
        dataDir.resolve("kafka.properties"),
        broker,
        "Where Prazo's embedded Kafka broker listens while the standalone runs;"
            + " a Kafka client configuration (e.g. --consumer.config)");
  }

  private static void write(Path file, Properties properties, String comment) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, comment);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void stop() {
    try {
      if (kafka != null) {
        kafka.close();
      }
    } finally {
      kafka = null;
      if (postgres != null) {
        postgres.close();
        postgres = null;
      }
    }
  }
}
