package io.prazo.embedded;

import java.nio.file.Path;

/**
 * Runs an {@link EmbeddedPostgres} in a separate JVM for the crash tests: {@code <dataDirectory>
 * [sql]}. Prints {@code READY <port> <postmaster pid> <start millis>} once the server is up (after
 * running the optional SQL), then waits to be killed.
 */
public final class ServerProcessMain {

  private ServerProcessMain() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    EmbeddedPostgres server = EmbeddedPostgres.start(Path.of(args[0]), 0);
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (args.length > 1) {
      try (var connection = server.connect("postgres");
          var statement = connection.createStatement()) {
        statement.execute(args[1]);
      }
    }
    System.out.println("READY " + server.port() + " " + server.pid() + " " + millis);
    System.out.flush();
    if (args.length > 2 && args[2].equals("exit")) {
      server.close();
      return;
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
