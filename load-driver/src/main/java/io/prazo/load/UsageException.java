package io.prazo.load;

/** The command line cannot be understood; the message says why, for the user. */
final class UsageException extends Exception {

  UsageException(String message) {
    super(message);
  }
}
