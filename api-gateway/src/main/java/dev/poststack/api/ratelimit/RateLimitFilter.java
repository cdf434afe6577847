package dev.poststack.api.ratelimit;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Two token buckets per authenticated request (Bucket4j). First the key's, in this instance's
 * memory ({@code per-second} steady, {@code burst} at once): no round trip, so a key over its limit
 * costs nothing more; with N instances a key gets up to N times the rate. Then the team's, all its
 * keys together and shared by every instance ({@link TeamBuckets}), so minting more keys or
 * spreading requests over instances does not multiply a team's rate. A write takes {@code
 * write-cost} of the team's tokens: a create costs the whole pipeline far more than a read, and a
 * team creating flat out must leave the others their latency. Runs after authentication, so the key
 * map holds at most one bucket per real key.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {
  private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
  private final ApiProperties.RateLimit limit;
  private final TeamBuckets teams;

  RateLimitFilter(ApiProperties properties, TeamBuckets teams) {
    this.limit = properties.rateLimit();
    this.teams = teams;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Caller caller = exchange.getAttribute(Caller.class.getName());
    if (caller == null) {
      return chain.filter(exchange); // public paths
    }
    ConsumptionProbe key =
        buckets
            .computeIfAbsent(caller.credentialId(), id -> newBucket())
            .tryConsumeAndReturnRemaining(1);
    var headers = exchange.getResponse().getHeaders();
    headers.set("X-RateLimit-Limit", Long.toString(Math.max(limit.burst(), 1)));
    headers.set("X-RateLimit-Remaining", Long.toString(key.getRemainingTokens()));
    if (!key.isConsumed()) {
      return Mono.error(ApiException.rateLimited(Rates.retryAfterSeconds(key)));
    }
    return teams
        .tryConsume(caller.teamId(), isWrite(exchange) ? Math.max(1, limit.team().writeCost()) : 1)
        .flatMap(
            team -> {
              if (!team.isConsumed()) {
                headers.set("X-RateLimit-Remaining", "0");
                return Mono.error(
                    ApiException.rateLimited(
                        "requests for this team", Rates.retryAfterSeconds(team)));
              }
              return chain.filter(exchange);
            });
  }

  private static boolean isWrite(ServerWebExchange exchange) {
    HttpMethod method = exchange.getRequest().getMethod();
    return !(HttpMethod.GET.equals(method)
        || HttpMethod.HEAD.equals(method)
        || HttpMethod.OPTIONS.equals(method));
  }

  private Bucket newBucket() {
    return Bucket.builder().addLimit(Rates.perSecond(limit.perSecond(), limit.burst())).build();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 40;
  }
}
