package io.prazo.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Failed requests counted by kind (an HTTP status such as {@code "409"}, or an exception name such
 * as {@code "HttpTimeoutException"}), with the first answer of each kind and context kept as an
 * example. One per thread (not thread-safe), merged after the run.
 */
final class Errors {

  static final int MAX_EXAMPLES = 10;
  private static final int MAX_EXAMPLE_LENGTH = 300;

  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, String> examples = new LinkedHashMap<>();

  /**
   * Counts one failure.
   *
   * @param kind what is counted: a status code or an exception's simple name
   * @param context where it happened (e.g. the command), for the example; may be null
   * @param detail the answer's body or the exception's message, for the example; may be null
   */
  void add(String kind, String context, String detail) {
    counts.merge(kind, 1L, Long::sum);
    String where = context == null ? kind : kind + " on " + context;
    if (examples.size() < MAX_EXAMPLES && !examples.containsKey(where)) {
      examples.put(where, where + ": " + abbreviate(detail));
    }
  }

  void addAll(Errors other) {
    other.counts.forEach((kind, count) -> counts.merge(kind, count, Long::sum));
    other.examples.forEach(
        (where, example) -> {
          if (examples.size() < MAX_EXAMPLES) {
            examples.putIfAbsent(where, example);
          }
        });
  }

  /** Counts by kind, sorted by kind. */
  Map<String, Long> counts() {
    return new TreeMap<>(counts);
  }

  /** How many failures {@code measured} and {@code warmup} (counts by kind) hold together. */
  static long total(Map<String, Long> measured, Map<String, Long> warmup) {
    return measured.values().stream().mapToLong(Long::longValue).sum()
        + warmup.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The measured window's examples, then the warm-up's (marked so), at most {@link #MAX_EXAMPLES}.
   */
  static List<String> examples(Errors measured, Errors warmup) {
    List<String> examples = new ArrayList<>(measured.examples.values());
    for (String example : warmup.examples.values()) {
      if (examples.size() >= MAX_EXAMPLES) {
        break;
      }
      examples.add("(warm-up) " + example);
    }
    return examples;
  }

  private static String abbreviate(String detail) {
    if (detail == null || detail.isBlank()) {
      return "(no detail)";
    }
    String oneLine = detail.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_EXAMPLE_LENGTH
        ? oneLine
        : oneLine.substring(0, MAX_EXAMPLE_LENGTH) + "...";
  }
}
