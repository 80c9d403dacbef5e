package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RawHttpTest {
  private HttpServer server;
  private RawHttp http;

  @BeforeEach
  void start() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/length",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String answer =
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + new String(body, StandardCharsets.UTF_8);
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(201, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.createContext(
        "/chunked",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          for (int i = 0; i < 3; i++) {
            exchange.getResponseBody().write(("part" + i + ";").getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
          }
          exchange.close();
        });
    server.createContext(
        "/close",
        exchange -> {
          exchange.getResponseHeaders().set("Connection", "close");
          exchange.sendResponseHeaders(409, 2);
          exchange.getResponseBody().write("no".getBytes(StandardCharsets.UTF_8));
          exchange.close();
        });
    server.start();
    http =
        new RawHttp(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    http.close();
    server.stop(0);
  }

  @Test
  void sendsTheBodyAndTokenAndReadsALengthDelimitedAnswer() throws Exception {
    RawHttp.Answer answer =
        http.exchange("POST", "/length", "tok", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.body()).isEqualTo("POST Bearer tok {\"a\":1}");
  }

  @Test
  void readsAChunkedAnswerAndKeepsTheConnectionForTheNextRequest() throws Exception {
    for (int i = 0; i < 3; i++) {
      RawHttp.Answer answer = http.exchange("GET", "/chunked", null, null);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("part0;part1;part2;");
    }
  }

  @Test
  void reconnectsAfterTheServerClosesTheConnection() throws Exception {
    assertThat(http.exchange("PUT", "/close", null, new byte[0]).status()).isEqualTo(409);
    assertThat(http.exchange("PUT", "/close", null, new byte[0]).body()).isEqualTo("no");
    assertThat(http.exchange("POST", "/length", null, null).body()).isEqualTo("POST null ");
  }
}
