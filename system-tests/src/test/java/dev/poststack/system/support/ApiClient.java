package dev.poststack.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API as the official SDK calls it (java.net.http): bearer key, the SDK's User-Agent, JSON
 * bodies and an {@code Idempotency-Key} on every write, so a retry can reuse it.
 */
public final class ApiClient {
  public static final String USER_AGENT = "PostStack-TypeScript-SDK/0.14.0";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String key;

  public ApiClient(String baseUrl, String key) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  /** One answer: status, parsed body (a missing node when empty) and the request id header. */
  public record Answer(int status, JsonNode body, String requestId) {
    public JsonNode at(String pointer) {
      return body.at(pointer);
    }

    public Answer expect(int wanted) {
      if (status != wanted) {
        throw new AssertionError("expected HTTP " + wanted + ", got " + status + ": " + body);
      }
      return this;
    }
  }

  public Answer get(String path) {
    return send("GET", path, null, null);
  }

  public Answer post(String path, Map<String, ?> body) {
    return send("POST", path, body, UUID.randomUUID().toString());
  }

  public Answer patch(String path, Map<String, ?> body) {
    return send("PATCH", path, body, UUID.randomUUID().toString());
  }

  public Answer delete(String path) {
    return send("DELETE", path, null, UUID.randomUUID().toString());
  }

  public Answer send(String method, String path, Map<String, ?> body, String idempotencyKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key)
            .header("User-Agent", USER_AGENT)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    try {
      HttpResponse<byte[]> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode parsed =
          response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
      return new Answer(
          response.statusCode(),
          parsed,
          response.headers().firstValue("X-Request-Id").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
