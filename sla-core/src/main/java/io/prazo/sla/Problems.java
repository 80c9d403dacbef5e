package io.prazo.sla;

import io.prazo.sla.InvalidDefinitionException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Collects the problems of one definition so that all of them are reported together. Mutable and
 * not thread-safe: use one per validation, on one thread.
 */
final class Problems {

  /** Ids of calendars and policies: URL-safe, 1 to 64 characters. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final List<FieldError> errors = new ArrayList<>();

  void add(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  List<FieldError> errors() {
    return errors;
  }

  /**
   * Adds the problems of a later validation stage, leaving out each one whose field is the same as,
   * inside, or around a field this collector already has a problem with: those follow from the
   * earlier problem (a placeholder stood in for a value that could not be read).
   */
  void addUnrelated(String parent, InvalidDefinitionException later) {
    List<FieldError> earlier = List.copyOf(errors);
    for (FieldError error : later.errors()) {
      FieldError placed = error.under(parent);
      if (earlier.stream().noneMatch(e -> related(e.field(), placed.field()))) {
        errors.add(placed);
      }
    }
  }

  private static boolean related(String a, String b) {
    return a.isEmpty() || b.isEmpty() || within(a, b) || within(b, a);
  }

  private static boolean within(String inner, String outer) {
    return inner.equals(outer) || inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  int size() {
    return errors.size();
  }

  /**
   * Runs a factory, recording an {@link IllegalArgumentException} (or a null pointer) as a problem
   * of {@code field} instead of letting it escape. The problems of an {@link
   * InvalidDefinitionException} are placed under {@code field} and added as by {@link
   * #addUnrelated}.
   *
   * @return the value, or null when the factory failed
   */
  <T> T attempt(String field, Supplier<T> factory) {
    try {
      return factory.get();
    } catch (InvalidDefinitionException e) {
      addUnrelated(field, e);
    } catch (IllegalArgumentException | NullPointerException e) {
      add(field, e.getMessage() == null ? "is invalid" : e.getMessage());
    }
    return null;
  }

  void requireId(String field, String value) {
    if (value == null) {
      add(field, "is required");
    } else if (!ID.matcher(value).matches()) {
      add(
          field,
          "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  void requireText(String field, String value) {
    if (value == null) {
      add(field, "is required");
    } else if (value.isBlank()) {
      add(field, "must not be blank");
    }
  }

  void requireVersion(String field, int version) {
    if (version < 1) {
      add(field, "must be 1 or more, was " + version);
    }
  }

  void throwIfAny(String what) {
    if (!errors.isEmpty()) {
      throw new InvalidDefinitionException(what, errors);
    }
  }
}
