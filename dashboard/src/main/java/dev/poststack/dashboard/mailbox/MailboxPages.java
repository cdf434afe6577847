package dev.poststack.dashboard.mailbox;

import dev.poststack.dashboard.DashboardProperties;
import dev.poststack.dashboard.api.ApiAnswer;
import dev.poststack.dashboard.api.Browser;
import dev.poststack.dashboard.api.PageNumber;
import dev.poststack.dashboard.api.PublicApi;
import dev.poststack.dashboard.api.VerifiedDomains;
import dev.poststack.dashboard.session.Members;
import dev.poststack.dashboard.session.SignedIn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The mailbox list (search, paging, create) and one mailbox's page (status, password, delete,
 * history, client settings). Every figure comes from the public API; htmx swaps the parts that
 * change, so routine actions never reload the page.
 */
@Controller
class MailboxPages {
  private final PublicApi api;
  private final Members members;
  private final int perPage;

  MailboxPages(PublicApi api, Members members, DashboardProperties properties) {
    this.api = api;
    this.members = members;
    this.perPage = properties.perPage();
  }

  /** The query a list page asks the API with. */
  record ListQuery(String q, String status, int page) {
    static ListQuery of(ServerWebExchange exchange) {
      var params = exchange.getRequest().getQueryParams();
      String q = params.getFirst("q") == null ? "" : params.getFirst("q").strip();
      String status = params.getFirst("status");
      if (!"active".equals(status) && !"suspended".equals(status)) {
        status = "";
      }
      int page = PageNumber.of(params, 1_000_000);
      return new ListQuery(q.length() > 254 ? q.substring(0, 254) : q, status, page);
    }
  }

  @GetMapping("/dashboard/mailboxes")
  Mono<Rendering> list(ServerWebExchange exchange) {
    ListQuery query = ListQuery.of(exchange);
    Browser browser = Members.browser(exchange);
    return members.page(
        exchange,
        member ->
            Mono.zip(rows(browser, query), api.get(browser, "/domains", Map.of("per_page", 100)))
                .flatMap(
                    t -> {
                      if (!t.getT1().ok()) {
                        return members.ended(exchange, t.getT1());
                      }
                      return Mono.just(
                          Rendering.view("dashboard/mailboxes")
                              .modelAttribute("member", member)
                              .modelAttribute("list", ListView.of(t.getT1().body(), query))
                              .modelAttribute("domains", VerifiedDomains.of(t.getT2()))
                              .modelAttribute("form", CreateForm.empty())
                              .build());
                    }));
  }

  /** The table's rows and pager alone, for search-as-you-type and paging. */
  @GetMapping("/dashboard/mailboxes/rows")
  Mono<Rendering> rows(ServerWebExchange exchange) {
    ListQuery query = ListQuery.of(exchange);
    return rows(Members.browser(exchange), query)
        .flatMap(
            answer ->
                answer.ok()
                    ? Mono.just(
                        Rendering.view("dashboard/mailboxes :: results")
                            .modelAttribute("list", ListView.of(answer.body(), query))
                            .build())
                    : members.ended(exchange, answer));
  }

  private Mono<ApiAnswer> rows(Browser browser, ListQuery query) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("q", query.q());
    params.put("status", query.status());
    params.put("page", query.page());
    params.put("per_page", perPage);
    params.put("sort", "-createdAt");
    params.put("include", "propagation");
    return api.get(browser, "/mailboxes", params);
  }

  /** One row's propagation cell; the page asks again until the change is live everywhere. */
  @GetMapping("/dashboard/mailboxes/{id}/propagation")
  Mono<Rendering> propagation(@PathVariable String id, ServerWebExchange exchange) {
    return mailbox(exchange, id)
        .flatMap(
            answer ->
                answer.ok()
                    ? Mono.just(
                        Rendering.view("dashboard/parts :: propagation")
                            .modelAttribute("m", MailboxRow.of(answer.body().path("mailbox")))
                            .build())
                    : members.ended(exchange, answer));
  }

  @PostMapping("/dashboard/mailboxes")
  Mono<Rendering> create(ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              CreateForm submitted = CreateForm.of(form);
              if (!submitted.errors().isEmpty()) {
                return createAnswer(exchange, browser, submitted, null);
              }
              return api.send(browser, HttpMethod.POST, "/mailboxes", submitted.body())
                  .flatMap(
                      answer -> {
                        if (answer.unauthorized()) {
                          return members.ended(exchange, answer);
                        }
                        if (answer.ok()) {
                          // the list (#results) reloads its rows on this event: the new row shows
                          exchange.getResponse().getHeaders().set("HX-Trigger", "mailbox-created");
                          return createAnswer(
                              exchange,
                              browser,
                              CreateForm.empty().withDomain(submitted.domainId()),
                              MailboxRow.of(answer.body().path("mailbox")));
                        }
                        return createAnswer(
                            exchange, browser, submitted.withApiErrors(answer), null);
                      });
            });
  }

  /** The create part again; its domain choice needs the domains as the full page has them. */
  private Mono<Rendering> createAnswer(
      ServerWebExchange exchange, Browser browser, CreateForm form, MailboxRow created) {
    return api.get(browser, "/domains", Map.of("per_page", 100))
        .map(
            domains ->
                Rendering.view("dashboard/mailboxes :: create-result")
                    .modelAttribute("form", form)
                    .modelAttribute("created", created)
                    .modelAttribute("domains", VerifiedDomains.of(domains))
                    .modelAttribute("csrf", SignedIn.of(exchange).csrf())
                    .build());
  }

  @GetMapping("/dashboard/mailboxes/{id}")
  Mono<Rendering> detail(@PathVariable String id, ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return members.page(
        exchange,
        member ->
            Mono.zip(
                    mailbox(exchange, id),
                    history(browser, id),
                    api.get(browser, "/client-settings", Map.of()))
                .flatMap(
                    t -> {
                      if (!t.getT1().ok()) {
                        return members.ended(exchange, t.getT1());
                      }
                      MailboxRow m = MailboxRow.of(t.getT1().body().path("mailbox"));
                      return Mono.just(
                          Rendering.view("dashboard/mailbox")
                              .modelAttribute("member", member)
                              .modelAttribute("m", m)
                              .modelAttribute("settings", SettingsForm.of(m))
                              .modelAttribute("history", history(t.getT2()))
                              .modelAttribute(
                                  "client", ClientSettings.of(t.getT3().body(), m.address()))
                              .build());
                    }));
  }

  @GetMapping("/dashboard/mailboxes/{id}/history")
  Mono<Rendering> historyPart(@PathVariable String id, ServerWebExchange exchange) {
    return history(Members.browser(exchange), id)
        .flatMap(
            answer ->
                answer.ok()
                    ? Mono.just(
                        Rendering.view("dashboard/mailbox :: history")
                            .modelAttribute("history", history(answer))
                            .build())
                    : members.ended(exchange, answer));
  }

  /** Suspend or reactivate; answers the summary part, and tells the history to refresh. */
  @PostMapping("/dashboard/mailboxes/{id}/status")
  Mono<Rendering> status(@PathVariable String id, ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              String status = form.getFirst("status");
              if (!"active".equals(status) && !"suspended".equals(status)) {
                return current(exchange, id, "Choose active or suspended.");
              }
              return api.send(
                      browser, HttpMethod.PATCH, "/mailboxes/" + safe(id), Map.of("status", status))
                  .flatMap(answer -> changed(exchange, id, answer));
            });
  }

  /** Display name and quota: answers the form, and tells the summary and history to refresh. */
  @PostMapping("/dashboard/mailboxes/{id}/settings")
  Mono<Rendering> settings(@PathVariable String id, ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              SettingsForm submitted = SettingsForm.of(safe(id), form);
              if (!submitted.errors().isEmpty()) {
                return Mono.just(settingsAnswer(exchange, submitted, false));
              }
              return api.send(browser, HttpMethod.PATCH, "/mailboxes/" + safe(id), submitted.body())
                  .flatMap(
                      answer -> {
                        if (answer.unauthorized()) {
                          return members.ended(exchange, answer);
                        }
                        if (!answer.ok()) {
                          return Mono.just(
                              settingsAnswer(exchange, submitted.withApiErrors(answer), false));
                        }
                        exchange.getResponse().getHeaders().set("HX-Trigger", "mailbox-changed");
                        MailboxRow m = MailboxRow.of(answer.body().path("mailbox"));
                        return Mono.just(settingsAnswer(exchange, SettingsForm.of(m), true));
                      });
            });
  }

  private Rendering settingsAnswer(ServerWebExchange exchange, SettingsForm form, boolean saved) {
    return Rendering.view("dashboard/mailbox :: settings")
        .modelAttribute("settings", form)
        .modelAttribute("settingsSaved", saved)
        .modelAttribute("csrf", SignedIn.of(exchange).csrf())
        .build();
  }

  @PostMapping("/dashboard/mailboxes/{id}/password")
  Mono<Rendering> password(@PathVariable String id, ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return exchange
        .getFormData()
        .flatMap(
            form ->
                api.send(
                        browser,
                        HttpMethod.POST,
                        "/mailboxes/" + safe(id) + "/password",
                        Map.of("password", value(form, "password")))
                    .flatMap(
                        answer -> {
                          if (answer.unauthorized()) {
                            return members.ended(exchange, answer);
                          }
                          if (answer.ok()) {
                            exchange
                                .getResponse()
                                .getHeaders()
                                .set("HX-Trigger", "mailbox-changed");
                          }
                          String error =
                              answer.ok()
                                  ? null
                                  : answer.fieldErrors().getOrDefault("password", answer.message());
                          return Mono.just(
                              Rendering.view("dashboard/mailbox :: password")
                                  .modelAttribute("m", Map.of("publicId", safe(id)))
                                  .modelAttribute("passwordError", error)
                                  .modelAttribute("passwordChanged", answer.ok())
                                  .modelAttribute("csrf", SignedIn.of(exchange).csrf())
                                  .build());
                        }));
  }

  @PostMapping("/dashboard/mailboxes/{id}/delete")
  Mono<Rendering> delete(@PathVariable String id, ServerWebExchange exchange) {
    return api.send(Members.browser(exchange), HttpMethod.DELETE, "/mailboxes/" + safe(id), null)
        .flatMap(
            answer -> {
              if (answer.ok() || answer.notFound()) {
                exchange.getResponse().getHeaders().set("HX-Redirect", "/dashboard/mailboxes");
                return Mono.just(
                    Rendering.view("dashboard/error").modelAttribute("message", "").build());
              }
              return changed(exchange, id, answer);
            });
  }

  /** The summary part alone: the page asks for it until the latest change is live everywhere. */
  @GetMapping("/dashboard/mailboxes/{id}/summary")
  Mono<Rendering> summaryPart(@PathVariable String id, ServerWebExchange exchange) {
    return current(exchange, id, null);
  }

  private Mono<Rendering> changed(ServerWebExchange exchange, String id, ApiAnswer answer) {
    if (answer.unauthorized()) {
      return members.ended(exchange, answer);
    }
    if (!answer.ok()) {
      return current(exchange, id, answer.message());
    }
    exchange.getResponse().getHeaders().set("HX-Trigger", "mailbox-changed");
    return Mono.just(summary(exchange, MailboxRow.of(answer.body().path("mailbox")), null));
  }

  /** The mailbox as it is now, with an error above it when there is one. */
  private Mono<Rendering> current(ServerWebExchange exchange, String id, String error) {
    return mailbox(exchange, id)
        .flatMap(
            answer ->
                answer.ok()
                    ? Mono.just(
                        summary(exchange, MailboxRow.of(answer.body().path("mailbox")), error))
                    : members.ended(exchange, answer));
  }

  private Rendering summary(ServerWebExchange exchange, MailboxRow m, String error) {
    return Rendering.view("dashboard/mailbox :: summary")
        .modelAttribute("m", m)
        .modelAttribute("summaryError", error)
        .modelAttribute("csrf", SignedIn.of(exchange).csrf())
        .build();
  }

  private Mono<ApiAnswer> mailbox(ServerWebExchange exchange, String id) {
    return api.get(Members.browser(exchange), "/mailboxes/" + safe(id), Map.of());
  }

  private Mono<ApiAnswer> history(Browser browser, String id) {
    return api.get(browser, "/mailboxes/" + safe(id) + "/events", Map.of("per_page", 50));
  }

  private static List<HistoryRow> history(ApiAnswer answer) {
    List<HistoryRow> rows = new ArrayList<>();
    if (answer.ok()) {
      answer.body().path("data").forEach(e -> rows.add(HistoryRow.of(e)));
    }
    return rows;
  }

  /** A mailbox id as the API takes it in a path: a number or mb_ + base62, nothing else. */
  static String safe(String id) {
    if (id != null && id.matches("(mb_[A-Za-z0-9]{1,64}|[1-9][0-9]{0,17})")) {
      return id;
    }
    return "0";
  }

  private static String value(MultiValueMap<String, String> form, String name) {
    String v = form.getFirst(name);
    return v == null ? "" : v;
  }
}
