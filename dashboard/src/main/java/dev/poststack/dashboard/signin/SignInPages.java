package dev.poststack.dashboard.signin;

import dev.poststack.dashboard.api.ApiAnswer;
import dev.poststack.dashboard.api.Browser;
import dev.poststack.dashboard.api.PublicApi;
import dev.poststack.dashboard.session.Csrf;
import dev.poststack.dashboard.session.Members;
import dev.poststack.dashboard.session.SessionCookies;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Signing in and out. Sign-in asks the API for a session ({@code POST /sessions}) and keeps its
 * token in an HttpOnly cookie; a wrong address or password gets one generic message. Signing out
 * ends the session at the API (here, or on every browser) and drops the cookie.
 */
@Controller
class SignInPages {
  private static final String MAILBOXES = "/dashboard/mailboxes";
  private static final String SIGN_IN = "/dashboard/sign-in";

  private final PublicApi api;
  private final SessionCookies cookies;

  SignInPages(PublicApi api, SessionCookies cookies) {
    this.api = api;
    this.cookies = cookies;
  }

  @GetMapping("/dashboard")
  Rendering root() {
    return Rendering.redirectTo(MAILBOXES).status(HttpStatus.SEE_OTHER).build();
  }

  @GetMapping(SIGN_IN)
  Rendering form(ServerWebExchange exchange) {
    boolean signedOut = exchange.getRequest().getQueryParams().containsKey("signed-out");
    return form(exchange, "", signedOut ? "You are signed out." : null, null, HttpStatus.OK);
  }

  @PostMapping(SIGN_IN)
  Mono<Rendering> signIn(ServerWebExchange exchange) {
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              String email = value(form, "email").strip();
              if (!Csrf.matches(SessionCookies.signIn(exchange), value(form, Csrf.FIELD))) {
                return Mono.just(
                    form(
                        exchange,
                        email,
                        null,
                        "This sign-in form has expired. Please try again.",
                        HttpStatus.FORBIDDEN));
              }
              return api.send(
                      Browser.of(exchange, null),
                      HttpMethod.POST,
                      "/sessions",
                      Map.of("email", email, "password", value(form, "password")))
                  .map(answer -> signedIn(exchange, email, answer));
            });
  }

  private Rendering signedIn(ServerWebExchange exchange, String email, ApiAnswer answer) {
    if (answer.status() == 201) {
      var session = answer.body().path("session");
      Duration left =
          Duration.between(Instant.now(), Instant.parse(session.path("expiresAt").asString()));
      cookies.setSession(exchange, session.path("token").asString(), left);
      cookies.clearSignIn(exchange);
      return Rendering.redirectTo(MAILBOXES).status(HttpStatus.SEE_OTHER).build();
    }
    String error =
        switch (answer.status()) {
          case 401, 422 -> "Wrong email or password.";
          case 429 -> "Too many attempts. " + answer.message();
          default -> "Signing in is not possible right now. Please try again in a moment.";
        };
    HttpStatus status =
        answer.status() == 422
            ? HttpStatus.UNAUTHORIZED
            : HttpStatus.valueOf(
                answer.status() >= 400 && answer.status() < 600 ? answer.status() : 502);
    return form(exchange, email, null, error, status);
  }

  @PostMapping("/dashboard/sign-out")
  Mono<Rendering> signOut(ServerWebExchange exchange) {
    return end(exchange, "/sessions/current");
  }

  @PostMapping("/dashboard/sign-out-everywhere")
  Mono<Rendering> signOutEverywhere(ServerWebExchange exchange) {
    return end(exchange, "/sessions");
  }

  private Mono<Rendering> end(ServerWebExchange exchange, String path) {
    return api.send(Members.browser(exchange), HttpMethod.DELETE, path, null)
        .map(
            answer -> {
              // the cookie goes whatever the API said: a session it no longer knows is ended too
              cookies.clearSession(exchange);
              return Rendering.redirectTo(SIGN_IN + "?signed-out")
                  .status(HttpStatus.SEE_OTHER)
                  .build();
            });
  }

  private Rendering form(
      ServerWebExchange exchange, String email, String notice, String error, HttpStatus status) {
    String token = Csrf.random();
    cookies.setSignIn(exchange, token);
    return Rendering.view("dashboard/sign-in")
        .modelAttribute("csrf", token)
        .modelAttribute("email", email)
        .modelAttribute("notice", notice)
        .modelAttribute("error", error)
        .status(status)
        .build();
  }

  private static String value(MultiValueMap<String, String> form, String name) {
    String v = form.getFirst(name);
    return v == null ? "" : v;
  }
}
