package io.prazo.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads YAML documents as plain maps and lists, and walks them without casts at every step. */
public final class Yaml {
  private Yaml() {}

  /** Every non-empty document of a multi-document text (helm template's output), in order. */
  public static List<Map<String, Object>> documents(String text) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : parser().loadAll(text)) {
      if (document == null) {
        continue;
      }
      if (!(document instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("a YAML document is not a mapping: " + document);
      }
      documents.add(map(document));
    }
    return documents;
  }

  /** One document that must be a mapping. */
  public static Map<String, Object> document(String text) {
    List<Map<String, Object>> documents = documents(text);
    if (documents.size() != 1) {
      throw new IllegalArgumentException("expected one YAML document, found " + documents.size());
    }
    return documents.get(0);
  }

  /** The mapping at a path of keys, or an empty one when any step is missing or not a mapping. */
  public static Map<String, Object> map(Object root, String... path) {
    Object node = at(root, path);
    if (node instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) map;
      return typed;
    }
    return Map.of();
  }

  /** The list at a path of keys, or an empty one when any step is missing or not a list. */
  public static List<Object> list(Object root, String... path) {
    Object node = at(root, path);
    if (node instanceof List<?> list) {
      return List.copyOf(list.stream().filter(item -> item != null).toList());
    }
    return List.of();
  }

  /** The value at a path of keys, or null. */
  public static Object at(Object root, String... path) {
    Object node = root;
    for (String key : path) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  /** The text at a path of keys, or null. */
  public static String text(Object root, String... path) {
    Object node = at(root, path);
    return node == null ? null : String.valueOf(node);
  }

  /**
   * Values as helm sees them: the override's mappings merged into the base's, any other value of
   * the override replacing the base's, a null in the override removing the key.
   */
  public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
    Map<String, Object> merged = new java.util.LinkedHashMap<>(base);
    for (Map.Entry<String, Object> entry : override.entrySet()) {
      Object mine = merged.get(entry.getKey());
      Object theirs = entry.getValue();
      if (theirs == null) {
        merged.remove(entry.getKey());
      } else if (mine instanceof Map<?, ?> && theirs instanceof Map<?, ?>) {
        merged.put(entry.getKey(), merge(map(mine), map(theirs)));
      } else {
        merged.put(entry.getKey(), theirs);
      }
    }
    return merged;
  }

  private static org.yaml.snakeyaml.Yaml parser() {
    return new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
  }
}
