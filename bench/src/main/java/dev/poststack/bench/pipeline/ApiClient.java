package dev.poststack.bench.pipeline;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The calls the benchmark makes, sent as the official SDK sends them. */
public final class ApiClient {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String apiKey;

  public ApiClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /**
   * Creates a mailbox and fails unless the API answers 201 (a 202 means the pipeline fell behind).
   */
  public void createMailbox(long domainId, String localPart) throws Exception {
    String body =
        "{\"domainId\":"
            + domainId
            + ",\"localPart\":\""
            + localPart
            + "\",\"password\":\"bench-password-"
            + localPart
            + "\",\"displayName\":\"Bench "
            + localPart
            + "\"}";
    HttpResponse<String> r = send(post("/mailboxes", body));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("create answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** Creates a mailbox with {@code password}; returns its numeric id once the API answered 201. */
  public long createMailbox(long domainId, String localPart, String password) throws Exception {
    String body =
        "{\"domainId\":"
            + domainId
            + ",\"localPart\":\""
            + localPart
            + "\",\"password\":\""
            + password
            + "\",\"displayName\":\"Bench "
            + localPart
            + "\"}";
    HttpResponse<String> r = send(post("/mailboxes", body));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("create answered " + r.statusCode() + ": " + r.body());
    }
    Matcher m = ID.matcher(r.body());
    if (!m.find()) {
      throw new IllegalStateException("no id in the create answer");
    }
    return Long.parseLong(m.group(1));
  }

  /**
   * Changes a mailbox's password and fails unless the API answers 200 (the provisioner applied it).
   */
  public void changePassword(long mailboxId, String password) throws Exception {
    HttpResponse<String> r =
        send(post("/mailboxes/" + mailboxId + "/password", "{\"password\":\"" + password + "\"}"));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "password change answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** A status, the Retry-After of a 503 (0 when absent) and the body. */
  public record Answer(int status, long retryAfterSeconds, String body) {}

  /** Creates a mailbox and returns whatever the API answered. */
  public Answer tryCreateMailbox(long domainId, String localPart, String password)
      throws Exception {
    String body =
        "{\"domainId\":"
            + domainId
            + ",\"localPart\":\""
            + localPart
            + "\",\"password\":\""
            + password
            + "\"}";
    return answer(send(post("/mailboxes", body)));
  }

  /** Asks the API to look up a domain's MX and returns whatever it answered. */
  public Answer tryVerifyDomain(long domainId) throws Exception {
    return answer(send(post("/domains/" + domainId + "/verify", "{}")));
  }

  /** Registers a domain (pending until verified); returns its numeric id. */
  public long createDomain(String name) throws Exception {
    HttpResponse<String> r = send(post("/domains", "{\"name\":\"" + name + "\"}"));
    Matcher m = ID.matcher(r.body());
    if (r.statusCode() != 201 || !m.find()) {
      throw new IllegalStateException("domain create answered " + r.statusCode() + ": " + r.body());
    }
    return Long.parseLong(m.group(1));
  }

  private static Answer answer(HttpResponse<String> r) {
    long retryAfter = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
    return new Answer(r.statusCode(), retryAfter, r.body());
  }

  public long domainId(String name) throws Exception {
    HttpResponse<String> r = send(request("/domains").GET().build());
    int at = r.body().indexOf("\"name\":\"" + name + "\"");
    if (r.statusCode() != 200 || at < 0) {
      throw new IllegalStateException("domain " + name + " not found: " + r.statusCode());
    }
    String before = r.body().substring(0, at);
    Matcher m = ID.matcher(before.substring(before.lastIndexOf('{')));
    if (!m.find()) {
      throw new IllegalStateException("no id for domain " + name);
    }
    return Long.parseLong(m.group(1));
  }

  /** Any JSON POST as the SDK sends it; the answer whatever its status. */
  public Answer postJson(String path, String json) throws Exception {
    HttpResponse<String> r = send(post(path, json));
    return new Answer(r.statusCode(), 0, r.body());
  }

  /** {@code POST /mailboxes/import} with NDJSON rows, as {@code admin import} sends them. */
  public Answer importRows(String ndjson) throws Exception {
    HttpResponse<String> r =
        send(
            request("/mailboxes/import")
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/x-ndjson")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                .build());
    return new Answer(r.statusCode(), 0, r.body());
  }

  /** A DELETE; its status. */
  public int delete(String path) throws Exception {
    return send(request(path).DELETE().build()).statusCode();
  }

  private HttpRequest post(String path, String json) {
    return request(path)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + apiKey)
        .header("User-Agent", "PostStack-TypeScript-SDK/0.14.0");
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
