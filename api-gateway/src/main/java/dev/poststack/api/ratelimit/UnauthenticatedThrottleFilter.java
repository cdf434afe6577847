package dev.poststack.api.ratelimit;

import dev.poststack.api.auth.BearerToken;
import dev.poststack.api.auth.Caller;
import dev.poststack.api.auth.PublicPaths;
import dev.poststack.api.http.ForwardedFor;
import dev.poststack.api.http.TrustedProxies;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Throttles requests without a working key per client address, before authentication does any work
 * (no SHA-256, no query, for a refused request). Each request whose key is not known to work takes
 * a token from its address's budget ({@code poststack.rate-limit.unauthenticated.*}); the token is
 * given back when the key works, so only failures (no key, a malformed key, a key the database does
 * not know) spend the budget. When it is spent: 429 with Retry-After. A key that authenticated
 * lately ({@link KnownKeys}) passes regardless, so a flood of bad keys from an address does not
 * starve the good keys from it.
 */
@Component
class UnauthenticatedThrottleFilter implements WebFilter, Ordered {
  private final AddressBudgets budgets;
  private final KnownKeys knownKeys = new KnownKeys();
  private final TrustedProxies trusted;

  UnauthenticatedThrottleFilter(ApiProperties properties) {
    this.budgets = new AddressBudgets(properties.rateLimit().unauthenticated());
    this.trusted = TrustedProxies.of(properties.trustedProxies());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (PublicPaths.matches(exchange.getRequest().getPath().value())) {
      return chain.filter(exchange);
    }
    ClientAddress client =
        ClientAddress.resolve(
            exchange.getRequest().getRemoteAddress(),
            exchange.getRequest().getHeaders().get(ForwardedFor.HEADER),
            trusted);
    String token = BearerToken.of(exchange);
    KnownKeys.Fingerprint key = token == null || token.isEmpty() ? null : knownKeys.of(token);
    if (key != null && knownKeys.contains(key)) {
      return chain
          .filter(exchange)
          .doFinally(
              signal -> {
                if (!authenticated(exchange)) {
                  knownKeys.forget(key);
                  budgets.charge(client);
                }
              });
    }
    ConsumptionProbe probe = budgets.tryConsume(client);
    if (!probe.isConsumed()) {
      long seconds = Rates.retryAfterSeconds(probe);
      return Mono.error(
          ApiException.rateLimited("unauthenticated requests from this address", seconds));
    }
    return chain
        .filter(exchange)
        .doFinally(
            signal -> {
              if (authenticated(exchange)) {
                budgets.refund(client);
                if (key != null) {
                  knownKeys.remember(key);
                }
              }
            });
  }

  private static boolean authenticated(ServerWebExchange exchange) {
    return exchange.getAttribute(Caller.class.getName()) != null;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 25; // after the body limit, before ApiKeyAuthFilter
  }
}
