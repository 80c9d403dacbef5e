package io.prazo.command.domain;

/** A business rule refuses the command, e.g. a priority off the policy's scale: answered as 422. */
public class RuleViolationException extends IllegalArgumentException {
  public RuleViolationException(String message) {
    super(message);
  }
}
