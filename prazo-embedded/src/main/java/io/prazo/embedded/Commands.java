package io.prazo.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs short-lived external commands with a time limit, capturing their combined output. */
final class Commands {

  private Commands() {}

  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Runs {@code command} and waits for it. The output goes through a temporary file rather than a
   * pipe, so a grandchild that inherits the descriptors (a daemonized server) can never block us.
   */
  static Result run(List<String> command, Duration timeout) {
    Path output = null;
    try {
      output = Files.createTempFile("prazo-embedded-cmd", ".out");
      ProcessBuilder builder = new ProcessBuilder(command);
      sanitizeEnvironment(builder.environment());
      builder.redirectErrorStream(true);
      builder.redirectOutput(output.toFile());
      builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        return new Result(-1, read(output) + "\n[timed out after " + timeout.toSeconds() + " s]");
      }
      return new Result(process.exitValue(), read(output));
    } catch (IOException e) {
      return new Result(-1, "could not run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("interrupted while running " + command, e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  /**
   * Child processes get a predictable environment: C locale messages and no libpq/server variables
   * (PGDATA, PGPORT, PGOPTIONS, ...) leaking in from the developer's shell.
   */
  static void sanitizeEnvironment(Map<String, String> environment) {
    environment.keySet().removeIf(name -> name.startsWith("PG"));
    environment.put("LC_ALL", "C");
    environment.remove("LANGUAGE");
  }

  static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").toLowerCase().startsWith("windows") ? "NUL" : "/dev/null");
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
