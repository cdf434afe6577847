package dev.poststack.dashboard.link;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Runs before every other filter of the API: a request the dashboard made for a browser (its secret
 * in {@value DashboardLink#SECRET_HEADER}) is treated as if it came from the browser's own address,
 * so the API's address budgets, trusted proxies and audit see the browser. Both headers are removed
 * from every request, so a client can never name its own address this way.
 */
@Component
class DashboardOriginFilter implements WebFilter, Ordered {
  private final DashboardLink link;

  DashboardOriginFilter(DashboardLink link) {
    this.link = link;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var headers = exchange.getRequest().getHeaders();
    String secret = headers.getFirst(DashboardLink.SECRET_HEADER);
    String peer = headers.getFirst(DashboardLink.PEER_HEADER);
    if (secret == null && peer == null) {
      return chain.filter(exchange);
    }
    ServerHttpRequest.Builder request =
        exchange
            .getRequest()
            .mutate()
            .headers(
                h -> {
                  h.remove(DashboardLink.SECRET_HEADER);
                  h.remove(DashboardLink.PEER_HEADER);
                });
    InetAddress browser = link.isSecret(secret) ? literal(peer) : null;
    if (browser != null) {
      request.remoteAddress(new InetSocketAddress(browser, 0));
    }
    return chain.filter(exchange.mutate().request(request.build()).build());
  }

  /**
   * An IP literal only, never a name, which would cost a DNS lookup: four dotted decimals, or text
   * with a colon (which the JDK parses as an IPv6 literal without asking DNS).
   */
  static InetAddress literal(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return null;
    }
    boolean v6 = text.indexOf(':') >= 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          c >= '0' && c <= '9'
              || c == '.'
              || v6 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':');
      if (!ok) {
        return null;
      }
    }
    if (!v6 && !text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      return null;
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
