package dev.poststack.api.apikey;

import dev.poststack.api.auth.BearerToken;
import dev.poststack.api.auth.Caller;
import dev.poststack.api.auth.PublicPaths;
import dev.poststack.api.member.MemberSessions;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.RepeatedWarnings;
import dev.poststack.api.problem.ApiException;
import dev.poststack.controlplane.apikey.ApiKeySecret;
import dev.poststack.controlplane.member.SessionToken;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code Authorization: Bearer sk_live_…} on every API path: the key's SHA-256 is looked up, from
 * {@link ApiKeyCache} when this instance has seen the key (a revocation anywhere reaches every
 * instance's cache by NOTIFY within milliseconds). A dashboard member's session token ({@code
 * ses_…}, {@code POST /sessions}) is looked up the same way among live sessions ({@link
 * MemberSessions}); {@code POST /sessions} itself needs none. Missing or unknown: 401. A key that
 * failed is refused from {@link RejectedKeys} for a short time without a query. Requests reach this
 * filter only within their address's budget (ratelimit's UnauthenticatedThrottleFilter runs first).
 */
@Component
class ApiKeyAuthFilter implements WebFilter, Ordered {
  private final ApiKeyStore keys;
  private final MemberSessions sessions;
  private final RejectedKeys rejected;
  private final RepeatedWarnings warnings;

  ApiKeyAuthFilter(
      ApiKeyStore keys, MemberSessions sessions, RejectedKeys rejected, ApiProperties properties) {
    this.keys = keys;
    this.sessions = sessions;
    this.rejected = rejected;
    this.warnings =
        new RepeatedWarnings(
            LoggerFactory.getLogger(ApiKeyAuthFilter.class), properties.repeatedWarningWindow());
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().value();
    if (PublicPaths.matches(path)
        || PublicPaths.keyless(path)
        || PublicPaths.operator(path)
        || PublicPaths.signIn(exchange.getRequest().getMethod(), path)) {
      return chain.filter(exchange);
    }
    String token = BearerToken.of(exchange);
    if (token == null) {
      return Mono.error(
          ApiException.unauthorized("missing API key: send Authorization: Bearer sk_live_…"));
    }
    if (SessionToken.looksLikeToken(token)) {
      return session(new SessionToken(token).hash(), exchange, chain);
    }
    if (!ApiKeySecret.looksLikeKey(token)) {
      return Mono.error(ApiException.unauthorized("invalid API key"));
    }
    String hash = new ApiKeySecret(token).hash();
    if (rejected.contains(hash)) {
      return Mono.error(ApiException.unauthorized("invalid API key"));
    }
    // Runs to its end even when the client hangs up: a query cancelled while it waits for or holds
    // a pooled connection is a known way to lose that connection (r2dbc-pool), and a flood of
    // impatient clients would lose them all. The lookup is short; finishing it costs nothing.
    return Mono.fromFuture(keys.findActive(hash).toFuture(), true)
        .switchIfEmpty(
            Mono.defer(
                () -> {
                  rejected.add(hash);
                  return Mono.error(ApiException.unauthorized("invalid API key"));
                }))
        .flatMap(
            caller -> {
              caller.attachTo(exchange);
              keys.touch(caller.keyId())
                  .subscribe(
                      null,
                      e ->
                          warnings.warn(
                              "touch failed", "could not record key use: {}", e.toString()));
              return chain.filter(exchange);
            });
  }

  private Mono<Void> session(String hash, ServerWebExchange exchange, WebFilterChain chain) {
    if (rejected.contains(hash)) {
      return Mono.error(ApiException.unauthorized("session ended: sign in again"));
    }
    // finished even when the client hangs up, for the reason the key lookup is
    return Mono.fromFuture(sessions.findActive(hash).toFuture(), true)
        .switchIfEmpty(
            Mono.defer(
                () -> {
                  rejected.add(hash);
                  return Mono.<Caller>error(
                      ApiException.unauthorized("session ended: sign in again"));
                }))
        .flatMap(
            caller -> {
              caller.attachTo(exchange);
              return chain.filter(exchange);
            });
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 30;
  }
}
