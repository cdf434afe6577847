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
public class RequestIdFilter implements WebFilter, Ordered {
  public static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = RequestIdFilter.class.getName();
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
    String id =
        incoming != null && SANE.matcher(incoming).matches() ? incoming : PublicIds.request();
    exchange.getAttributes().put(ATTRIBUTE, id);
    exchange.getResponse().getHeaders().set(HEADER, id);
    return chain.filter(exchange);
  }

  public static String of(ServerWebExchange exchange) {
    String id = exchange.getAttribute(ATTRIBUTE);
    return id != null ? id : "unknown";
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
