package dev.poststack.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A real name server on one loopback port, over UDP and TCP, answering the MX and TXT records a
 * test publishes (and removes) while it runs: NXDOMAIN for a name without records, no data for a
 * name without records of the asked type. A UDP answer longer than 512 bytes is truncated, so the
 * client asks again over TCP, as with real long TXT records. {@link #dropping()} receives every
 * query and never answers, as a name server behind a broken firewall. Counts the queries received.
 */
public final class LoopbackDnsServer implements AutoCloseable {
  private final boolean drop;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Map<String, List<Record>> zone = new ConcurrentHashMap<>();
  private final AtomicInteger queries = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();
  private volatile String mxPrefix;
  private volatile String mxPrefixHost;

  private LoopbackDnsServer(boolean drop) throws IOException {
    this.drop = drop;
    DatagramSocket u = null;
    ServerSocket t = null;
    // the same port number for both: a resolver retries a truncated answer at the same address
    for (int i = 0; t == null; i++) {
      u = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      try {
        t = new ServerSocket();
        t.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), u.getLocalPort()));
      } catch (BindException e) {
        u.close();
        t = null;
        if (i > 50) {
          throw e;
        }
      }
    }
    this.udp = u;
    this.tcp = t;
    start("udp", this::serveUdp);
    start("tcp", this::serveTcp);
  }

  /** A server answering what {@link #mx} and {@link #txt} publish; nothing at first. */
  public static LoopbackDnsServer start() {
    try {
      return new LoopbackDnsServer(false);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server that receives queries and never answers. */
  public static LoopbackDnsServer dropping() {
    try {
      return new LoopbackDnsServer(true);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code 127.0.0.1:port}, as {@code poststack.dns.servers} takes it. */
  public String address() {
    return "127.0.0.1:" + udp.getLocalPort();
  }

  public int queries() {
    return queries.get();
  }

  /** Publishes MX records of {@code name} (preference 10, 20 …), replacing its earlier MX. */
  public LoopbackDnsServer mx(String name, String... hosts) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < hosts.length; i++) {
      records.add(new MXRecord(name(name), DClass.IN, 60, 10 * (i + 1), name(hosts[i])));
    }
    return replace(name, Type.MX, records);
  }

  /** Publishes TXT records of {@code name}, one per value, replacing its earlier TXT. */
  public LoopbackDnsServer txt(String name, String... values) {
    List<Record> records = new ArrayList<>();
    for (String value : values) {
      records.add(new TXTRecord(name(name), DClass.IN, 60, chunks(value)));
    }
    return replace(name, Type.TXT, records);
  }

  /**
   * Every name whose first label starts with {@code prefix} and has no records of its own gets one
   * MX record to {@code host}: for tests that create many domains and only need their MX.
   */
  public LoopbackDnsServer mxForNamesStartingWith(String prefix, String host) {
    this.mxPrefixHost = host;
    this.mxPrefix = prefix;
    return this;
  }

  /** Removes every record of {@code name}: it answers NXDOMAIN again. */
  public LoopbackDnsServer remove(String name) {
    zone.remove(key(name));
    return this;
  }

  private LoopbackDnsServer replace(String name, int type, List<Record> records) {
    zone.compute(
        key(name),
        (k, old) -> {
          List<Record> next = new ArrayList<>();
          if (old != null) {
            old.stream().filter(r -> r.getType() != type).forEach(next::add);
          }
          next.addAll(records);
          return next.isEmpty() ? null : List.copyOf(next);
        });
    return this;
  }

  /** A character-string holds at most 255 bytes: longer values are split, as zone files do. */
  private static List<String> chunks(String value) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.length(); i += 255) {
      out.add(value.substring(i, Math.min(value.length(), i + 255)));
    }
    return out.isEmpty() ? List.of("") : out;
  }

  private Message answer(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    Record question = query.getQuestion();
    if (question == null) {
      response.getHeader().setRcode(Rcode.FORMERR);
      return response;
    }
    response.addRecord(question, Section.QUESTION);
    String asked = key(question.getName().toString());
    List<Record> records = zone.get(asked);
    String prefix = mxPrefix;
    if (records == null && prefix != null && asked.startsWith(prefix)) {
      records = List.of(new MXRecord(question.getName(), DClass.IN, 60, 10, name(mxPrefixHost)));
    }
    if (records == null) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      return response;
    }
    records.stream()
        .filter(r -> r.getType() == question.getType())
        .forEach(r -> response.addRecord(r, Section.ANSWER));
    return response;
  }

  private void serveUdp() {
    byte[] buffer = new byte[4096];
    while (!udp.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        return; // closed
      }
      queries.incrementAndGet();
      if (drop) {
        continue;
      }
      try {
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        byte[] wire = answer(query).toWire(512); // sets TC when it does not fit
        udp.send(new DatagramPacket(wire, wire.length, packet.getAddress(), packet.getPort()));
      } catch (IOException e) {
        // a malformed query gets no answer
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      Socket connection;
      try {
        connection = tcp.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread client = new Thread(() -> serveTcp(connection), "loopback-dns-tcp-client");
      client.setDaemon(true);
      client.start();
    }
  }

  private void serveTcp(Socket connection) {
    try (connection) {
      DataInputStream in = new DataInputStream(connection.getInputStream());
      DataOutputStream out = new DataOutputStream(connection.getOutputStream());
      while (true) {
        int length = in.readUnsignedShort();
        byte[] bytes = in.readNBytes(length);
        queries.incrementAndGet();
        if (drop) {
          continue;
        }
        byte[] wire = answer(new Message(bytes)).toWire();
        out.writeShort(wire.length);
        out.write(wire);
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection
    }
  }

  private void start(String kind, Runnable body) {
    Thread thread = new Thread(body, "loopback-dns-" + kind + "-" + udp.getLocalPort());
    thread.setDaemon(true);
    thread.start();
    threads.add(thread);
  }

  private static String key(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static Name name(String name) {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(name, e);
    }
  }

  @Override
  public void close() throws InterruptedException, IOException {
    udp.close();
    tcp.close();
    for (Thread thread : threads) {
      thread.join(5000);
    }
  }
}
