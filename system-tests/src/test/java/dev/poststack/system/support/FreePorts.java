package dev.poststack.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Loopback ports free at the time of asking, so parallel builds never collide. */
final class FreePorts {
  private FreePorts() {}

  static int one() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port p with p + 1 free too: the broker's KRaft controller listens there. */
  static int pairForBroker() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = one();
      if (port < 65535 && isFree(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException("no two adjacent free ports found");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
