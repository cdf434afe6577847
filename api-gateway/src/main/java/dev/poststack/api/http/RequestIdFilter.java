package dev.poststack.api.http;

import dev.poststack.controlplane.PublicIds;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every exchange an {@code X-Request-Id} (a sane incoming one, else a fresh one) and puts it
 * on the response first, so errors and unknown routes carry it too. It becomes the event's
 * requestId and the SDK error's requestId.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String incoming = exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER);
    String id =
        incoming != null && SANE.matcher(incoming).matches() ? incoming : PublicIds.request();
    RequestIds.attach(exchange, id);
    exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
    return chain.filter(exchange);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
