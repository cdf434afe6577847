package dev.poststack.api.ratelimit;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A token bucket per API key (Bucket4j): {@code per-second} steady, {@code burst} at once. Kept in
 * this instance's memory: with N instances a key gets up to N times the rate; that bounds abuse
 * without a database round trip per request (see README). Runs after authentication, so the map
 * holds at most one bucket per real key.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {
  private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
  private final ApiProperties.RateLimit limit;

  public RateLimitFilter(ApiProperties properties) {
    this.limit = properties.rateLimit();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Caller caller = exchange.getAttribute(Caller.class.getName());
    if (caller == null) {
      return chain.filter(exchange); // public paths
    }
    ConsumptionProbe probe =
        buckets.computeIfAbsent(caller.keyId(), id -> newBucket()).tryConsumeAndReturnRemaining(1);
    exchange
        .getResponse()
        .getHeaders()
        .set("X-RateLimit-Limit", Long.toString(Math.max(limit.burst(), 1)));
    exchange
        .getResponse()
        .getHeaders()
        .set("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      return Mono.error(ApiException.rateLimited(seconds));
    }
    return chain.filter(exchange);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(Math.max(limit.burst(), 1))
                .refillGreedy(Math.max(limit.perSecond(), 1), Duration.ofSeconds(1))
                .build())
        .build();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 40;
  }
}
