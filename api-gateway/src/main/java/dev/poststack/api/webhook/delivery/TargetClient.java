package dev.poststack.api.webhook.delivery;

import dev.poststack.api.webhook.TargetPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One POST to a webhook's URL, on a socket of its own: the name is resolved, every address it
 * resolves to is checked against the {@link TargetPolicy}, and the connection goes to the address
 * that was checked (no second lookup, so no DNS-rebinding window between check and connect). TLS
 * still verifies the certificate for the URL's host name (SNI and HTTPS endpoint identification). A
 * redirect is an answer like any other non-2xx: never followed. Connect and read time-outs are
 * bounded, and so is what is read of the answer ({@link #MAX_RESPONSE} bytes of body).
 */
final class TargetClient {
  static final int MAX_RESPONSE = 4096;
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  /** What happened: a status and body, or why nothing was sent or nothing answered. */
  record Result(Integer statusCode, String responseBody, String error) {
    boolean succeeded() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
  }

  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final TargetPolicy policy;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Resolver resolver;
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "webhook-deadline");
            t.setDaemon(true);
            return t;
          });

  TargetClient(TargetPolicy policy, Duration connectTimeout, Duration readTimeout) {
    this(policy, connectTimeout, readTimeout, InetAddress::getAllByName);
  }

  TargetClient(
      TargetPolicy policy, Duration connectTimeout, Duration readTimeout, Resolver resolver) {
    this.policy = policy;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.resolver = resolver;
  }

  Result post(String url, byte[] body, Map<String, String> headers) {
    URI uri = URI.create(url);
    String refusal = policy.refuseUrl(url).orElse(null);
    if (refusal != null) {
      return new Result(null, null, "not sent: the URL " + refusal);
    }
    String host = TargetPolicy.hostOf(uri);
    boolean tls = uri.getScheme().equalsIgnoreCase("https");
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    InetAddress target;
    try {
      target = checkedAddress(host);
    } catch (UnknownHostException e) {
      return new Result(null, null, "not sent: " + host + " does not resolve");
    }
    if (target == null) {
      return new Result(
          null, null, "not sent: " + host + " resolves to a private or reserved address");
    }
    // a peer that answers a byte at a time must not hold a sender past the deadline either
    var watchdog = new java.util.concurrent.atomic.AtomicReference<Socket>();
    var deadline =
        WATCHDOG.schedule(
            () -> closeQuietly(watchdog.get()), deadline().toMillis(), TimeUnit.MILLISECONDS);
    try (Socket socket = open(target, port, host, tls, watchdog)) {
      socket.setSoTimeout((int) readTimeout.toMillis());
      write(socket.getOutputStream(), uri, host, port, tls, body, headers);
      return read(socket.getInputStream());
    } catch (java.net.SocketTimeoutException e) {
      return new Result(null, null, "timed out");
    } catch (IOException e) {
      return deadline.isDone()
          ? new Result(null, null, "timed out")
          : new Result(null, null, "connection failed: " + e.getClass().getSimpleName());
    } finally {
      deadline.cancel(false);
    }
  }

  /** Every address must be allowed (a name with one private address is refused as a whole). */
  private InetAddress checkedAddress(String host) throws UnknownHostException {
    InetAddress[] all = TargetPolicy.literal(host).map(a -> new InetAddress[] {a}).orElse(null);
    if (all == null) {
      all = resolver.resolve(host);
    }
    for (InetAddress a : all) {
      if (!policy.allows(a)) {
        return null;
      }
    }
    return all.length == 0 ? null : all[0];
  }

  /** The longest one request may take: connect, then twice the read time-out. */
  Duration deadline() {
    return connectTimeout.plus(readTimeout).plus(readTimeout);
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing to stop a slow peer: nothing to add
      }
    }
  }

  private Socket open(
      InetAddress address,
      int port,
      String host,
      boolean tls,
      java.util.concurrent.atomic.AtomicReference<Socket> watchdog)
      throws IOException {
    Socket plain = new Socket();
    watchdog.set(plain);
    try {
      plain.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
      if (!tls) {
        return plain;
      }
      plain.setSoTimeout((int) readTimeout.toMillis());
      SSLSocket ssl =
          (SSLSocket)
              ((SSLSocketFactory) SSLSocketFactory.getDefault())
                  .createSocket(plain, host, port, true);
      SSLParameters params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      if (TargetPolicy.literal(host).isEmpty()) {
        params.setServerNames(List.of(new SNIHostName(host)));
      }
      ssl.setSSLParameters(params);
      ssl.startHandshake();
      return ssl;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private static void write(
      OutputStream out,
      URI uri,
      String host,
      int port,
      boolean tls,
      byte[] body,
      Map<String, String> headers)
      throws IOException {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    boolean defaultPort = port == (tls ? 443 : 80);
    String hostHeader =
        (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
    StringBuilder head = new StringBuilder();
    head.append("POST ").append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(hostHeader).append("\r\n");
    head.append("Content-Type: application/json\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    head.append("Connection: close\r\n");
    for (var h : headers.entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** The status line, the headers (bounded) and at most {@link #MAX_RESPONSE} bytes of body. */
  private static Result read(InputStream in) throws IOException {
    String status = line(in);
    String[] parts = status == null ? new String[0] : status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[0-9]{3}")) {
      return new Result(null, null, "not an HTTP answer");
    }
    int code = Integer.parseInt(parts[1]);
    boolean chunked = false;
    long length = -1;
    int headerBytes = 0;
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      headerBytes += h.length();
      if (headerBytes > MAX_HEADER_BYTES) {
        return new Result(code, null, null);
      }
      String lower = h.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("content-length:")) {
        try {
          length = Long.parseLong(h.substring(15).strip());
        } catch (NumberFormatException e) {
          length = -1;
        }
      }
    }
    byte[] bodyBytes = chunked ? chunkedBody(in) : plainBody(in, length);
    return new Result(code, new String(bodyBytes, StandardCharsets.UTF_8), null);
  }

  private static byte[] plainBody(InputStream in, long length) throws IOException {
    int want = (int) (length < 0 ? MAX_RESPONSE : Math.min(length, MAX_RESPONSE));
    return in.readNBytes(want);
  }

  private static byte[] chunkedBody(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < MAX_RESPONSE) {
      String sizeLine = line(in);
      if (sizeLine == null) {
        break;
      }
      int semi = sizeLine.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
      } catch (NumberFormatException e) {
        break;
      }
      if (size <= 0) {
        break;
      }
      byte[] chunk = in.readNBytes(Math.min(size, MAX_RESPONSE - out.size()));
      out.write(chunk);
      if (chunk.length < size) {
        break;
      }
      line(in); // the CRLF after the chunk
    }
    return out.toByteArray();
  }

  /** One CRLF-terminated line of at most 8 KiB, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r' && b.size() < 8192) {
        b.write(c);
      }
    }
    if (c == -1 && b.size() == 0) {
      return null;
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
