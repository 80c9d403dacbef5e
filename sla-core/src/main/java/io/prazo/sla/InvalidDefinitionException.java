package io.prazo.sla;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A calendar, policy or other catalog definition that cannot work, with every problem found in it.
 *
 * <p>Thrown by the validating factories of this package ({@link BusinessCalendar#of}, {@link
 * Priority#of}, {@link PriorityMatrix#of}, {@link SlaPolicy#of}) and by {@link CatalogJson} when it
 * reads a document. The whole definition is checked before it is thrown, so {@link #errors()} lists
 * all problems, not only the first. The web layer answers it with HTTP 422 and the errors as {@code
 * errors: [{field, message}]}.
 *
 * <p>Implementation Requirements: this exception is immutable apart from the stack trace and
 * suppressed exceptions that every {@link Throwable} carries.
 */
public final class InvalidDefinitionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The problems, in the order they were found; an immutable, non-empty list. */
  private final List<FieldError> errors;

  /**
   * Creates the exception.
   *
   * @param what what was being defined, e.g. {@code "calendar br-8x5"}, not null; used in the
   *     message only
   * @param errors the problems, not null, not empty, no null elements; copied
   * @throws IllegalArgumentException if {@code errors} is empty
   */
  public InvalidDefinitionException(String what, List<FieldError> errors) {
    super(message(what, errors));
    this.errors = List.copyOf(errors);
    if (this.errors.isEmpty()) {
      throw new IllegalArgumentException("an InvalidDefinitionException needs at least one error");
    }
  }

  /**
   * Creates the exception for a single problem.
   *
   * @param what what was being defined, not null; used in the message only
   * @param field the field path, not null (empty for the whole document)
   * @param message what is wrong, not null
   */
  public InvalidDefinitionException(String what, String field, String message) {
    this(what, List.of(new FieldError(field, message)));
  }

  /**
   * The problems found.
   *
   * @return an immutable, non-empty list in the order the problems were found
   */
  public List<FieldError> errors() {
    return errors;
  }

  private static String message(String what, List<FieldError> errors) {
    Objects.requireNonNull(what, "what");
    return "invalid "
        + what
        + ": "
        + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
  }

  /**
   * One problem of a definition.
   *
   * @param field the path of the offending field inside the document, such as {@code
   *     week.MONDAY[0]} or {@code priorities[1].resolution.amount}; the empty string means the
   *     document as a whole; never null
   * @param message a human-readable explanation, never null
   */
  public record FieldError(String field, String message) implements Serializable {
    /**
     * Checks the components.
     *
     * @param field the field path, not null
     * @param message the explanation, not null
     * @throws NullPointerException if a component is null
     */
    public FieldError {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }

    /**
     * This error with its field path placed under a parent path.
     *
     * @param parent the parent path, e.g. {@code priorities[1]}, not null; empty leaves the path
     *     unchanged
     * @return a new error
     */
    public FieldError under(String parent) {
      if (parent.isEmpty()) {
        return this;
      }
      if (field.isEmpty()) {
        return new FieldError(parent, message);
      }
      return new FieldError(field.startsWith("[") ? parent + field : parent + "." + field, message);
    }

    /**
     * The error as {@code field: message}.
     *
     * @return a short description, never null
     */
    @Override
    public String toString() {
      return field.isEmpty() ? message : field + ": " + message;
    }
  }
}
