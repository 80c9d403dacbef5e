package io.prazo.web.problem;

import java.util.List;

/** A request whose parameters are invalid: answered 400 with one entry per invalid field. */
public class InvalidRequestException extends RuntimeException {
  private final List<Problems.FieldError> errors;

  public InvalidRequestException(String detail, List<Problems.FieldError> errors) {
    super(detail);
    this.errors = List.copyOf(errors);
  }

  public List<Problems.FieldError> errors() {
    return errors;
  }
}
