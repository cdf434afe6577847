package dev.poststack.api.support;

import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Requests sent the way the official SDK sends them: its headers and a fresh Idempotency-Key on
 * POST.
 */
public final class Api {
  public static final String USER_AGENT = "PostStack-TypeScript-SDK/0.14.0";
  private final WebTestClient http;
  private final String key;
  private final String clientRequestId;
  private final java.util.Map<String, String> headers;

  public Api(WebTestClient http, String key) {
    this(http, key, null, java.util.Map.of());
  }

  private Api(
      WebTestClient http,
      String key,
      String clientRequestId,
      java.util.Map<String, String> headers) {
    this.http = http;
    this.key = key;
    this.clientRequestId = clientRequestId;
    this.headers = headers;
  }

  /**
   * The same caller, sending its own {@code X-Request-Id} on every request (the SDK sends none).
   */
  public Api withClientRequestId(String id) {
    return new Api(http, key, id, headers);
  }

  /** The same caller, sending {@code name: value} on every request (replacing the SDK's own). */
  public Api withHeader(String name, String value) {
    var more = new java.util.LinkedHashMap<>(headers);
    more.put(name, value);
    return new Api(http, key, clientRequestId, java.util.Map.copyOf(more));
  }

  /** The plaintext key this caller sends. */
  public String key() {
    return key;
  }

  /**
   * A caller with a new full_access key scoped to one domain, minted through {@code POST /api-keys}
   * by this (team-wide) caller.
   */
  public Api scopedTo(long domainId) {
    byte[] created =
        post(
                "/api-keys",
                java.util.Map.of(
                    "name",
                    "scoped",
                    "permission",
                    "full_access",
                    "allow_full_access",
                    true,
                    "domain_id",
                    String.valueOf(domainId)))
            .expectStatus()
            .isCreated()
            .expectBody()
            .returnResult()
            .getResponseBody();
    var m =
        java.util.regex.Pattern.compile("\"key\":\"(sk_live_[A-Za-z0-9]+)\"")
            .matcher(new String(created, java.nio.charset.StandardCharsets.UTF_8));
    if (!m.find()) {
      throw new AssertionError("no plaintext key in " + new String(created));
    }
    return new Api(http, m.group(1), clientRequestId, headers);
  }

  public WebTestClient.ResponseSpec get(String path) {
    return request(HttpMethod.GET, path, null, null);
  }

  public WebTestClient.ResponseSpec post(String path, Object body) {
    return request(HttpMethod.POST, path, body, UUID.randomUUID().toString());
  }

  public WebTestClient.ResponseSpec post(String path, Object body, String idempotencyKey) {
    return request(HttpMethod.POST, path, body, idempotencyKey);
  }

  public WebTestClient.ResponseSpec patch(String path, Object body) {
    return request(HttpMethod.PATCH, path, body, null);
  }

  public WebTestClient.ResponseSpec delete(String path) {
    return request(HttpMethod.DELETE, path, null, null);
  }

  public WebTestClient.ResponseSpec request(
      HttpMethod method, String path, Object body, String idempotencyKey) {
    var spec =
        http.method(method)
            .uri(path)
            .header("Authorization", "Bearer " + key)
            .header("User-Agent", USER_AGENT)
            .contentType(MediaType.APPLICATION_JSON);
    if (idempotencyKey != null) {
      spec = spec.header("Idempotency-Key", idempotencyKey);
    }
    if (clientRequestId != null) {
      spec = spec.header("X-Request-Id", clientRequestId);
    }
    for (var header : headers.entrySet()) {
      spec = spec.headers(h -> h.set(header.getKey(), header.getValue()));
    }
    return body == null ? spec.exchange() : spec.bodyValue(body).exchange();
  }
}
