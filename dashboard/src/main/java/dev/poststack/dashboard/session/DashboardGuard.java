package dev.poststack.dashboard.session;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request under {@code /dashboard}: security headers on every answer; without a session, a
 * page sends the browser to sign in; a write must come from our own origin and carry the pages'
 * CSRF token, else 403. Whether the session is still live is the API's decision, made on each call
 * the page makes with it.
 */
@Component
class DashboardGuard implements WebFilter, Ordered {
  static final String ROOT = "/dashboard";
  static final String SIGN_IN = "/dashboard/sign-in";
  // an invited person sets a password here before having any session
  static final String INVITATION = "/dashboard/invitation";
  private static final String ASSETS = "/dashboard/assets/";
  // scripts and styles only from us: no inline script, no eval (htmx runs without either)
  private static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
          + " object-src 'none'";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().value();
    if (!path.equals(ROOT) && !path.startsWith(ROOT + "/")) {
      return chain.filter(exchange);
    }
    secure(exchange.getResponse(), path.startsWith(ASSETS));
    if (path.startsWith(ASSETS)) {
      return chain.filter(exchange);
    }
    boolean write = !isSafe(exchange.getRequest().getMethod());
    if (write && !sameOrigin(exchange)) {
      return refuse(exchange, "This form was sent from another site.");
    }
    if (path.equals(SIGN_IN) || path.equals(INVITATION)) {
      return chain.filter(exchange); // these forms check their own token
    }
    String session = SessionCookies.session(exchange);
    if (session == null) {
      return toSignIn(exchange);
    }
    SignedIn signedIn = new SignedIn(session, Csrf.forSession(session));
    if (!write) {
      signedIn.attachTo(exchange);
      return chain.filter(exchange);
    }
    String header = exchange.getRequest().getHeaders().getFirst(Csrf.HEADER);
    Mono<String> given =
        header != null
            ? Mono.just(header)
            : exchange
                .getFormData()
                .map(form -> form.getFirst(Csrf.FIELD) == null ? "" : form.getFirst(Csrf.FIELD));
    return given.flatMap(
        token -> {
          if (!Csrf.matches(signedIn.csrf(), token)) {
            return refuse(exchange, "This page has expired. Reload it and try again.");
          }
          signedIn.attachTo(exchange);
          return chain.filter(exchange);
        });
  }

  /** To the sign-in page: a redirect, or for htmx's requests the header it follows. */
  static Mono<Void> toSignIn(ServerWebExchange exchange) {
    ServerHttpResponse response = exchange.getResponse();
    if (exchange.getRequest().getHeaders().containsHeader("HX-Request")) {
      response.setStatusCode(HttpStatus.OK);
      response.getHeaders().set("HX-Redirect", SIGN_IN);
    } else {
      response.setStatusCode(HttpStatus.SEE_OTHER);
      response.getHeaders().setLocation(URI.create(SIGN_IN));
    }
    return response.setComplete();
  }

  private static void secure(ServerHttpResponse response, boolean asset) {
    HttpHeaders h = response.getHeaders();
    h.set("Content-Security-Policy", POLICY);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "same-origin");
    h.set("X-Frame-Options", "DENY");
    if (!asset) {
      h.setCacheControl("no-store");
    }
  }

  /**
   * Browsers name the origin of a write ({@code Origin}, and {@code Sec-Fetch-Site}): it must be
   * this host. A request naming neither (an old browser, curl) still needs the CSRF token.
   */
  private static boolean sameOrigin(ServerWebExchange exchange) {
    HttpHeaders h = exchange.getRequest().getHeaders();
    String site = h.getFirst("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return false;
    }
    String origin = h.getFirst(HttpHeaders.ORIGIN);
    if (origin == null || origin.equals("null")) {
      return origin == null;
    }
    // behind a proxy the public host is the one it forwards; directly, the Host header
    String forwarded = h.getFirst("X-Forwarded-Host");
    String host = h.getFirst(HttpHeaders.HOST);
    try {
      URI uri = URI.create(origin);
      String named = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
      return named.equalsIgnoreCase(host) || named.equalsIgnoreCase(forwarded);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isSafe(HttpMethod method) {
    return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
  }

  private static Mono<Void> refuse(ServerWebExchange exchange, String why) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.FORBIDDEN);
    response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "text/plain;charset=UTF-8");
    return response.writeWith(
        Mono.just(
            response
                .bufferFactory()
                .wrap((why + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 5;
  }
}
