package dev.poststack.testing.mail;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * SMTP by hand, for what a mail library does not let a test choose: the {@code SIZE=} a sending
 * server announces in MAIL FROM, and stopping right after RCPT.
 */
final class SmtpDialogue {
  private SmtpDialogue() {}

  static int rcptWithSize(
      String localAddress, String host, int port, String from, String to, long size) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress(host, port), 10_000);
      socket.setSoTimeout(20_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      expect(reply(in), 220);
      expect(command(out, in, "EHLO client.remote.test"), 250);
      expect(command(out, in, "MAIL FROM:<" + from + "> SIZE=" + size), 250);
      int rcpt = command(out, in, "RCPT TO:<" + to + ">");
      command(out, in, "QUIT");
      return rcpt;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int command(OutputStream out, BufferedReader in, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return reply(in);
  }

  /** Reads one reply, multi-line or not; answers its code. */
  private static int reply(BufferedReader in) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new EOFException("the SMTP server closed the connection");
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    return Integer.parseInt(line.substring(0, 3));
  }

  private static void expect(int code, int wanted) {
    if (code != wanted) {
      throw new IllegalStateException("SMTP answered " + code + ", expected " + wanted);
    }
  }
}
