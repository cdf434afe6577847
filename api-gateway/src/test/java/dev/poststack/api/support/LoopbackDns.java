package dev.poststack.api.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real name server on a loopback UDP port, for the resolver and the tests of slow DNS: it answers
 * every MX query with one host, answers "no such name", or drops every query, as a name server
 * behind a broken firewall does. Counts the queries it received.
 */
public final class LoopbackDns implements AutoCloseable {
  private final DatagramSocket socket;
  private final String mxHost; // null: drop every query; "": NXDOMAIN
  private final AtomicInteger queries = new AtomicInteger();
  private final Thread server;

  private LoopbackDns(String mxHost) throws SocketException {
    this.mxHost = mxHost;
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    this.server = new Thread(this::serve, "loopback-dns-" + socket.getLocalPort());
    server.setDaemon(true);
    server.start();
  }

  /** A server that receives queries and never answers. */
  public static LoopbackDns dropping() throws SocketException {
    return new LoopbackDns(null);
  }

  /** A server that answers every MX query with {@code host} (preference 10). */
  public static LoopbackDns answering(String host) throws SocketException {
    return new LoopbackDns(host);
  }

  /** A server that answers every query with NXDOMAIN. */
  public static LoopbackDns noSuchName() throws SocketException {
    return new LoopbackDns("");
  }

  /** {@code 127.0.0.1:port}, as {@code poststack.dns.servers} takes it. */
  public String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  public int queries() {
    return queries.get();
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket query = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(query);
      } catch (IOException e) {
        return; // closed
      }
      queries.incrementAndGet();
      if (mxHost == null) {
        continue;
      }
      byte[] answer = answer(query.getData(), query.getLength());
      try {
        socket.send(new DatagramPacket(answer, answer.length, query.getAddress(), query.getPort()));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** RFC 1035: the query's id and question, then one MX answer (or NXDOMAIN and no answer). */
  private byte[] answer(byte[] query, int length) {
    int questionEnd = 12;
    while (query[questionEnd] != 0) {
      questionEnd += (query[questionEnd] & 0xff) + 1;
    }
    questionEnd += 1 + 4; // the root label, then QTYPE and QCLASS
    boolean nxdomain = mxHost.isEmpty();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(query[0]);
    out.write(query[1]);
    out.write(0x81); // response, recursion desired
    out.write(nxdomain ? 0x83 : 0x80); // recursion available; rcode 3 = NXDOMAIN
    out.writeBytes(new byte[] {0, 1, 0, (byte) (nxdomain ? 0 : 1), 0, 0, 0, 0});
    out.write(query, 12, Math.min(questionEnd, length) - 12);
    if (!nxdomain) {
      byte[] exchange = labels(mxHost);
      out.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 15, 0, 1, 0, 0, 0, 60});
      int rdLength = 2 + exchange.length;
      out.write(rdLength >> 8);
      out.write(rdLength & 0xff);
      out.writeBytes(new byte[] {0, 10});
      out.writeBytes(exchange);
    }
    return out.toByteArray();
  }

  private static byte[] labels(String host) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String label : host.split("\\.")) {
      if (!label.isEmpty()) {
        byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes.length);
        out.writeBytes(bytes);
      }
    }
    out.write(0);
    return out.toByteArray();
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    server.join(5000);
  }
}
