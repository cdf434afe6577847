package dev.poststack.dashboard.session;

import org.springframework.web.server.ServerWebExchange;

/** A request the guard let through with a session: its token and the pages' CSRF token. */
public record SignedIn(String sessionToken, String csrf) {
  private static final String ATTRIBUTE = SignedIn.class.getName();

  void attachTo(ServerWebExchange exchange) {
    exchange.getAttributes().put(ATTRIBUTE, this);
  }

  public static SignedIn of(ServerWebExchange exchange) {
    SignedIn signedIn = exchange.getAttribute(ATTRIBUTE);
    if (signedIn == null) {
      throw new IllegalStateException("a dashboard page ran without the guard");
    }
    return signedIn;
  }

  @Override
  public String toString() {
    return "SignedIn[ses_…]";
  }
}
