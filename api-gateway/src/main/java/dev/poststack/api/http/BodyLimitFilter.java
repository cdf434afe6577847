package dev.poststack.api.http;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared oversize body before anything reads it (or authenticates it); bodies without a
 * Content-Length are cut at the same limit by {@link RequestBodies}.
 */
@Component
class BodyLimitFilter implements WebFilter, Ordered {
  private final int maxBytes;

  public BodyLimitFilter(ApiProperties properties) {
    this.maxBytes = properties.maxBodyBytes();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long length = exchange.getRequest().getHeaders().getContentLength();
    if (length > maxBytes) {
      return Mono.error(ApiException.payloadTooLarge(maxBytes));
    }
    return chain.filter(exchange);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 20;
  }
}
