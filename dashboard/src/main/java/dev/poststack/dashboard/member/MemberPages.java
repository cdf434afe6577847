package dev.poststack.dashboard.member;

import dev.poststack.dashboard.api.ApiAnswer;
import dev.poststack.dashboard.api.Browser;
import dev.poststack.dashboard.api.PublicApi;
import dev.poststack.dashboard.session.Csrf;
import dev.poststack.dashboard.session.Members;
import dev.poststack.dashboard.session.SessionCookies;
import dev.poststack.dashboard.session.SignedIn;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The team's members: who can sign in, who was invited by whom, inviting (the link is shown once;
 * its secret sits after {@code #}, so it never reaches a server log or a Referer), removing; and
 * the page where an invited person sets a password.
 */
@Controller
class MemberPages {
  static final String INVITATION = "/dashboard/invitation";

  private final PublicApi api;
  private final Members members;
  private final SessionCookies cookies;

  MemberPages(PublicApi api, Members members, SessionCookies cookies) {
    this.api = api;
    this.members = members;
    this.cookies = cookies;
  }

  /** A member as the list shows them. */
  record MemberRow(long id, String email, String state, String invitedBy) {
    static MemberRow of(JsonNode m) {
      String state =
          m.path("disabled").asBoolean(false)
              ? "removed"
              : m.path("invited").asBoolean(false) ? "invited" : "active";
      return new MemberRow(
          m.path("id").asLong(),
          m.path("email").asString(""),
          state,
          m.path("invitedBy").isString() ? m.path("invitedBy").asString() : "");
    }
  }

  @GetMapping("/dashboard/members")
  Mono<Rendering> list(ServerWebExchange exchange) {
    return members.page(
        exchange,
        member ->
            rows(Members.browser(exchange))
                .map(
                    rows ->
                        Rendering.view("dashboard/members")
                            .modelAttribute("member", member)
                            .modelAttribute("rows", rows)
                            .modelAttribute("link", null)
                            .modelAttribute("error", null)
                            .build()));
  }

  @PostMapping("/dashboard/members")
  Mono<Rendering> invite(ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              String email = form.getFirst("email") == null ? "" : form.getFirst("email").strip();
              return api.send(browser, HttpMethod.POST, "/members", Map.of("email", email))
                  .flatMap(answer -> part(exchange, browser, answer, link(exchange, answer)));
            });
  }

  @PostMapping("/dashboard/members/{id}/remove")
  Mono<Rendering> remove(@PathVariable String id, ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    String safe = id.matches("[1-9][0-9]{0,17}") ? id : "0";
    return api.send(browser, HttpMethod.DELETE, "/members/" + safe, null)
        .flatMap(answer -> part(exchange, browser, answer, null));
  }

  private Mono<Rendering> part(
      ServerWebExchange exchange, Browser browser, ApiAnswer answer, String link) {
    if (answer.unauthorized()) {
      return members.ended(exchange, answer);
    }
    String error =
        answer.ok() ? null : answer.fieldErrors().getOrDefault("email", answer.message());
    return rows(browser)
        .map(
            rows ->
                Rendering.view("dashboard/members :: members")
                    .modelAttribute("rows", rows)
                    .modelAttribute("link", link)
                    .modelAttribute("error", error)
                    .modelAttribute("csrf", SignedIn.of(exchange).csrf())
                    .build());
  }

  /** The link to send the invited person: this dashboard's own address, the secret after #. */
  private static String link(ServerWebExchange exchange, ApiAnswer answer) {
    if (!answer.ok()) {
      return null;
    }
    URI uri = exchange.getRequest().getURI();
    var h = exchange.getRequest().getHeaders();
    String host =
        h.getFirst("X-Forwarded-Host") != null
            ? h.getFirst("X-Forwarded-Host")
            : h.getFirst("Host");
    String scheme =
        h.getFirst("X-Forwarded-Proto") != null ? h.getFirst("X-Forwarded-Proto") : uri.getScheme();
    if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,260}")) {
      host = uri.getAuthority();
    }
    if (!"https".equals(scheme)) {
      scheme = "http";
    }
    return scheme
        + "://"
        + host
        + INVITATION
        + "#"
        + answer.body().path("invitation").path("token").asString();
  }

  private Mono<List<MemberRow>> rows(Browser browser) {
    return api.get(browser, "/members", Map.of())
        .map(
            answer -> {
              List<MemberRow> rows = new ArrayList<>();
              answer.body().path("members").forEach(m -> rows.add(MemberRow.of(m)));
              return rows;
            });
  }

  /**
   * The invited person's page: the token comes from the link's #, put in the form by our script.
   */
  @GetMapping(INVITATION)
  Rendering invitation(ServerWebExchange exchange) {
    return invitationForm(exchange, null, HttpStatus.OK);
  }

  @PostMapping(INVITATION)
  Mono<Rendering> accept(ServerWebExchange exchange) {
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              if (!Csrf.matches(SessionCookies.signIn(exchange), form.getFirst(Csrf.FIELD))) {
                return Mono.just(
                    invitationForm(
                        exchange,
                        "This form has expired. Open the link again.",
                        HttpStatus.FORBIDDEN));
              }
              String password = form.getFirst("password") == null ? "" : form.getFirst("password");
              if (!password.equals(form.getFirst("confirm"))) {
                return Mono.just(
                    invitationForm(exchange, "The two passwords differ.", HttpStatus.OK));
              }
              String token = form.getFirst("token") == null ? "" : form.getFirst("token");
              return api.send(
                      Browser.of(exchange, null),
                      HttpMethod.POST,
                      "/invitations/accept",
                      Map.of("token", token, "password", password))
                  .map(
                      answer -> {
                        if (answer.status() == 201) {
                          var session = answer.body().path("session");
                          cookies.setSession(
                              exchange,
                              session.path("token").asString(),
                              Duration.between(
                                  Instant.now(),
                                  Instant.parse(session.path("expiresAt").asString())));
                          cookies.clearSignIn(exchange);
                          return Rendering.redirectTo("/dashboard/mailboxes")
                              .status(HttpStatus.SEE_OTHER)
                              .build();
                        }
                        String error =
                            answer.status() == 422
                                ? "Password "
                                    + answer.fieldErrors().getOrDefault("password", "refused")
                                    + "."
                                : answer.status() == 404
                                    ? "This invitation link is no longer valid. Ask for a new one."
                                    : "Setting the password is not possible right now.";
                        return invitationForm(exchange, error, HttpStatus.OK);
                      });
            });
  }

  private Rendering invitationForm(ServerWebExchange exchange, String error, HttpStatus status) {
    String csrf = Csrf.random();
    cookies.setSignIn(exchange, csrf);
    return Rendering.view("dashboard/invitation")
        .modelAttribute("csrf", csrf)
        .modelAttribute("error", error)
        .status(status)
        .build();
  }
}
