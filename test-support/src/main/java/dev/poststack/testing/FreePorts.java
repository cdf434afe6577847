package dev.poststack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports free at the time of asking, so parallel builds and checkouts never collide on a fixed port.
 * "At the time of asking" is all anyone can promise: another process may take a port before the
 * test binds it, which is rare enough for tests and far rarer than a fixed port colliding.
 */
public final class FreePorts {
  private static final int ATTEMPTS = 50;

  private FreePorts() {}

  /** One free port. */
  public static int one() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code count} free ports, all different: they are held open together while being picked, since
   * asking for one port several times may hand out the same port twice.
   */
  public static int[] distinct(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0);
        held.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      held.forEach(FreePorts::closeQuietly);
    }
  }

  /** A port p with p + 1 free too: a test broker listens on p and its KRaft controller on p + 1. */
  public static int pairForBroker() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = one();
      if (port < 65535 && isFree(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no two adjacent free ports found in " + ATTEMPTS + " attempts");
  }

  /** Whether {@code port} can be bound right now (on every interface, as a server would). */
  public static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException e) {
      // a port we only looked at; nothing to undo
    }
  }
}
