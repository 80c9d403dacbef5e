package io.prazo.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree helpers shared by the embedded server and the test support. */
public final class Directories {
  private Directories() {}

  /**
   * Deletes a folder and everything in it, as far as it can; what cannot be deleted stays.
   *
   * @param root the folder; nothing happens when it does not exist
   */
  public static void deleteQuietly(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort: a file in use stays
                }
              });
    } catch (IOException ignored) {
      // already gone, or unreadable: best effort
    }
  }
}
