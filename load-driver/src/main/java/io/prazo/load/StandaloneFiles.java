package io.prazo.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/** The properties files a running standalone writes into its data directory. */
final class StandaloneFiles {

  private StandaloneFiles() {}

  /**
   * Reads {@code <dataDir>/<name>}, which must have a value for {@code key}.
   *
   * @param otherwise what the user can do instead, said when the file does not exist
   * @throws SetupException when the file is missing, unreadable or has no value for {@code key}
   */
  static Properties read(Path dataDir, String name, String key, String otherwise)
      throws SetupException {
    Path file = dataDir.resolve(name);
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new SetupException(
          "No " + file + " (the standalone writes it into --data-dir while it runs): " + otherwise);
    } catch (IOException | IllegalArgumentException e) {
      throw new SetupException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new SetupException(file + " has no '" + key + "'");
    }
    return properties;
  }
}
