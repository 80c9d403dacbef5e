package io.prazo.apart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition ({@code /actuator/prometheus}), by metric name. */
final class PrometheusText {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample: its labels and value. */
  record Sample(Map<String, String> labels, double value) {}

  private final Map<String, List<Sample>> samples;

  private PrometheusText(Map<String, List<Sample>> samples) {
    this.samples = samples;
  }

  /**
   * Reads an exposition.
   *
   * @throws IllegalArgumentException on a line that is neither a comment nor a sample
   */
  static PrometheusText parse(String text) {
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line.strip());
      if (!sample.matches()) {
        throw new IllegalArgumentException("not a Prometheus sample: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (sample.group(3) != null) {
        Matcher label = LABEL.matcher(sample.group(3));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples
          .computeIfAbsent(sample.group(1), name -> new ArrayList<>())
          .add(new Sample(labels, parseValue(sample.group(4))));
    }
    return new PrometheusText(samples);
  }

  /** The samples of a metric; empty if it has none. */
  List<Sample> samples(String name) {
    return samples.getOrDefault(name, List.of());
  }

  /** The sum of a metric's samples (0 if it has none). */
  double sum(String name) {
    return samples(name).stream().mapToDouble(Sample::value).sum();
  }

  /**
   * A series a service must expose: a metric name, labels its samples must carry, and a check of
   * the sum of those samples.
   *
   * @param name the Prometheus name, e.g. {@code http_server_requests_seconds_count}
   * @param labels labels and values a sample must have to count (others may be there too)
   * @param what the check in words, for the failure message
   */
  record Expected(String name, Map<String, String> labels, String what, DoublePredicate sumCheck) {
    /** The metric has at least one sample, whatever its value. */
    static Expected present(String name) {
      return new Expected(name, Map.of(), "present", sum -> true);
    }

    /** The metric's samples add up to more than 0. */
    static Expected positive(String name) {
      return new Expected(name, Map.of(), "> 0", sum -> sum > 0);
    }

    /** The same, counting only samples with this label. */
    Expected withLabel(String label, String value) {
      Map<String, String> more = new LinkedHashMap<>(labels);
      more.put(label, value);
      return new Expected(name, Map.copyOf(more), what, sumCheck);
    }

    /** Whether the exposition has this series as expected. */
    boolean matches(PrometheusText text) {
      List<Sample> matching =
          text.samples(name).stream()
              .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
              .toList();
      return !matching.isEmpty()
          && sumCheck.test(matching.stream().mapToDouble(Sample::value).sum());
    }

    @Override
    public String toString() {
      return name + (labels.isEmpty() ? "" : labels.toString()) + " " + what;
    }
  }

  private static double parseValue(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(value);
    };
  }
}
