package io.prazo.testing.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
  @TempDir Path directory;

  @Test
  void writesStandardOutputAndErrorToItsLogFileAndGivesItsExitCode() throws IOException {
    ChildProcess child =
        ChildProcess.start(
            "talker",
            List.of("sh", "-c", "echo hello; echo \"$GREETING\" >&2; exit 3"),
            Map.of("GREETING", "olá"),
            directory.resolve("logs/talker.log"));
    assertThat(child.awaitExit(Duration.ofSeconds(10))).isEqualTo(3);
    assertThat(Files.readAllLines(directory.resolve("logs/talker.log")))
        .containsExactly("hello", "olá");
    assertThat(ChildProcess.startedInThisJvm()).contains(child);
  }

  @Test
  void aChildGetsNoneOfPrazosOrSpringsVariablesButThoseItIsGiven() {
    Map<String, String> environment =
        ChildProcess.childEnvironment(
            Map.of(
                "PATH", "/usr/bin",
                "PRAZO_DB_URL", "jdbc:postgresql://elsewhere/prazo",
                "SPRING_PROFILES_ACTIVE", "prod"),
            Map.of("PRAZO_KAFKA_TOPIC", "t"));
    assertThat(environment)
        .containsOnly(Map.entry("PATH", "/usr/bin"), Map.entry("PRAZO_KAFKA_TOPIC", "t"));
  }

  @Test
  void aProcessThatExitedFailsRequireAliveWithItsExitCodeAndLastOutput() {
    ChildProcess child =
        ChildProcess.start(
            "dying",
            List.of("sh", "-c", "echo 'cannot bind port'; exit 7"),
            Map.of(),
            directory.resolve("dying.log"));
    child.awaitExit(Duration.ofSeconds(10));
    assertThatThrownBy(child::requireAlive)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dying")
        .hasMessageContaining("exited with code 7")
        .hasMessageContaining("cannot bind port");
  }

  @Test
  void stopKillsAProcessThatIgnoresTheRequestToStop() throws Exception {
    ChildProcess child =
        ChildProcess.start(
            "stubborn",
            List.of("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done"),
            Map.of(),
            directory.resolve("stubborn.log"));
    awaitOutput(child, "ready");
    long started = System.nanoTime();
    child.stop(Duration.ofMillis(500));
    assertThat(child.isAlive()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void killForciblyTakesTheProcessesItStartedWithIt() throws Exception {
    Path pidFile = directory.resolve("grandchild.pid");
    ChildProcess child =
        ChildProcess.start(
            "parent",
            List.of("sh", "-c", "sleep 60 & echo $! > '" + pidFile + "'; wait"),
            Map.of(),
            directory.resolve("parent.log"));
    long grandchild = awaitPid(pidFile);
    assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).contains(true);
    child.killForcibly();
    assertThat(child.isAlive()).isFalse();
    awaitGone(grandchild);
  }

  @Test
  void awaitExitKillsAProcessThatDoesNotFinishInTime() {
    ChildProcess child =
        ChildProcess.start(
            "sleeper", List.of("sleep", "60"), Map.of(), directory.resolve("sleeper.log"));
    assertThatThrownBy(() -> child.awaitExit(Duration.ofMillis(300)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sleeper did not finish within PT0.3S");
    assertThat(child.isAlive()).isFalse();
  }

  @Test
  void aChildLeftRunningIsKilledWhenTheJvmThatStartedItExits() throws Exception {
    Path pidFile = directory.resolve("left.pid");
    Process jvm =
        new ProcessBuilder(
                ChildProcess.javaExecutable(),
                "-cp",
                System.getProperty("java.class.path"),
                LeavesAChildRunning.class.getName(),
                pidFile.toString(),
                directory.resolve("left.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("jvm.log").toFile())
            .start();
    long left = awaitPid(pidFile);
    assertThat(jvm.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
        .as(Files.readString(directory.resolve("jvm.log")))
        .isTrue();
    assertThat(jvm.exitValue()).isZero();
    awaitGone(left);
  }

  @Test
  void tailGivesTheLastLinesOrSaysWhyItCannot() throws IOException {
    Path file = directory.resolve("lines.log");
    Files.writeString(file, "one\ntwo\nthree\nfour\n");
    assertThat(ChildProcess.tail(file, 2)).isEqualTo("three\nfour");
    assertThat(ChildProcess.tail(file, 10)).isEqualTo("one\ntwo\nthree\nfour");
    assertThat(ChildProcess.tail(directory.resolve("missing.log"), 2)).startsWith("(cannot read");
  }

  @Test
  void aProgramThatCannotStartSaysWhich() {
    assertThatThrownBy(
            () ->
                ChildProcess.start(
                    "ghost",
                    List.of(directory.resolve("no-such-program").toString()),
                    Map.of(),
                    directory.resolve("ghost.log")))
        .hasMessageContaining("Cannot start ghost");
  }

  /** Starts {@code sleep 60} as a {@link ChildProcess}, writes its pid, and exits leaving it. */
  public static final class LeavesAChildRunning {
    public static void main(String[] args) throws IOException {
      ChildProcess child =
          ChildProcess.start("left", List.of("sleep", "60"), Map.of(), Path.of(args[1]));
      Files.writeString(Path.of(args[0]), Long.toString(child.pid()));
      System.exit(0);
    }
  }

  static void awaitOutput(ChildProcess child, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.exists(child.logFile()) || !Files.readString(child.logFile()).contains(text)) {
      assertThat(System.nanoTime()).as("%s printing %s", child, text).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  static long awaitPid(Path pidFile) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      if (Files.exists(pidFile)) {
        String pid = Files.readString(pidFile).strip();
        if (!pid.isEmpty()) {
          return Long.parseLong(pid);
        }
      }
      assertThat(System.nanoTime()).as("a pid in %s", pidFile).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  static void awaitGone(long pid) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      assertThat(System.nanoTime()).as("process %d gone", pid).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
