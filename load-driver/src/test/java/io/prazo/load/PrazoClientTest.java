package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrazoClientTest {

  private ServerSocket server;
  private Thread acceptor;
  private final AtomicInteger connections = new AtomicInteger();

  /** A server that answers one request per connection and then closes it without saying so. */
  @BeforeEach
  void start() throws Exception {
    server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                  int number = connections.incrementAndGet();
                  BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                  while (!in.readLine().isEmpty()) {
                    // request head
                  }
                  byte[] body = ("{\"total\":" + number + "}").getBytes(StandardCharsets.UTF_8);
                  OutputStream out = socket.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                              + body.length
                              + "\r\n\r\n")
                          .getBytes(StandardCharsets.ISO_8859_1));
                  out.write(body);
                  out.flush();
                } catch (Exception e) {
                  // closed
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    acceptor.join(5_000);
  }

  @Test
  void aSetUpReadWhoseKeptAliveConnectionWasClosedIsSentAgainOnANewOne() throws Exception {
    PrazoClient client =
        new PrazoClient(
            URI.create("http://localhost:" + server.getLocalPort()),
            Duration.ofSeconds(5),
            Report.objectMapper());

    assertThat(client.read("/api/tickets?size=1", "t").path("total").asInt()).isEqualTo(1);
    assertThat(client.read("/api/tickets?size=1", "t").path("total").asInt()).isEqualTo(2);
    assertThat(connections.get()).isEqualTo(2);
  }
}
