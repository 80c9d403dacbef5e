package io.prazo.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lean HTTP/1.1 client for load generation: one kept-alive socket per calling thread, requests
 * written in one go, responses read by {@code Content-Length} or chunked encoding. It spends a
 * fraction of the CPU of {@link java.net.http.HttpClient}, which matters when the driver shares the
 * machine's cores with the server it measures. Plain HTTP only. Thread-safe: each thread uses its
 * own connection.
 */
final class RawHttp implements AutoCloseable {

  /** A response: status and body text. */
  record Answer(int status, String body) {}

  private final String host;
  private final int port;
  private final String hostHeader;
  private final int timeoutMillis;
  private final ThreadLocal<Connection> connections = new ThreadLocal<>();
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();

  RawHttp(URI base, Duration timeout) {
    if (!"http".equalsIgnoreCase(base.getScheme())) {
      throw new IllegalArgumentException("the load driver speaks plain http, not " + base);
    }
    this.host = base.getHost();
    this.port = base.getPort() < 0 ? 80 : base.getPort();
    this.hostHeader = host + ":" + port;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  /**
   * Sends one request and reads the whole answer. A broken or closed connection is dropped; the
   * next request on this thread opens a new one.
   */
  Answer exchange(String method, String path, String token, byte[] body) throws IOException {
    Connection connection = connections.get();
    if (connection == null) {
      connection = new Connection();
      connections.set(connection);
      open.add(connection);
    }
    try {
      Answer answer = connection.exchange(method, path, token, body);
      if (connection.closeAfterThis) {
        drop(connection);
      }
      return answer;
    } catch (IOException | RuntimeException e) {
      drop(connection);
      throw e;
    }
  }

  private void drop(Connection connection) {
    connections.remove();
    open.remove(connection);
    connection.close();
  }

  @Override
  public void close() {
    for (Connection connection : open) {
      connection.close();
    }
    open.clear();
  }

  private final class Connection {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private boolean closeAfterThis;

    Connection() throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    Answer exchange(String method, String path, String token, byte[] body) throws IOException {
      StringBuilder head = new StringBuilder(256 + (token == null ? 0 : token.length()));
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: ").append(hostHeader).append("\r\n");
      head.append("Accept: application/json, application/problem+json\r\n");
      if (token != null) {
        head.append("Authorization: Bearer ").append(token).append("\r\n");
      }
      if (body != null) {
        head.append("Content-Type: application/json\r\n");
        head.append("Content-Length: ").append(body.length).append("\r\n");
      } else if (!"GET".equals(method)) {
        head.append("Content-Length: 0\r\n");
      }
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read();
    }

    private Answer read() throws IOException {
      String statusLine = line();
      if (!statusLine.startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP response: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      closeAfterThis = statusLine.startsWith("HTTP/1.0");
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> closeAfterThis = value.equalsIgnoreCase("close");
          default -> {}
        }
      }
      byte[] bytes;
      if (chunked) {
        bytes = chunkedBody();
      } else if (length >= 0) {
        bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
          throw new EOFException("the connection closed inside a response body");
        }
      } else if (status == 204 || status == 304) {
        bytes = new byte[0];
      } else {
        bytes = in.readAllBytes();
        closeAfterThis = true;
      }
      return new Answer(status, new String(bytes, StandardCharsets.UTF_8));
    }

    private byte[] chunkedBody() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line();
        int semicolon = sizeLine.indexOf(';');
        int size =
            Integer.parseInt(
                (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          while (!line().isEmpty()) {
            // trailers
          }
          return body.toByteArray();
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length < size) {
          throw new EOFException("the connection closed inside a chunk");
        }
        body.write(chunk);
        line();
      }
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("the connection closed");
        }
        if (b == '\n') {
          int end = line.length();
          if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
          }
          return line.toString();
        }
        line.append((char) b);
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken connection
      }
    }
  }
}
