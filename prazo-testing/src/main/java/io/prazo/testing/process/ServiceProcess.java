package io.prazo.testing.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Spring Boot service run from its executable jar in a JVM of its own ({@code java <options> -jar
 * <jar>}), configured only by environment variables, on a port of its own ({@code PORT}).
 *
 * <p>{@link #awaitReady(Duration)} waits for {@code /actuator/health/readiness} to answer {@code
 * UP}. The same service can be {@linkplain #startAgain() started again} with the same settings
 * after it was stopped or killed; its output is appended to the same log file.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final int port;
  private final Map<String, String> environment;
  private final List<String> jvmOptions;
  private final Path logFile;
  private final ChildProcess process;

  private ServiceProcess(
      String name,
      Path jar,
      int port,
      Map<String, String> environment,
      List<String> jvmOptions,
      Path logFile) {
    this.name = name;
    this.jar = jar;
    this.port = port;
    this.environment = environment;
    this.jvmOptions = jvmOptions;
    this.logFile = logFile;
    Map<String, String> withPort = new LinkedHashMap<>(environment);
    withPort.put("PORT", Integer.toString(port));
    List<String> command = new ArrayList<>();
    command.add(ChildProcess.javaExecutable());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    this.process = ChildProcess.start(name, command, withPort, logFile);
  }

  /**
   * Starts the service on a free loopback port; does not wait for it ({@link #awaitReady}).
   *
   * @param name the service's name, for messages
   * @param jar its executable jar
   * @param environment its settings; {@code PORT} is set here
   * @param jvmOptions e.g. {@code -Xmx256m}
   * @param logFile where its output is appended
   * @throws IllegalArgumentException if the jar does not exist (build it first)
   */
  public static ServiceProcess start(
      String name,
      Path jar,
      Map<String, String> environment,
      List<String> jvmOptions,
      Path logFile) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          "no executable jar for " + name + " at " + jar + " (package the module first)");
    }
    if (environment.containsKey("PORT")) {
      throw new IllegalArgumentException("PORT is chosen by ServiceProcess");
    }
    return new ServiceProcess(
        name, jar, LoopbackPorts.free(), Map.copyOf(environment), List.copyOf(jvmOptions), logFile);
  }

  /**
   * The same service with the same settings and port in a new JVM; this one must have exited.
   *
   * @throws IllegalStateException if this one still runs
   */
  public ServiceProcess startAgain() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " still runs: stop or kill it first");
    }
    return new ServiceProcess(name, jar, port, environment, jvmOptions, logFile);
  }

  /**
   * Waits until {@code GET /actuator/health/readiness} answers 200 with status {@code UP}.
   *
   * @throws IllegalStateException if the process exits meanwhile, or at the deadline; with the end
   *     of its output
   */
  public ServiceProcess awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      process.requireAlive();
      try {
        HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
          return this;
        }
        last = answer.statusCode() + " " + answer.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      }
    }
    throw new IllegalStateException(
        name
            + " on port "
            + port
            + " not ready within "
            + timeout
            + " (last: "
            + last
            + "); the end of "
            + logFile
            + ":\n"
            + process.tail(60));
  }

  /** The service's name. */
  public String name() {
    return name;
  }

  /** Its HTTP port on the loopback interface. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Its JVM. */
  public ChildProcess process() {
    return process;
  }

  /** Kills the JVM at once ({@code SIGKILL}): what a crash or an OOM kill looks like. */
  public void killForcibly() {
    process.killForcibly();
  }

  /** Stops the service ({@code SIGTERM}, graceful), forcibly after 10 s. */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(10));
  }

  @Override
  public String toString() {
    return name + " on " + baseUrl() + ", " + process;
  }

  /** The file its output is appended to, over every start. */
  public Path logFile() {
    return logFile;
  }
}
