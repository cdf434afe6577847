package dev.poststack.bench.activity;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * LMTP straight to Dovecot's socket, as Postfix's lmtp client delivers: one connection, several
 * messages of about 2 KB, one recipient each. Raw protocol, so no client library is in the figure.
 */
final class LmtpDelivery {
  private static final String BODY = "x".repeat(76) + "\r\n";

  private LmtpDelivery() {}

  /**
   * Delivers one message to each of {@code recipients} over one connection; throws on a non-2xx.
   */
  static void deliver(Path socket, List<String> recipients) throws IOException {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      InputStream in = new BufferedInputStream(Channels.newInputStream(ch));
      OutputStream out = Channels.newOutputStream(ch);
      expect(in, "220");
      send(out, "LHLO bench.test");
      expect(in, "250");
      for (String rcpt : recipients) {
        send(out, "MAIL FROM:<sender@remote.test>");
        expect(in, "250");
        send(out, "RCPT TO:<" + rcpt + ">");
        expect(in, "250");
        send(out, "DATA");
        expect(in, "354");
        StringBuilder m = new StringBuilder();
        m.append("From: Sender <sender@remote.test>\r\nTo: ").append(rcpt).append("\r\n");
        m.append("Subject: bench delivery with a subject of a realistic length\r\n");
        m.append("Message-ID: <").append(System.nanoTime()).append("@remote.test>\r\n\r\n");
        m.append(BODY.repeat(24)).append(".\r\n");
        out.write(m.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, "250");
      }
      send(out, "QUIT");
      expect(in, "221");
    }
  }

  private static void send(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one reply (its continuation lines too) and checks its code. */
  private static void expect(InputStream in, String code) throws IOException {
    while (true) {
      String line = readLine(in);
      if (line == null) {
        throw new IOException("LMTP closed, expected " + code);
      }
      if (!line.startsWith(code)) {
        throw new IOException("LMTP answered '" + line + "', expected " + code);
      }
      if (line.length() < 4 || line.charAt(3) != '-') {
        return;
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        return b.toString().stripTrailing();
      }
      if (b.length() < 4096) {
        b.append((char) c);
      }
    }
    return b.length() == 0 ? null : b.toString();
  }
}
