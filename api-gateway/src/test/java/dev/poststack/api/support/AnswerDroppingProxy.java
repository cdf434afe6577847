package dev.poststack.api.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of the API that loses one answer the way a network can: it passes the
 * client's request on to the server, and the moment the server starts to answer — so the request
 * has certainly reached it and been handled — closes the client's connection without passing on a
 * single byte. It reads the answer it swallowed to its end, so a test can compare a retry's answer
 * with it. No timing is involved: each step waits on the bytes of the step before.
 *
 * <p>It serves one connection only; a second one (a client library retrying on its own) is refused,
 * so the call that lost its answer fails at the client for certain.
 */
public final class AnswerDroppingProxy implements AutoCloseable {
  private static final int SAFETY_TIMEOUT_MS = 30_000;

  private final ServerSocket listener;
  private final int serverPort;
  private final CompletableFuture<Answer> dropped = new CompletableFuture<>();

  /** The status and body of an HTTP/1.1 answer. */
  public record Answer(int status, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private AnswerDroppingProxy(int serverPort) throws IOException {
    this.serverPort = serverPort;
    this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread serving = new Thread(this::serveOneConnection, "answer-dropping-proxy");
    serving.setDaemon(true);
    serving.start();
  }

  /** A proxy for the server on {@code serverPort} of the loopback interface, listening already. */
  public static AnswerDroppingProxy inFrontOf(int serverPort) throws IOException {
    return new AnswerDroppingProxy(serverPort);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** The answer the server gave and the client never saw; fails if no answer was dropped. */
  public Answer droppedAnswer() throws Exception {
    return dropped.get(SAFETY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private void serveOneConnection() {
    try (ServerSocket l = listener;
        Socket client = l.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort)) {
      l.close(); // one connection only
      client.setSoTimeout(SAFETY_TIMEOUT_MS);
      server.setSoTimeout(SAFETY_TIMEOUT_MS);
      forwardInBackground(client.getInputStream(), server.getOutputStream());
      InputStream answer = new BufferedInputStream(server.getInputStream());
      answer.mark(1);
      if (answer.read() < 0) {
        throw new EOFException("the server closed the connection without answering");
      }
      answer.reset();
      // The server answers only once it has the whole request: drop the connection right here.
      // Everything the client sent has been read from it, so this close is a clean FIN, not a
      // reset.
      client.close();
      dropped.complete(readAnswer(answer));
    } catch (Exception e) {
      dropped.completeExceptionally(e);
    }
  }

  private static void forwardInBackground(InputStream from, OutputStream to) {
    Thread request =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException closed) {
                // the proxy closed the client's connection: the request was forwarded already
              }
            },
            "answer-dropping-proxy-request");
    request.setDaemon(true);
    request.start();
  }

  private static Answer readAnswer(InputStream in) throws IOException {
    String statusLine = line(in); // HTTP/1.1 201 Created
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    int length = -1;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring("content-length:".length()).trim());
      }
    }
    if (length < 0) {
      // the API answers writes with a known length; a chunked answer would need a reader here
      throw new IOException("the dropped answer has no Content-Length: " + statusLine);
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new EOFException("the answer ended after " + body.length + " of " + length + " bytes");
    }
    return new Answer(status, body);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the answer ended inside its head");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
