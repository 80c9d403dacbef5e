package io.prazo.command.domain;

/** The caller's role does not allow the command: answered as 403. */
public class AccessRefusedException extends RuntimeException {
  public AccessRefusedException(String message) {
    super(message);
  }
}
