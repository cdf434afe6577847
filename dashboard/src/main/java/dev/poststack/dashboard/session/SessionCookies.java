package dev.poststack.dashboard.session;

import dev.poststack.dashboard.DashboardProperties;
import java.time.Duration;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The dashboard's two cookies, both HttpOnly (no script reads them), SameSite=Lax (not sent with
 * another site's form posts) and scoped to {@code /dashboard}; Secure unless the setting says the
 * dashboard is served over plain HTTP ({@code bin/poststack dev}).
 */
@Component
public class SessionCookies {
  public static final String SESSION = "poststack_session";
  public static final String SIGN_IN = "poststack_sign_in";
  private static final String PATH = "/dashboard";

  private final boolean secure;

  SessionCookies(DashboardProperties properties) {
    this.secure = properties.secureCookies();
  }

  /** The session token the browser holds, if it looks like one. */
  public static String session(ServerWebExchange exchange) {
    HttpCookie cookie = exchange.getRequest().getCookies().getFirst(SESSION);
    if (cookie == null) {
      return null;
    }
    String value = cookie.getValue();
    return value.startsWith("ses_") && value.length() == 44 && value.matches("ses_[A-Za-z0-9]+")
        ? value
        : null;
  }

  public static String signIn(ServerWebExchange exchange) {
    HttpCookie cookie = exchange.getRequest().getCookies().getFirst(SIGN_IN);
    return cookie == null ? null : cookie.getValue();
  }

  public void setSession(ServerWebExchange exchange, String token, Duration maxAge) {
    exchange.getResponse().addCookie(cookie(SESSION, token, maxAge));
  }

  public void clearSession(ServerWebExchange exchange) {
    exchange.getResponse().addCookie(cookie(SESSION, "", Duration.ZERO));
  }

  public void setSignIn(ServerWebExchange exchange, String value) {
    exchange.getResponse().addCookie(cookie(SIGN_IN, value, Duration.ofHours(1)));
  }

  public void clearSignIn(ServerWebExchange exchange) {
    exchange.getResponse().addCookie(cookie(SIGN_IN, "", Duration.ZERO));
  }

  private ResponseCookie cookie(String name, String value, Duration maxAge) {
    return ResponseCookie.from(name, value)
        .httpOnly(true)
        .secure(secure)
        .sameSite("Lax")
        .path(PATH)
        .maxAge(maxAge)
        .build();
  }
}
