package dev.poststack.bench.isolation;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A name server on a loopback UDP port that receives every query and never answers, as one behind a
 * broken firewall does; the API under test is pointed at it with {@code POSTSTACK_DNS_SERVERS}.
 */
final class SilentNameServer implements AutoCloseable {
  private final DatagramSocket socket;
  private final AtomicInteger queries = new AtomicInteger();
  private final Thread thread;

  SilentNameServer() throws SocketException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    thread = new Thread(this::drop, "silent-name-server");
    thread.setDaemon(true);
    thread.start();
  }

  String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  int queries() {
    return queries.get();
  }

  private void drop() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      try {
        socket.receive(new DatagramPacket(buffer, buffer.length));
        queries.incrementAndGet();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
