package dev.poststack.api.http;

import dev.poststack.controlplane.PublicIds;
import dev.poststack.schemas.RequestId;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every exchange a fresh {@code X-Request-Id} of the server's own and puts it on the response
 * first, so errors and unknown routes carry it too; it becomes the event's requestId and the SDK
 * error's requestId. A client-sent {@code X-Request-Id} never replaces it (an audit row must be
 * found by an id no client chose): if it is valid ({@link RequestId#isClientId}) it travels beside
 * it, into the event's clientRequestId and back in {@code X-Client-Request-Id}; else it is dropped.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String incoming = exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER);
    RequestId ids = RequestId.of(PublicIds.request(), incoming);
    RequestIds.attach(exchange, ids);
    var headers = exchange.getResponse().getHeaders();
    headers.set(RequestIds.HEADER, ids.id());
    ids.client().ifPresent(client -> headers.set(RequestIds.CLIENT_HEADER, client));
    return chain.filter(exchange);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
