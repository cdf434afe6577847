package dev.poststack.launcher.kafka;

import java.io.IOException;
import java.net.ServerSocket;

/** Free loopback ports for test brokers, so parallel builds never collide. */
public final class FreePorts {
  private FreePorts() {}

  /** A port p with p and p + 1 (the controller's) both free at the time of asking. */
  public static int pairForBroker() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      if (port < 65535 && isFree(port + 1)) {
        return port;
      }
    }
    throw new IOException("no two adjacent free ports found");
  }

  /** One free port at the time of asking. */
  public static int one() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
