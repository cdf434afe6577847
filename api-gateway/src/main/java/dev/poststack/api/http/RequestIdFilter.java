package dev.poststack.api.http;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.schemas.RequestId;
import dev.poststack.schemas.RequestOrigin;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
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
 *
 * <p>The request's origin is captured here too, once: its client address ({@link ForwardedFor},
 * {@code poststack.trusted-proxies}) and its User-Agent, both held to {@link RequestOrigin}'s rule.
 * Every event a service builds from the request's {@link RequestId} carries them.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {
  private final TrustedProxies trusted;

  RequestIdFilter(ApiProperties properties) {
    this.trusted = TrustedProxies.of(properties.trustedProxies());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    String incoming = request.getHeaders().getFirst(RequestIds.HEADER);
    RequestId ids = RequestId.of(PublicIds.request(), incoming).from(origin(request));
    RequestIds.attach(exchange, ids);
    var headers = exchange.getResponse().getHeaders();
    headers.set(RequestIds.HEADER, ids.id());
    ids.client().ifPresent(client -> headers.set(RequestIds.CLIENT_HEADER, client));
    return chain.filter(exchange);
  }

  private RequestOrigin origin(ServerHttpRequest request) {
    return RequestOrigin.of(
        ForwardedFor.client(
                request.getRemoteAddress(), request.getHeaders().get(ForwardedFor.HEADER), trusted)
            .orElse(null),
        request.getHeaders().getFirst(HttpHeaders.USER_AGENT));
  }

  @Override
  public int getOrder() {
    // right after the dashboard's origin filter, which may set the browser's address as the peer
    return Ordered.HIGHEST_PRECEDENCE + 1;
  }
}
