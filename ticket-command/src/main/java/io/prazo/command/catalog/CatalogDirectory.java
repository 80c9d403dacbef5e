package io.prazo.command.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of catalog documents to import at start-up, such as a mounted Kubernetes ConfigMap:
 * {@code calendar.<id>.json} and {@code policy.<id>.json}, each one document of api.md. Entries
 * whose name starts with a dot are passed over (a ConfigMap volume keeps its real files under
 * {@code ..data} and links to them by name).
 *
 * @param calendars the calendar documents, by id
 * @param policies the policy documents, by id
 */
record CatalogDirectory(List<Entry> calendars, List<Entry> policies) {

  /** Larger than any real calendar or policy; a ConfigMap holds at most 1 MiB in all. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  /**
   * One document.
   *
   * @param file the file's name, for messages
   * @param id the calendar or policy id its name gives
   * @param document its JSON
   */
  record Entry(String file, String id, JsonNode document) {}

  /**
   * Reads every document of {@code dir}, calendars and policies each sorted by id.
   *
   * @throws CatalogImportException listing every file that cannot be read, is not JSON, or whose
   *     name is not one of the two forms
   */
  static CatalogDirectory read(Path dir, ObjectMapper json) {
    if (!Files.isDirectory(dir)) {
      throw new CatalogImportException(
          dir, List.of("is not a directory (prazo.command.catalog-dir)"));
    }
    List<Path> files;
    try (Stream<Path> entries = Files.list(dir)) {
      files = entries.sorted().toList();
    } catch (IOException e) {
      throw new CatalogImportException(dir, List.of("cannot be listed: " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    List<Entry> calendars = new ArrayList<>();
    List<Entry> policies = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      String kind = name.startsWith("calendar.") ? "calendar" : "policy";
      String id = idOf(name, kind);
      if (id == null) {
        problems.add(
            name + ": not a catalog document; name files calendar.<id>.json or policy.<id>.json");
        continue;
      }
      if (!ID.matcher(id).matches()) {
        problems.add(name + ": the id '" + id + "' is not 1-100 of A-Z a-z 0-9 . _ -");
        continue;
      }
      JsonNode document = document(file, name, json, problems);
      if (document != null) {
        (kind.equals("calendar") ? calendars : policies).add(new Entry(name, id, document));
      }
    }
    if (!problems.isEmpty()) {
      throw new CatalogImportException(dir, problems);
    }
    calendars.sort(Comparator.comparing(Entry::id));
    policies.sort(Comparator.comparing(Entry::id));
    return new CatalogDirectory(List.copyOf(calendars), List.copyOf(policies));
  }

  boolean isEmpty() {
    return calendars.isEmpty() && policies.isEmpty();
  }

  private static String idOf(String name, String kind) {
    String prefix = kind + ".";
    if (!name.startsWith(prefix) || !name.endsWith(".json")) {
      return null;
    }
    return name.substring(prefix.length(), name.length() - ".json".length());
  }

  private static JsonNode document(
      Path file, String name, ObjectMapper json, List<String> problems) {
    try {
      if (!Files.isRegularFile(file)) {
        problems.add(name + ": not a regular file");
        return null;
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        problems.add(name + ": larger than " + MAX_FILE_BYTES + " bytes");
        return null;
      }
      JsonNode document = json.readTree(file.toFile());
      if (document == null || !document.isObject()) {
        problems.add(name + ": not a JSON object");
        return null;
      }
      return document;
    } catch (JsonProcessingException e) {
      problems.add(name + ": not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      problems.add(name + ": cannot be read: " + e.getMessage());
    }
    return null;
  }
}
