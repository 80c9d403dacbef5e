package io.prazo.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An {@link EmbeddedPostgres} running in another JVM ({@link ServerProcessMain}). */
final class ChildServer implements AutoCloseable {

  final Process jvm;
  final int port;
  final long postmasterPid;

  private ChildServer(Process jvm, int port, long postmasterPid) {
    this.jvm = jvm;
    this.port = port;
    this.postmasterPid = postmasterPid;
  }

  static ChildServer start(Path dataDirectory, String sql) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ServerProcessMain.class.getName());
    command.add(dataDirectory.toString());
    command.add(sql);
    Process jvm =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    String ready =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    for (String line; (line = out.readLine()) != null; ) {
                      if (line.startsWith("READY ")) {
                        return line;
                      }
                    }
                    return null;
                  } catch (IOException e) {
                    return null;
                  }
                })
            .get(120, TimeUnit.SECONDS);
    if (ready == null) {
      jvm.destroyForcibly();
      throw new IllegalStateException("child JVM did not start a server");
    }
    String[] parts = ready.split(" ");
    return new ChildServer(jvm, Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
  }

  /** The watchdog shell(s) the child JVM started. */
  List<ProcessHandle> watchdogs() {
    return jvm.descendants()
        .filter(h -> h.info().commandLine().map(c -> c.contains("read -r")).orElse(true))
        .toList();
  }

  void killJvm() throws InterruptedException {
    jvm.destroyForcibly();
    jvm.waitFor(30, TimeUnit.SECONDS);
  }

  static void killTree(long pid) {
    ProcessHandle.of(pid)
        .ifPresent(
            postmaster -> {
              List<ProcessHandle> children = postmaster.descendants().toList();
              postmaster.destroyForcibly();
              children.forEach(ProcessHandle::destroyForcibly);
            });
  }

  /** Whether any process still works in {@code dataDirectory} (zombies do not count). */
  static boolean clusterRuns(Path dataDirectory) {
    try {
      return !ClusterProcesses.of(dataDirectory.toRealPath(), java.util.OptionalLong.empty())
          .isEmpty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static boolean await(Duration limit, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() throws InterruptedException {
    if (jvm.isAlive()) {
      jvm.destroy(); // SIGTERM: the shutdown hook stops the server
      if (!jvm.waitFor(60, TimeUnit.SECONDS)) {
        jvm.destroyForcibly();
      }
    }
  }
}
