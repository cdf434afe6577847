package dev.poststack.dashboard.session;

import dev.poststack.dashboard.api.ApiAnswer;
import dev.poststack.dashboard.api.Browser;
import dev.poststack.dashboard.api.PublicApi;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The signed-in member behind a page: asked of the API ({@code GET /members/me}) for every full
 * page, so a page never shows after the session ended. A session the API no longer takes clears the
 * cookie and sends the browser to sign in.
 */
@Component
public class Members {
  private final PublicApi api;
  private final SessionCookies cookies;

  /** Who is signed in, and what every page needs to act for them. */
  public record Member(long id, String email, long teamId, String teamName, String csrf) {}

  Members(PublicApi api, SessionCookies cookies) {
    this.api = api;
    this.cookies = cookies;
  }

  /** The browser of a request the guard let through, with its session. */
  public static Browser browser(ServerWebExchange exchange) {
    return Browser.of(exchange, SignedIn.of(exchange).sessionToken());
  }

  /** Renders a full page for the signed-in member, or ends the session the API refused. */
  public Mono<Rendering> page(
      ServerWebExchange exchange, Function<Member, Mono<Rendering>> render) {
    SignedIn signedIn = SignedIn.of(exchange);
    return api.get(browser(exchange), "/members/me", Map.of())
        .flatMap(
            answer -> {
              if (!answer.ok()) {
                return ended(exchange, answer);
              }
              var m = answer.body().path("member");
              return render.apply(
                  new Member(
                      m.path("id").asLong(),
                      m.path("email").asString(),
                      m.path("teamId").asLong(),
                      m.path("teamName").asString(),
                      signedIn.csrf()));
            });
  }

  /**
   * What a page answers when the API refused its session (401): the cookie goes and the browser is
   * sent to sign in. Any other failure is shown as an error page.
   */
  public Mono<Rendering> ended(ServerWebExchange exchange, ApiAnswer answer) {
    if (!answer.unauthorized()) {
      return Mono.just(
          Rendering.view("dashboard/error")
              .modelAttribute("message", answer.message())
              .status(HttpStatus.valueOf(answer.status() >= 400 ? answer.status() : 502))
              .build());
    }
    cookies.clearSession(exchange);
    if (exchange.getRequest().getHeaders().containsHeader("HX-Request")) {
      exchange.getResponse().getHeaders().set("HX-Redirect", DashboardGuard.SIGN_IN);
      return Mono.just(Rendering.view("dashboard/error").modelAttribute("message", "").build());
    }
    return Mono.just(
        Rendering.redirectTo(DashboardGuard.SIGN_IN).status(HttpStatus.SEE_OTHER).build());
  }
}
