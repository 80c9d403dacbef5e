package io.prazo.sla.projector.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM (in all, and per group of Java threads) and by a PostgreSQL server
 * (the postmaster and its children, from {@code /proc}), between two snapshots.
 */
final class CpuMeter {
  private final long postmasterPid;
  private final long ticksPerSecond;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** CPU times at one moment, in nanoseconds. */
  record Snapshot(
      long wallNanos,
      long jvmNanos,
      long postgresNanos,
      long machineBusyNanos,
      Map<Long, ThreadCpu> threads) {}

  /** One Java thread's CPU time. */
  record ThreadCpu(String group, long nanos) {}

  /**
   * CPU used between two snapshots.
   *
   * @param seconds wall-clock seconds
   * @param jvmCores the JVM's CPU seconds per second
   * @param postgresCores PostgreSQL's CPU seconds per second
   * @param otherCores the rest of the machine's busy CPU seconds per second (other programs)
   * @param jvmThreadCores the JVM's Java threads by group (names without digits), CPU seconds per
   *     second, largest first; what is left of {@code jvmCores} is the JVM's own threads (JIT, GC)
   */
  record Usage(
      double seconds,
      double jvmCores,
      double postgresCores,
      double otherCores,
      Map<String, Double> jvmThreadCores) {}

  CpuMeter(long postmasterPid) {
    this.postmasterPid = postmasterPid;
    this.ticksPerSecond = clockTicks();
    if (threads.isThreadCpuTimeSupported()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  Snapshot take() {
    Map<Long, ThreadCpu> perThread = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      if (nanos >= 0) {
        perThread.put(info.getThreadId(), new ThreadCpu(group(info.getThreadName()), nanos));
      }
    }
    return new Snapshot(
        System.nanoTime(), jvmCpuNanos(), postgresCpuNanos(), machineBusyNanos(), perThread);
  }

  Usage between(Snapshot a, Snapshot b) {
    double seconds = (b.wallNanos() - a.wallNanos()) / 1e9;
    Map<String, Long> byGroup = new HashMap<>();
    b.threads()
        .forEach(
            (id, cpu) -> {
              ThreadCpu before = a.threads().get(id);
              long used = cpu.nanos() - (before == null ? 0 : before.nanos());
              byGroup.merge(cpu.group(), used, Long::sum);
            });
    Map<String, Double> groups = new LinkedHashMap<>();
    byGroup.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .filter(e -> e.getValue() > 0)
        .forEach(e -> groups.put(e.getKey(), e.getValue() / 1e9 / seconds));
    double jvm = (b.jvmNanos() - a.jvmNanos()) / 1e9 / seconds;
    double postgres = (b.postgresNanos() - a.postgresNanos()) / 1e9 / seconds;
    double machine = (b.machineBusyNanos() - a.machineBusyNanos()) / 1e9 / seconds;
    return new Usage(seconds, jvm, postgres, Math.max(0, machine - jvm - postgres), groups);
  }

  private static String group(String threadName) {
    return threadName.replaceAll("[0-9]+", "#");
  }

  private static long jvmCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Busy CPU time of the whole machine: all but idle and I/O wait ({@code /proc/stat}). */
  private long machineBusyNanos() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy * 1_000_000_000L / ticksPerSecond;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The postmaster's CPU time, its children's, and that of children that have exited. */
  private long postgresCpuNanos() {
    if (postmasterPid <= 0) {
      return 0;
    }
    long ticks = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] fields = stat(proc);
        if (fields == null) {
          continue;
        }
        long pid = Long.parseLong(name);
        long parent = Long.parseLong(fields[1]);
        if (pid == postmasterPid) {
          ticks += sum(fields, 11, 12, 13, 14); // utime, stime, cutime, cstime
        } else if (parent == postmasterPid) {
          ticks += sum(fields, 11, 12);
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks * 1_000_000_000L / ticksPerSecond;
  }

  /** The fields of {@code /proc/<pid>/stat} after the command name: state first. */
  private static String[] stat(Path proc) {
    try {
      String text = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
      return text.substring(text.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null; // gone meanwhile
    }
  }

  private static long sum(String[] fields, int... indexes) {
    long total = 0;
    for (int i : indexes) {
      total += Long.parseLong(fields[i]);
    }
    return total;
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder(List.of("getconf", "CLK_TCK")).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      p.waitFor();
      return Long.parseLong(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
