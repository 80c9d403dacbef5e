package io.prazo.command.publish;

/**
 * Events could not be published (broker unreachable, a send refused or not confirmed in time). The
 * batch is rolled back and published again, from its first event, after a back-off.
 */
public class PublishFailedException extends RuntimeException {
  public PublishFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
