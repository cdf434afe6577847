package dev.poststack.api.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** One access-log line per request: method, path, status, time. Never a body or a query string. */
@Component
class RequestLogFilter implements WebFilter, Ordered {
  private static final Logger log = LoggerFactory.getLogger("dev.poststack.api.access");

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long start = System.nanoTime();
    return chain
        .filter(exchange)
        .doFinally(
            signal -> {
              if (log.isInfoEnabled()) {
                var status = exchange.getResponse().getStatusCode();
                log.info(
                    "{} {} {} {} ms [{}]",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    status == null ? "-" : status.value(),
                    (System.nanoTime() - start) / 1_000_000,
                    RequestIds.of(exchange).id());
              }
            });
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }
}
