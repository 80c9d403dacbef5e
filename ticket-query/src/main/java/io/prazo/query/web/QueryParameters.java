package io.prazo.query.web;

import io.prazo.web.problem.InvalidRequestException;
import io.prazo.web.problem.Problems;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.springframework.util.MultiValueMap;

/**
 * A request's query parameters, read with every problem collected: one 400 names every invalid
 * field. A parameter the endpoint does not know is an error too, so a misspelt filter never
 * silently lists everything.
 */
public final class QueryParameters {
  private final MultiValueMap<String, String> raw;
  private final List<Problems.FieldError> errors = new ArrayList<>();

  public QueryParameters(MultiValueMap<String, String> raw, String... known) {
    this.raw = raw;
    Set<String> allowed = Set.of(known);
    for (String name : raw.keySet()) {
      if (!allowed.contains(name)) {
        errors.add(
            new Problems.FieldError(
                name, "unknown parameter; this endpoint takes " + String.join(", ", known)));
      }
    }
  }

  /** A single-valued parameter, or null when absent. */
  public String text(String name) {
    List<String> values = raw.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      errors.add(new Problems.FieldError(name, "give it once"));
      return null;
    }
    String value = values.get(0).trim();
    if (value.isEmpty()) {
      errors.add(new Problems.FieldError(name, "must not be empty"));
      return null;
    }
    return value;
  }

  /** A whole number within bounds, or the default when absent. */
  public Long number(String name, Long defaultValue, long min, long max) {
    String text = text(name);
    if (text == null) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(text);
      if (value < min || value > max) {
        errors.add(new Problems.FieldError(name, "must be from " + min + " to " + max));
        return defaultValue;
      }
      return value;
    } catch (NumberFormatException e) {
      errors.add(new Problems.FieldError(name, "'" + text + "' is not a whole number"));
      return defaultValue;
    }
  }

  /** An ISO-8601 instant, or null when absent. */
  public Instant instant(String name) {
    String text = text(name);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(
          new Problems.FieldError(
              name, "'" + text + "' is not an ISO-8601 instant such as 2026-03-02T12:00:00Z"));
      return null;
    }
  }

  /** Values given repeated or comma-separated; empty when absent. */
  public Set<String> list(String name) {
    Set<String> values = new LinkedHashSet<>();
    for (String value : raw.getOrDefault(name, List.of())) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
    }
    return values;
  }

  /** Enum constants given repeated or comma-separated (any case); empty when absent. */
  public <E extends Enum<E>> Set<E> enums(String name, Class<E> type) {
    Set<E> values = new LinkedHashSet<>();
    for (String text : list(name)) {
      try {
        values.add(Enum.valueOf(type, text.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        errors.add(
            new Problems.FieldError(
                name, "'" + text + "' is not one of " + Arrays.toString(type.getEnumConstants())));
      }
    }
    return values;
  }

  /** One of a fixed set of values, by their wire names; the default when absent. */
  public <T> T choice(String name, T[] choices, Function<T, String> wireName, T defaultValue) {
    String text = text(name);
    if (text == null) {
      return defaultValue;
    }
    for (T choice : choices) {
      if (wireName.apply(choice).equals(text)) {
        return choice;
      }
    }
    errors.add(
        new Problems.FieldError(
            name, "'" + text + "' is not one of " + Arrays.stream(choices).map(wireName).toList()));
    return defaultValue;
  }

  /** Records a problem found by the caller. */
  public void invalid(String name, String message) {
    errors.add(new Problems.FieldError(name, message));
  }

  /** Throws when any parameter was invalid. */
  public void check() {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The request has invalid parameters.", errors);
    }
  }
}
