package io.prazo.command.web;

/** An {@code If-Match} header that names no version. */
public class VersionPreconditionException extends IllegalArgumentException {
  public VersionPreconditionException(String message) {
    super(message);
  }
}
