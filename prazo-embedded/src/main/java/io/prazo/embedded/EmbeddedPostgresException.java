package io.prazo.embedded;

/** Thrown when the embedded PostgreSQL server cannot be prepared, started, used or stopped. */
public class EmbeddedPostgresException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EmbeddedPostgresException(String message) {
    super(message);
  }

  public EmbeddedPostgresException(String message, Throwable cause) {
    super(message, cause);
  }
}
