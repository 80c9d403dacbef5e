package io.prazo.testing.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A process started by a test, its standard output and error appended to a log file, and sure to be
 * killed: by {@link #close()}, or, if the test JVM exits without it, by a JVM shutdown hook (only
 * {@code kill -9} of the test JVM escapes both).
 *
 * <p>The child inherits this JVM's environment except every variable starting with {@code PRAZO_}
 * or {@code SPRING_}, so that it is configured by what the test gives it and nothing else.
 *
 * <p>Every process started in this JVM is remembered ({@link #startedInThisJvm()}) so that a test
 * that fails can show what each of them printed.
 */
public final class ChildProcess implements AutoCloseable {

  private static final List<ChildProcess> STARTED = new CopyOnWriteArrayList<>();
  private static final Duration FORCED_EXIT_WAIT = Duration.ofSeconds(10);

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> STARTED.forEach(ChildProcess::killForcibly), "prazo-child-process-reaper"));
  }

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts {@code command}.
   *
   * @param name what the process is, for messages (e.g. {@code ticket-command})
   * @param command the program and its arguments
   * @param environment variables added to the inherited environment (see the class comment)
   * @param logFile where its standard output and error are appended; its directory is created
   * @throws UncheckedIOException if the program cannot be started
   */
  public static ChildProcess start(
      String name, List<String> command, Map<String, String> environment, Path logFile) {
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      Map<String, String> childEnvironment = childEnvironment(builder.environment(), environment);
      builder.environment().clear();
      builder.environment().putAll(childEnvironment);
      ChildProcess child = new ChildProcess(name, builder.start(), logFile);
      STARTED.add(child);
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
    }
  }

  /** This JVM's environment less Prazo's and Spring's variables, plus the given ones. */
  static Map<String, String> childEnvironment(
      Map<String, String> inherited, Map<String, String> given) {
    Map<String, String> environment = new java.util.TreeMap<>(inherited);
    environment.keySet().removeIf(key -> key.startsWith("PRAZO_") || key.startsWith("SPRING_"));
    environment.putAll(given);
    return environment;
  }

  /** The {@code java} program of the JVM running this code, for starting other JVMs. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Every process started in this JVM so far, running or not, in the order started. */
  public static List<ChildProcess> startedInThisJvm() {
    return List.copyOf(STARTED);
  }

  /** What the process is. */
  public String name() {
    return name;
  }

  /** Its operating-system process id. */
  public long pid() {
    return process.pid();
  }

  /** Where its output goes. */
  public Path logFile() {
    return logFile;
  }

  /** Whether it still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Throws if the process has exited, with its exit code and the end of its output: a wait for it
   * to become ready calls this, so that a crash fails at once instead of at the deadline.
   *
   * @throws IllegalStateException if it is not running
   */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name
              + " (pid "
              + pid()
              + ") exited with code "
              + process.exitValue()
              + "; the end of "
              + logFile
              + ":\n"
              + tail(60));
    }
  }

  /**
   * Waits for the process to exit by itself.
   *
   * @return its exit code
   * @throws IllegalStateException if it is still running after {@code timeout} (it is then killed)
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killForcibly();
        throw new IllegalStateException(
            name + " did not finish within " + timeout + "; the end of its output:\n" + tail(60));
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killForcibly();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    }
  }

  /**
   * Kills the process and everything it started at once ({@code SIGKILL}: no shutdown hook, no
   * clean-up in the child), and waits for it to be gone. Does nothing if it has exited.
   */
  public void killForcibly() {
    descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    waitGone(FORCED_EXIT_WAIT);
  }

  /**
   * Asks the process to stop ({@code SIGTERM}: its shutdown hooks run) and kills it forcibly if it
   * has not exited within {@code grace}. Does nothing if it has exited.
   */
  public void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> descendants = descendants();
    process.destroy();
    if (!waitGone(grace)) {
      descendants.forEach(ProcessHandle::destroyForcibly);
      killForcibly();
    }
  }

  /** Stops the process with a grace of 5 s ({@link #stop(Duration)}). */
  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  /** The last {@code lines} lines of its output (fewer if it printed fewer). */
  public String tail(int lines) {
    return tail(logFile, lines);
  }

  /** The last {@code lines} lines of a text file; a note instead if it cannot be read. */
  public static String tail(Path file, int lines) {
    Deque<String> last = new ArrayDeque<>(lines);
    try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
      all.forEach(
          line -> {
            if (last.size() == lines) {
              last.removeFirst();
            }
            last.addLast(line);
          });
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
    return String.join("\n", last);
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + (isAlive() ? ", running" : ", exited") + ")";
  }

  private List<ProcessHandle> descendants() {
    try (Stream<ProcessHandle> all = process.descendants()) {
      return new ArrayList<>(all.toList());
    }
  }

  private boolean waitGone(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
