package io.prazo.embedded;

/** Thrown when the embedded Kafka broker cannot be prepared, started or stopped. */
public class EmbeddedKafkaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EmbeddedKafkaException(String message) {
    super(message);
  }

  public EmbeddedKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
