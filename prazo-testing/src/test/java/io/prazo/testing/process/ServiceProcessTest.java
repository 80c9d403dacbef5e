package io.prazo.testing.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {
  @TempDir Path directory;

  @Test
  void refusesAJarThatIsNotThere() {
    assertThatThrownBy(
            () ->
                ServiceProcess.start(
                    "ticket-query",
                    directory.resolve("ticket-query-exec.jar"),
                    Map.of(),
                    List.of(),
                    directory.resolve("q.log")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no executable jar for ticket-query")
        .hasMessageContaining("package the module first");
  }

  @Test
  void choosesThePortItself() throws IOException {
    Path jar = Files.writeString(directory.resolve("x.jar"), "x");
    assertThatThrownBy(
            () ->
                ServiceProcess.start(
                    "x", jar, Map.of("PORT", "8081"), List.of(), directory.resolve("x.log")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PORT");
  }

  @Test
  void aServiceThatDiesWhileStartingFailsTheWaitAtOnceWithItsOutput() throws IOException {
    Path jar = Files.writeString(directory.resolve("broken-exec.jar"), "not a jar");
    ServiceProcess service =
        ServiceProcess.start("broken", jar, Map.of(), List.of(), directory.resolve("broken.log"));
    long started = System.nanoTime();
    assertThatThrownBy(() -> service.awaitReady(Duration.ofSeconds(60)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("broken")
        .hasMessageContaining("exited with code 1")
        .hasMessageContaining("jarfile");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aServiceThatNeverAnswersFailsTheWaitAtItsDeadlineAndCanBeStartedAgainOnlyOnceGone()
      throws IOException {
    ServiceProcess service =
        ServiceProcess.start(
            "silent",
            sleeperJar(),
            Map.of("PRAZO_SOMETHING", "1"),
            List.of("-Xmx32m"),
            directory.resolve("silent.log"));
    try {
      assertThatThrownBy(() -> service.awaitReady(Duration.ofMillis(800)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("silent on port " + service.port() + " not ready within PT0.8S");
      assertThat(service.process().isAlive()).isTrue();
      assertThatThrownBy(service::startAgain)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("still runs");

      service.killForcibly();
      ServiceProcess again = service.startAgain();
      try {
        assertThat(again.port()).isEqualTo(service.port());
        assertThat(again.process().pid()).isNotEqualTo(service.process().pid());
        assertThat(again.process().isAlive()).isTrue();
      } finally {
        again.close();
      }
      assertThat(again.process().isAlive()).isFalse();
    } finally {
      service.killForcibly();
    }
  }

  /** An executable jar whose main class sleeps: a service that never answers. */
  private Path sleeperJar() throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Sleeper.class.getName());
    Path classes =
        Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
    Path jar = directory.resolve("sleeper-exec.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // the manifest is all
    }
    return jar;
  }

  /** Sleeps for a minute. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(60_000);
    }
  }
}
