package io.prazo.load;

/** The run cannot start: the service or the database is not there or refuses the set-up. */
final class SetupException extends Exception {

  SetupException(String message) {
    super(message);
  }

  SetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
