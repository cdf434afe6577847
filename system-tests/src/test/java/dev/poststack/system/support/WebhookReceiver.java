package dev.poststack.system.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A team's webhook endpoint: a real HTTP server on loopback that answers 200 and keeps every
 * request, checking each signature as the official SDK's {@code Webhooks.verify(rawBody, header,
 * secret)} does: any one {@code sha256=<hex>} of the comma-separated header that equals the
 * HMAC-SHA256 of the raw body, compared in constant time.
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request as it arrived. */
  public record Request(String signature, String eventHeader, byte[] rawBody) {
    public JsonNode json() {
      return JSON.readTree(rawBody);
    }

    public String event() {
      return json().get("event").asString();
    }

    public JsonNode data() {
      return json().get("data");
    }

    public boolean signedWith(String secret) {
      if (signature == null) {
        return false;
      }
      byte[] expected = hmac(secret, rawBody);
      for (String part : signature.split(",")) {
        String p = part.trim();
        if (p.startsWith("sha256=")) {
          try {
            byte[] given = HexFormat.of().parseHex(p.substring("sha256=".length()));
            if (MessageDigest.isEqual(expected, given)) {
              return true;
            }
          } catch (IllegalArgumentException notHex) {
            // not a signature of ours: try the next one
          }
        }
      }
      return false;
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(
                new Request(
                    exchange.getRequestHeaders().getFirst("X-PostStack-Signature"),
                    exchange.getRequestHeaders().getFirst("X-PostStack-Event"),
                    body));
            byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
          }
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests of {@code event} whose {@code data.subject} is {@code subject}. */
  public List<Request> withSubject(String event, String subject) {
    return requests.stream()
        .filter(r -> r.event().equals(event))
        .filter(r -> r.data().path("subject").asString("").equals(subject))
        .toList();
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
