package io.prazo.embedded;

import java.nio.file.Path;

/**
 * Runs an {@link EmbeddedKafka} in a separate JVM, for the test of a data directory in use by
 * another process: {@code <dataDirectory>}. Prints {@code READY <port>} once the broker is up, then
 * keeps it running until its standard input ends.
 */
public final class EmbeddedKafkaChildMain {

  private EmbeddedKafkaChildMain() {}

  public static void main(String[] args) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), 0)) {
      System.out.println("READY " + kafka.port());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our stdin
      }
    }
  }
}
