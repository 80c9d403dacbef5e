package io.prazo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.prazo.embedded.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OwnedTempDirectoryTest {
  private final String prefix = "prazo-owned-test-" + UUID.randomUUID() + "-";

  @Test
  void closingDeletesTheDirectory() throws IOException {
    OwnedTempDirectory directory = OwnedTempDirectory.create(prefix, "a test");
    Files.writeString(directory.path().resolve("data"), "x");
    assertThat(directory.path().getFileName().toString()).startsWith(prefix);

    directory.close();

    assertThat(directory.path()).doesNotExist();
  }

  @Test
  void anOldDirectoryWhoseOwnerIsGoneIsDeletedByTheNextOne() throws IOException {
    Path abandoned = oldDirectory(Duration.ofMinutes(5));
    try (OwnedTempDirectory next = OwnedTempDirectory.create(prefix, "a test")) {
      assertThat(abandoned).doesNotExist();
      assertThat(next.path()).isDirectory();
    }
  }

  @Test
  void aDirectoryStillHeldOrJustMadeIsLeftAlone() throws IOException {
    Path young = oldDirectory(Duration.ofSeconds(5));
    try (OwnedTempDirectory held = OwnedTempDirectory.create(prefix, "a test")) {
      Files.setLastModifiedTime(
          held.path(), FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
      try (OwnedTempDirectory other = OwnedTempDirectory.create(prefix, "a test")) {
        assertThat(held.path()).as("its owner still holds the lock").isDirectory();
        assertThat(young).as("too young to be judged abandoned").isDirectory();
      }
    } finally {
      Directories.deleteQuietly(young);
    }
  }

  @Test
  void makingAnotherDirectoryKeepsThisJvmsLockOnTheFirst() throws Exception {
    try (OwnedTempDirectory held = OwnedTempDirectory.create(prefix, "a test")) {
      Files.setLastModifiedTime(
          held.path(), FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
      OwnedTempDirectory.create(prefix, "a test").close();

      Process other =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  LockProbe.class.getName(),
                  held.path().resolve("owner.lock").toString())
              .redirectErrorStream(true)
              .start();
      String answer = new String(other.getInputStream().readAllBytes()).trim();
      assertThat(other.waitFor()).isZero();
      assertThat(answer).as("another JVM finds the lock taken").isEqualTo("locked");
    }
  }

  /** Run in another JVM: says whether a lock file is locked by someone else. */
  public static final class LockProbe {
    public static void main(String[] args) throws IOException {
      try (java.nio.channels.FileChannel channel =
              java.nio.channels.FileChannel.open(
                  Path.of(args[0]), java.nio.file.StandardOpenOption.WRITE);
          java.nio.channels.FileLock lock = channel.tryLock()) {
        System.out.println(lock == null ? "locked" : "free");
      }
    }
  }

  /** A directory with the prefix and an unlocked owner file, as a killed JVM leaves it. */
  private Path oldDirectory(Duration age) throws IOException {
    Path directory = Files.createTempDirectory(prefix);
    Files.writeString(directory.resolve("owner.lock"), "pid 1");
    Files.setLastModifiedTime(directory, FileTime.from(Instant.now().minus(age)));
    return directory;
  }
}
