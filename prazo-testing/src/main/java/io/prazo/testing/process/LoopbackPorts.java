package io.prazo.testing.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, for servers that a test starts in other processes. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /**
   * A port that was free on 127.0.0.1 a moment ago. Another process may still take it before the
   * server binds it; the server then fails to start and says so.
   */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on the loopback interface", e);
    }
  }
}
