package dev.poststack.api.http;

import org.springframework.web.server.ServerWebExchange;

/**
 * The request's id ({@value #HEADER}), set by {@link RequestIdFilter} before anything else runs.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = RequestIds.class.getName();

  private RequestIds() {}

  public static String of(ServerWebExchange exchange) {
    String id = exchange.getAttribute(ATTRIBUTE);
    return id != null ? id : "unknown";
  }

  static void attach(ServerWebExchange exchange, String id) {
    exchange.getAttributes().put(ATTRIBUTE, id);
  }
}
