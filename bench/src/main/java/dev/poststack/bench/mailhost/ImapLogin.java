package dev.poststack.bench.mailhost;

import dev.poststack.testing.mail.TrustedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A bare IMAPS login as a mail client does it: connect, TLS (trusting only the host's certificate),
 * greeting, {@code a LOGIN}, optionally {@code b LOGOUT}. Raw socket, so the time of the tagged OK
 * is exact and no client library's work is in the figure.
 *
 * <p>Every connection comes from a fresh loopback source address (127.x.y.z): Dovecot delays every
 * later login from an address that once failed (2 s doubling to 15 s, successes included), and a
 * propagation poll fails on purpose until the change arrives.
 */
public final class ImapLogin {
  /**
   * What one attempt saw; {@code okNanos} is {@link System#nanoTime()} when the tagged OK arrived.
   */
  public record Attempt(Outcome outcome, long okNanos, String detail) {}

  public enum Outcome {
    /** tagged OK to LOGIN */
    OK,
    /** tagged NO or BAD to LOGIN (Dovecot answers a failure after its failure delay) */
    REFUSED,
    /** no answer to LOGIN within the answer timeout */
    NO_ANSWER,
    /** connect, TLS, greeting or logout failed, or the caller abandoned the attempt */
    ERROR
  }

  private static final AtomicInteger NEXT_SOURCE = new AtomicInteger();

  private final SSLSocketFactory tls;
  private final InetSocketAddress server;

  public ImapLogin(Path certificatePem, int port) {
    this(certificatePem, InetAddress.getLoopbackAddress(), port);
  }

  /** A host on its own address, e.g. 127.0.1.2 under {@code dev --mail-hosts}. */
  public ImapLogin(Path certificatePem, InetAddress address, int port) {
    this.tls = TrustedCertificate.socketFactory(certificatePem);
    this.server = new InetSocketAddress(address, port);
  }

  /** 127.1.0.2 upwards, never 127.0.0.1, never reused in a run (16M addresses). */
  private static InetAddress freshSource() throws IOException {
    int n = NEXT_SOURCE.getAndIncrement();
    int a = 1 + (n / 62_500) % 254;
    int b = (n / 250) % 250;
    int c = 2 + n % 250;
    return InetAddress.getByAddress(new byte[] {127, (byte) a, (byte) b, (byte) c});
  }

  /** A socket the caller may close from another thread to abandon the attempt. */
  public Socket newSocket() throws IOException {
    Socket s = tls.createSocket();
    s.bind(new InetSocketAddress(freshSource(), 0));
    s.setTcpNoDelay(true);
    return s;
  }

  /**
   * One login on {@code socket} (from {@link #newSocket}); closes it. {@code answerTimeoutMs}
   * bounds the wait for LOGIN's answer (a refusal arrives only after Dovecot's failure delay, so
   * pollers give up earlier); connect, TLS and greeting are bounded by 5 s.
   */
  public Attempt login(
      Socket socket, String user, String password, int answerTimeoutMs, boolean logout) {
    try (Socket s = socket) {
      s.connect(server, 5000);
      s.setSoTimeout(5000);
      ((SSLSocket) s).startHandshake();
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      String greeting = readLine(in);
      if (greeting == null || !greeting.startsWith("* OK")) {
        return new Attempt(Outcome.ERROR, 0, "greeting: " + greeting);
      }
      out.write(
          ("a LOGIN \"" + user + "\" \"" + password + "\"\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.setSoTimeout(answerTimeoutMs);
      String line;
      try {
        while ((line = readLine(in)) != null && !line.startsWith("a ")) {
          // untagged lines before the answer
        }
      } catch (SocketTimeoutException e) {
        return new Attempt(Outcome.NO_ANSWER, 0, "no answer in " + answerTimeoutMs + " ms");
      }
      long at = System.nanoTime();
      if (line == null) {
        return new Attempt(Outcome.ERROR, 0, "closed before LOGIN's answer");
      }
      if (!line.startsWith("a OK")) {
        return new Attempt(Outcome.REFUSED, 0, line);
      }
      if (logout) {
        s.setSoTimeout(5000);
        out.write("b LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        while ((line = readLine(in)) != null && !line.startsWith("b ")) {
          // * BYE
        }
        if (line == null || !line.startsWith("b OK")) {
          return new Attempt(Outcome.ERROR, at, "logout: " + line);
        }
      }
      return new Attempt(Outcome.OK, at, "");
    } catch (IOException e) {
      return new Attempt(Outcome.ERROR, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Connect + TLS + LOGIN + (LOGOUT); the attempt and its start time. */
  public Attempt login(String user, String password, boolean logout) {
    try {
      return login(newSocket(), user, password, 5000, logout);
    } catch (IOException e) {
      return new Attempt(Outcome.ERROR, 0, e.getMessage());
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int len = b.length();
        return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
      }
      if (b.length() < 16_384) {
        b.append((char) c);
      }
    }
    return b.length() == 0 ? null : b.toString();
  }
}
