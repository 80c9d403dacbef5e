package io.prazo.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which servers (PostgreSQL, Kafka) the tests get: {@code prazo.test.infra} / {@code
 * PRAZO_TEST_INFRA}.
 */
enum Infra {
  EMBEDDED,
  CONTAINERS,
  AUTO;

  static final String PROPERTY = "prazo.test.infra";
  static final String ENVIRONMENT = "PRAZO_TEST_INFRA";

  private static final Logger log = LoggerFactory.getLogger(Infra.class);
  private static final long DOCKER_CHECK_SECONDS = 30;

  String mode() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The requested infra: the system property, else the environment variable, else {@code auto}.
   * Blank values and unresolved Maven placeholders ({@code ${prazo.test.infra}}, what failsafe
   * passes when the property is not set) count as not set.
   */
  static Infra requested(Map<String, String> systemProperties, Map<String, String> environment) {
    return Stream.of(systemProperties.get(PROPERTY), environment.get(ENVIRONMENT))
        .filter(value -> value != null && !value.isBlank() && !value.contains("${"))
        .findFirst()
        .map(Infra::parse)
        .orElse(AUTO);
  }

  static Infra parse(String value) {
    String normalized = value.trim().toUpperCase(Locale.ROOT);
    for (Infra infra : values()) {
      if (infra.name().equals(normalized)) {
        return infra;
      }
    }
    throw new IllegalArgumentException(
        PROPERTY
            + "/"
            + ENVIRONMENT
            + " must be embedded, containers or auto, not '"
            + value
            + "'");
  }

  /** Resolves {@link #AUTO}: containers when a Docker engine answers, else embedded. */
  Infra resolve(BooleanSupplier dockerAvailable) {
    if (this != AUTO) {
      return this;
    }
    return dockerAvailable.getAsBoolean() ? CONTAINERS : EMBEDDED;
  }

  /**
   * Whether Testcontainers can reach a Docker engine. Asks {@code
   * DockerClientFactory.instance().isDockerAvailable()}, but only when the machine shows some sign
   * of Docker (a socket, DOCKER_HOST, a Testcontainers or Docker configuration): without one,
   * Testcontainers would log a page of errors to tell us what we can see for ourselves. The
   * question itself is bounded in time.
   */
  static boolean dockerAvailable() {
    Optional<String> hint = dockerHint();
    if (hint.isEmpty()) {
      log.debug("No sign of a Docker engine on this machine; not asking Testcontainers");
      return false;
    }
    log.debug("Asking Testcontainers for a Docker engine ({})", hint.get());
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "prazo-docker-check");
              thread.setDaemon(true);
              return thread;
            });
    try {
      Future<Boolean> available =
          executor.submit(
              () -> org.testcontainers.DockerClientFactory.instance().isDockerAvailable());
      return available.get(DOCKER_CHECK_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      log.warn(
          "No answer from Docker within {} s ({}); using embedded servers",
          DOCKER_CHECK_SECONDS,
          hint.get());
      return false;
    } catch (Exception e) {
      log.debug("Docker check failed", e);
      return false;
    } finally {
      executor.shutdownNow();
    }
  }

  static Optional<String> dockerHint() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      return Optional.of("not Linux: Docker Desktop has too many places to look at");
    }
    for (String variable : List.of("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CERT_PATH")) {
      if (!System.getenv().getOrDefault(variable, "").isBlank()) {
        return Optional.of("environment variable " + variable);
      }
    }
    Optional<String> testcontainersVariable =
        System.getenv().keySet().stream()
            .filter(name -> name.startsWith("TESTCONTAINERS_"))
            .findAny();
    if (testcontainersVariable.isPresent()) {
      return Optional.of("environment variable " + testcontainersVariable.get());
    }
    for (String property : List.of("docker.host", "docker.context")) {
      if (System.getProperty(property) != null) {
        return Optional.of("system property " + property);
      }
    }
    Path home = Path.of(System.getProperty("user.home", "/nonexistent"));
    List<Path> candidates = new ArrayList<>();
    candidates.add(home.resolve(".testcontainers.properties"));
    candidates.add(home.resolve(".docker-java.properties"));
    candidates.add(Path.of("/var/run/docker.sock"));
    candidates.add(Path.of("/run/docker.sock"));
    candidates.add(Path.of("/run/podman/podman.sock"));
    candidates.add(home.resolve(".docker/run/docker.sock"));
    candidates.add(home.resolve(".docker/desktop/docker.sock"));
    candidates.add(home.resolve(".colima/default/docker.sock"));
    candidates.add(home.resolve(".colima/docker.sock"));
    candidates.add(home.resolve(".rd/docker.sock"));
    String runtimeDirectory = System.getenv("XDG_RUNTIME_DIR");
    if (runtimeDirectory != null && !runtimeDirectory.isBlank()) {
      candidates.add(Path.of(runtimeDirectory, "docker.sock"));
      candidates.add(Path.of(runtimeDirectory, ".docker/run/docker.sock"));
      candidates.add(Path.of(runtimeDirectory, "podman/podman.sock"));
    }
    try (Stream<Path> users = Files.list(Path.of("/run/user"))) {
      users.map(user -> user.resolve("docker.sock")).forEach(candidates::add);
    } catch (Exception e) {
      // no /run/user
    }
    Optional<Path> found = candidates.stream().filter(Files::exists).findFirst();
    if (found.isPresent()) {
      return Optional.of(found.get().toString());
    }
    Path dockerConfig = home.resolve(".docker/config.json");
    try {
      if (Files.isRegularFile(dockerConfig)
          && Files.readString(dockerConfig).contains("\"currentContext\"")) {
        return Optional.of(dockerConfig + " names a Docker context");
      }
    } catch (Exception e) {
      // unreadable: no hint
    }
    return Optional.empty();
  }
}
