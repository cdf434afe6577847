package dev.poststack.api.http;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
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
  /** The one bulk endpoint, with its own bound ({@code poststack.imports.max-body-bytes}). */
  static final String IMPORT_PATH = "/mailboxes/import";

  private final int maxBytes;
  private final int maxImportBytes;

  public BodyLimitFilter(ApiProperties properties) {
    this.maxBytes = properties.maxBodyBytes();
    this.maxImportBytes = properties.imports().maxBodyBytes();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long length = exchange.getRequest().getHeaders().getContentLength();
    int limit =
        exchange.getRequest().getMethod() == HttpMethod.POST
                && IMPORT_PATH.equals(exchange.getRequest().getPath().value())
            ? maxImportBytes
            : maxBytes;
    if (length > limit) {
      return Mono.error(ApiException.payloadTooLarge(limit));
    }
    return chain.filter(exchange);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 20;
  }
}
