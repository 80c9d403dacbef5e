package io.prazo.testing;

import io.prazo.embedded.Directories;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary directory that this JVM owns as long as it holds the lock on the file {@value
 * #OWNER_LOCK} inside it. A JVM that is killed cannot delete its directories; the lock goes with
 * it, so the next test JVM that makes a directory with the same prefix deletes them.
 */
final class OwnedTempDirectory implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OwnedTempDirectory.class);
  private static final String OWNER_LOCK = "owner.lock";
  private static final Duration STALE_AGE = Duration.ofMinutes(1);

  /**
   * The directories this JVM holds. Never looked at as candidates: opening and closing their lock
   * file here would release this JVM's own lock on it (POSIX locks belong to the process), and
   * another JVM would then delete a directory still in use.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path path;
  private final FileChannel ownerChannel;
  private final FileLock ownerLock;

  private OwnedTempDirectory(Path path, FileChannel ownerChannel, FileLock ownerLock) {
    this.path = path;
    this.ownerChannel = ownerChannel;
    this.ownerLock = ownerLock;
  }

  /**
   * Deletes the abandoned directories with the prefix, then makes and locks a new one.
   *
   * @param prefix the directory name's prefix, e.g. {@code prazo-test-pg-}
   * @param what what the directory is for, for the error message
   */
  static OwnedTempDirectory create(String prefix, String what) {
    deleteAbandoned(prefix);
    Path path = null;
    try {
      path = Files.createTempDirectory(prefix);
      FileChannel channel =
          FileChannel.open(
              path.resolve(OWNER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      HELD.add(path);
      channel.write(
          StandardCharsets.UTF_8.encode(
              "pid " + ProcessHandle.current().pid() + " since " + Instant.now()));
      return new OwnedTempDirectory(path, channel, lock);
    } catch (IOException e) {
      if (path != null) {
        Directories.deleteQuietly(path);
      }
      throw new IllegalStateException("Cannot create a directory for " + what, e);
    }
  }

  /** The directory. */
  Path path() {
    return path;
  }

  /** Releases the lock and deletes the directory with everything in it. */
  @Override
  public void close() {
    try {
      ownerLock.release();
      ownerChannel.close();
    } catch (IOException ignored) {
      // the directory goes next
    }
    Directories.deleteQuietly(path);
    HELD.remove(path);
  }

  @Override
  public String toString() {
    return path.toString();
  }

  /** Directories with the prefix, older than a minute, whose owner lock is free. */
  private static void deleteAbandoned(String prefix) {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> candidates = Files.list(temp)) {
      candidates
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(Files::isDirectory)
          .filter(p -> !HELD.contains(p))
          .filter(OwnedTempDirectory::olderThanStaleAge)
          .forEach(OwnedTempDirectory::deleteIfAbandoned);
    } catch (IOException e) {
      log.debug("Cannot look for abandoned {}* directories", prefix, e);
    }
  }

  private static void deleteIfAbandoned(Path candidate) {
    try (FileChannel channel =
            FileChannel.open(
                candidate.resolve(OWNER_LOCK),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock != null) {
        log.info("Deleting {}, left behind by a test JVM that is gone", candidate);
        Directories.deleteQuietly(candidate);
      }
    } catch (IOException | RuntimeException e) {
      log.debug("Leaving {} alone", candidate, e);
    }
  }

  private static boolean olderThanStaleAge(Path directory) {
    try {
      return Files.getLastModifiedTime(directory)
          .toInstant()
          .isBefore(Instant.now().minus(STALE_AGE));
    } catch (IOException e) {
      return false;
    }
  }
}
