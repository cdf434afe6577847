package dev.poststack.dashboard.api;

import java.net.InetSocketAddress;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The browser a page acts for: its session token (null before sign-in) and what the API should see
 * of it: the connection's address, the X-Forwarded-For it came with (the API decides whether to
 * believe it, as for a direct call) and its User-Agent.
 */
public record Browser(String sessionToken, String peer, String forwardedFor, String userAgent) {

  public static Browser of(ServerWebExchange exchange, String sessionToken) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    String peer =
        remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    HttpHeaders headers = exchange.getRequest().getHeaders();
    return new Browser(
        sessionToken,
        peer,
        headers.getFirst("X-Forwarded-For"),
        headers.getFirst(HttpHeaders.USER_AGENT));
  }

  public Browser withSession(String token) {
    return new Browser(token, peer, forwardedFor, userAgent);
  }

  @Override
  public String toString() {
    return "Browser[" + peer + "]";
  }
}
