package dev.poststack.dashboard.api;

import dev.poststack.dashboard.DashboardProperties;
import dev.poststack.dashboard.link.DashboardLink;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public REST API as the pages use it, over HTTP like the SDK: the session token as the bearer
 * credential, the browser's address and User-Agent passed on with this process's secret. Every
 * answer comes back as an {@link ApiAnswer}, problems included; only a broken connection or a
 * timeout is an error.
 */
@Component
public class PublicApi {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WebClient http;
  private final DashboardLink link;
  private final Duration timeout;

  PublicApi(DashboardLink link, DashboardProperties properties) {
    // bodies are small JSON documents; the API's own limit bounds them
    this.http =
        WebClient.builder().codecs(c -> c.defaultCodecs().maxInMemorySize(1024 * 1024)).build();
    this.link = link;
    this.timeout = properties.apiTimeout();
  }

  public Mono<ApiAnswer> get(Browser browser, String path, Map<String, ?> query) {
    return call(browser, HttpMethod.GET, path, query, null);
  }

  public Mono<ApiAnswer> send(Browser browser, HttpMethod method, String path, Object body) {
    return call(browser, method, path, Map.of(), body);
  }

  private Mono<ApiAnswer> call(
      Browser browser, HttpMethod method, String path, Map<String, ?> query, Object body) {
    WebClient.RequestBodySpec request =
        http.method(method)
            .uri(
                link.baseUrl(),
                b -> {
                  UriBuilder u = b.path(path);
                  query.forEach(
                      (k, v) -> {
                        if (v != null && !v.toString().isEmpty()) {
                          u.queryParam(k, "{" + k + "}");
                        }
                      });
                  return u.build(query);
                })
            .headers(h -> headers(h, browser));
    WebClient.RequestHeadersSpec<?> ready =
        body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    return ready
        .exchangeToMono(
            response ->
                response
                    .bodyToMono(byte[].class)
                    .defaultIfEmpty(new byte[0])
                    .map(bytes -> new ApiAnswer(response.statusCode().value(), parse(bytes))))
        .timeout(timeout)
        .onErrorMap(TimeoutException.class, e -> new ApiUnavailable("the API did not answer", e));
  }

  private void headers(HttpHeaders h, Browser browser) {
    h.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
    if (browser.sessionToken() != null) {
      h.setBearerAuth(browser.sessionToken());
    }
    h.set(DashboardLink.SECRET_HEADER, link.secret());
    if (browser.peer() != null) {
      h.set(DashboardLink.PEER_HEADER, browser.peer());
    }
    if (browser.forwardedFor() != null) {
      h.set("X-Forwarded-For", browser.forwardedFor());
    }
    if (browser.userAgent() != null) {
      h.set(HttpHeaders.USER_AGENT, browser.userAgent());
    }
  }

  private static JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(bytes);
    } catch (RuntimeException e) {
      return null; // not JSON: the status alone tells the page what happened
    }
  }

  /** The API could not be reached or did not answer in time. */
  public static final class ApiUnavailable extends RuntimeException {
    ApiUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
