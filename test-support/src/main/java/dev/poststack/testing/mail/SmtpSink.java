package dev.poststack.testing.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A "remote" mail server on loopback for outbound tests: it speaks just enough SMTP (EHLO/HELO,
 * MAIL, RCPT, DATA, RSET, NOOP, QUIT; no STARTTLS, so the sending Postfix stays in plain text) and
 * keeps each message's exact bytes as received, dot-unstuffed, for a signature check.
 */
public final class SmtpSink implements AutoCloseable {
  /** One accepted message: envelope and the exact bytes after DATA. */
  public record Received(String mailFrom, List<String> rcptTo, byte[] data) {
    public String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  public SmtpSink() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    pool.submit(this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The first message whose bytes contain {@code marker}, waiting up to {@code timeout}. */
  public Received await(String marker, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      for (Received r : received) {
        if (r.text().contains(marker)) {
          return r;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no message containing '" + marker + "' arrived in " + timeout);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        pool.submit(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      socket.setSoTimeout(30_000);
      reply(out, "220 sink.test ESMTP");
      String from = null;
      List<String> rcpts = new CopyOnWriteArrayList<>();
      String line;
      while ((line = readLine(in)) != null) {
        String cmd = line.toUpperCase(Locale.ROOT);
        if (cmd.startsWith("EHLO")) {
          reply(out, "250-sink.test\r\n250-8BITMIME\r\n250 SIZE 52428800");
        } else if (cmd.startsWith("HELO")) {
          reply(out, "250 sink.test");
        } else if (cmd.startsWith("MAIL FROM:")) {
          from = between(line);
          rcpts.clear();
          reply(out, "250 2.1.0 Ok");
        } else if (cmd.startsWith("RCPT TO:")) {
          rcpts.add(between(line));
          reply(out, "250 2.1.5 Ok");
        } else if (cmd.equals("DATA")) {
          reply(out, "354 End data with <CR><LF>.<CR><LF>");
          byte[] data = readData(in);
          received.add(new Received(from, List.copyOf(rcpts), data));
          reply(out, "250 2.0.0 Ok: queued");
        } else if (cmd.equals("QUIT")) {
          reply(out, "221 2.0.0 Bye");
          return;
        } else if (cmd.equals("RSET") || cmd.equals("NOOP")) {
          reply(out, "250 2.0.0 Ok");
        } else {
          reply(out, "502 5.5.2 Error: command not recognized");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static String between(String line) {
    int a = line.indexOf('<');
    int b = line.indexOf('>', a + 1);
    return a < 0 || b < 0 ? line.substring(line.indexOf(':') + 1).trim() : line.substring(a + 1, b);
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One line without its CRLF; null at end of stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int n =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
      b.write(c);
    }
    return null;
  }

  /** The DATA bytes up to the lone dot, each line kept with its CRLF, leading dots unstuffed. */
  private static byte[] readData(InputStream in) throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    String line;
    while ((line = readLine(in)) != null) {
      if (line.equals(".")) {
        break;
      }
      String l = line.startsWith(".") ? line.substring(1) : line;
      data.write(l.getBytes(StandardCharsets.ISO_8859_1));
      data.write('\r');
      data.write('\n');
    }
    return data.toByteArray();
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
