package io.prazo.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops PostgreSQL processes still working on a data directory that nobody owns any more
 * (their JVM died, e.g. {@code kill -9}).
 *
 * <p>On Linux every postgres process (postmaster and backends) has the data directory as its
 * working directory, so {@code /proc/<pid>/cwd} tells exactly which processes belong to the
 * cluster, independent of the (possibly stale or reused) pid in {@code postmaster.pid}. Elsewhere
 * we can only look at that pid.
 */
final class ClusterProcesses {

  private static final Logger log = LoggerFactory.getLogger(ClusterProcesses.class);
  private static final Path PROC = Path.of("/proc");

  private ClusterProcesses() {}

  /** Pids of live processes whose working directory is {@code dataDirectory}. */
  static Set<Long> of(Path dataDirectory, OptionalLong postmasterPid) {
    Set<Long> pids = new TreeSet<>();
    long self = ProcessHandle.current().pid();
    if (Files.isDirectory(PROC.resolve("self"))) {
      try (Stream<Path> entries = Files.list(PROC)) {
        entries
            .map(p -> p.getFileName().toString())
            .filter(name -> name.chars().allMatch(Character::isDigit))
            .mapToLong(Long::parseLong)
            .filter(pid -> pid != self)
            .filter(pid -> workingDirectoryIs(pid, dataDirectory))
            .forEach(pids::add);
      } catch (IOException e) {
        log.debug("cannot list /proc", e);
      }
    } else if (postmasterPid.isPresent()) {
      ProcessHandle.of(postmasterPid.getAsLong())
          .filter(ProcessHandle::isAlive)
          .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false))
          .ifPresent(h -> pids.add(h.pid()));
    }
    return pids;
  }

  private static boolean workingDirectoryIs(long pid, Path directory) {
    try {
      return Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd"))
          .equals(directory);
    } catch (IOException | SecurityException e) {
      return false; // gone, or not ours to inspect
    }
  }

  /** The pid recorded in {@code postmaster.pid}, if the file exists and is readable. */
  static OptionalLong postmasterPid(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (!lines.isEmpty() && !lines.get(0).isBlank()) {
        return OptionalLong.of(Long.parseLong(lines.get(0).trim()));
      }
    } catch (IOException | NumberFormatException e) {
      // absent or garbled
    }
    return OptionalLong.empty();
  }

  /**
   * Makes sure no process works on {@code dataDirectory} and that a leftover {@code postmaster.pid}
   * cannot stop the next start. Called with the data directory lock held, so whatever runs there is
   * an orphan.
   */
  static void recover(Path dataDirectory) {
    OptionalLong postmaster = postmasterPid(dataDirectory);
    Set<Long> running = of(dataDirectory, postmaster);
    if (!running.isEmpty()) {
      boolean postmasterAlive = postmaster.isPresent() && running.contains(postmaster.getAsLong());
      log.warn(
          "Found {} left running on {} (pids {}) by a process that is gone; stopping it",
          postmasterAlive ? "an orphaned PostgreSQL server" : "orphaned PostgreSQL backends",
          dataDirectory,
          running);
      if (postmasterAlive) {
        // SIGINT = fast shutdown: roll back open transactions, checkpoint, exit.
        signal(List.of(postmaster.getAsLong()), "INT");
        running = awaitGone(dataDirectory, postmaster, Duration.ofSeconds(60));
        if (!running.isEmpty()) {
          signal(List.of(postmaster.getAsLong()), "QUIT"); // immediate shutdown
          running = awaitGone(dataDirectory, postmaster, Duration.ofSeconds(10));
        }
      } else {
        // Backends of a dead postmaster exit on their own as soon as they notice.
        running = awaitGone(dataDirectory, postmaster, Duration.ofSeconds(10));
      }
      if (!running.isEmpty()) {
        signal(running, "KILL");
        running = awaitGone(dataDirectory, postmaster, Duration.ofSeconds(10));
      }
      if (!running.isEmpty()) {
        throw new EmbeddedPostgresException(
            "Processes "
                + running
                + " are still using "
                + dataDirectory
                + " and cannot be stopped");
      }
    }
    // A stale postmaster.pid whose pid now belongs to an unrelated live process would make
    // PostgreSQL refuse to start ("lock file already exists"). We just checked that no process
    // works on this directory, so the file is safe to remove. (A pid that is simply gone is left to
    // PostgreSQL, which also cleans up the old shared memory segment then.)
    OptionalLong stale = postmasterPid(dataDirectory);
    if (stale.isPresent()
        && ProcessHandle.of(stale.getAsLong()).map(ProcessHandle::isAlive).orElse(false)
        && Files.isDirectory(PROC.resolve("self"))) {
      log.warn(
          "Removing stale postmaster.pid in {}: its pid {} is alive but not a server of this"
              + " directory (a reused pid, or an unreaped zombie)",
          dataDirectory,
          stale.getAsLong());
      try {
        Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
      } catch (IOException e) {
        throw new EmbeddedPostgresException("Cannot remove stale postmaster.pid", e);
      }
    }
  }

  private static Set<Long> awaitGone(Path dataDirectory, OptionalLong postmaster, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    Set<Long> running = of(dataDirectory, postmaster);
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      sleep(50);
      running = of(dataDirectory, postmaster);
    }
    return running;
  }

  private static void signal(Iterable<Long> pids, String signal) {
    for (long pid : pids) {
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      if (handle.isEmpty()) {
        continue;
      }
      if (signal.equals("KILL")) {
        handle.get().destroyForcibly();
      } else {
        Commands.run(List.of("kill", "-" + signal, Long.toString(pid)), Duration.ofSeconds(10));
      }
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("interrupted", e);
    }
  }
}
