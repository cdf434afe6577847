package dev.poststack.api.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/** The token of an {@code Authorization: Bearer …} header, as sent; null without one. */
public final class BearerToken {
  private BearerToken() {}

  public static String of(ServerWebExchange exchange) {
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }
}
