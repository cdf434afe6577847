package dev.poststack.api.http;

import dev.poststack.schemas.RequestId;
import org.springframework.web.server.ServerWebExchange;

/**
 * The request's ids, set by {@link RequestIdFilter} before anything else runs: the server's own
 * (answered in {@value #HEADER}, stored as the audit's request id) and the one the client sent, if
 * valid (echoed in {@value #CLIENT_HEADER}, stored in the audit's field of its own).
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  public static final String CLIENT_HEADER = "X-Client-Request-Id";
  private static final String ATTRIBUTE = RequestIds.class.getName();
  private static final RequestId UNKNOWN = RequestId.server("unknown");

  private RequestIds() {}

  public static RequestId of(ServerWebExchange exchange) {
    RequestId ids = exchange.getAttribute(ATTRIBUTE);
    return ids != null ? ids : UNKNOWN;
  }

  static void attach(ServerWebExchange exchange, RequestId ids) {
    exchange.getAttributes().put(ATTRIBUTE, ids);
  }
}
