package dev.poststack.api.apikey;

import dev.poststack.api.problem.ApiException;
import dev.poststack.controlplane.apikey.ApiKeySecret;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code Authorization: Bearer sk_live_…} on every API path: the key's SHA-256 is looked up (no
 * cache, so a revoked or rotated key stops at once on every instance). Missing or unknown: 401.
 */
@Component
class ApiKeyAuthFilter implements WebFilter, Ordered {
  private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthFilter.class);
  private static final List<String> PUBLIC = List.of("/actuator", "/v3/api-docs");
  private final ApiKeyStore keys;

  ApiKeyAuthFilter(ApiKeyStore keys) {
    this.keys = keys;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().value();
    if (PUBLIC.stream()
        .anyMatch(p -> path.equals(p) || path.startsWith(p + "/") || path.startsWith(p + "."))) {
      return chain.filter(exchange);
    }
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Mono.error(
          ApiException.unauthorized("missing API key: send Authorization: Bearer sk_live_…"));
    }
    String token = header.substring(7).trim();
    if (!ApiKeySecret.looksLikeKey(token)) {
      return Mono.error(ApiException.unauthorized("invalid API key"));
    }
    return keys.findActive(new ApiKeySecret(token).hash())
        .switchIfEmpty(Mono.error(ApiException.unauthorized("invalid API key")))
        .flatMap(
            caller -> {
              caller.attachTo(exchange);
              keys.touch(caller.keyId())
                  .subscribe(null, e -> log.warn("could not record key use: {}", e.toString()));
              return chain.filter(exchange);
            });
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 30;
  }
}
