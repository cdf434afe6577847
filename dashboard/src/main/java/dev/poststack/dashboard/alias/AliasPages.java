package dev.poststack.dashboard.alias;

import dev.poststack.dashboard.api.ApiAnswer;
import dev.poststack.dashboard.api.Browser;
import dev.poststack.dashboard.api.PageNumber;
import dev.poststack.dashboard.api.PublicApi;
import dev.poststack.dashboard.api.VerifiedDomains;
import dev.poststack.dashboard.session.Members;
import dev.poststack.dashboard.session.SignedIn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Aliases: the team's list with each destination's address, a create form whose destination is
 * found by searching the mailboxes as you type, and delete. All through the public API.
 */
@Controller
class AliasPages {
  private static final int PER_PAGE = 50;

  private final PublicApi api;
  private final Members members;

  AliasPages(PublicApi api, Members members) {
    this.api = api;
    this.members = members;
  }

  /** An alias as the list shows it. */
  record AliasRow(String publicId, String address, long destinationId, String destination) {}

  /** The create form as sent, with each field's error. */
  record AliasForm(
      String domainId,
      String localPart,
      String destinationId,
      String destinationLabel,
      Map<String, String> errors,
      String error) {
    static AliasForm empty() {
      return new AliasForm("", "", "", "", Map.of(), null);
    }
  }

  @GetMapping("/dashboard/aliases")
  Mono<Rendering> list(ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    int page = page(exchange);
    return members.page(
        exchange,
        member ->
            Mono.zip(rows(browser, page), api.get(browser, "/domains", Map.of("per_page", 100)))
                .flatMap(
                    t ->
                        Mono.just(
                            Rendering.view("dashboard/aliases")
                                .modelAttribute("member", member)
                                .modelAttribute("aliases", t.getT1())
                                .modelAttribute("domains", VerifiedDomains.of(t.getT2()))
                                .modelAttribute("form", AliasForm.empty())
                                .build())));
  }

  /** The options of the destination field: mailboxes whose address starts with what was typed. */
  @GetMapping("/dashboard/aliases/destinations")
  Mono<Rendering> destinations(ServerWebExchange exchange) {
    String q = exchange.getRequest().getQueryParams().getFirst("destinationSearch");
    q = q == null ? "" : q.strip();
    return api.get(
            Members.browser(exchange),
            "/mailboxes",
            Map.of(
                "q",
                q.length() > 254 ? q.substring(0, 254) : q,
                "per_page",
                20,
                "status",
                "active"))
        .flatMap(
            answer -> {
              if (!answer.ok()) {
                return members.ended(exchange, answer);
              }
              List<Map<String, Object>> options = new ArrayList<>();
              answer
                  .body()
                  .path("data")
                  .forEach(
                      m ->
                          options.add(
                              Map.of(
                                  "id", m.path("id").asLong(),
                                  "address", m.path("emailAddress").asString())));
              return Mono.just(
                  Rendering.view("dashboard/parts :: destinations")
                      .modelAttribute("options", options)
                      .build());
            });
  }

  @PostMapping("/dashboard/aliases")
  Mono<Rendering> create(ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              String domain = value(form.getFirst("domainId"));
              String destination = value(form.getFirst("destinationMailboxId"));
              AliasForm submitted =
                  new AliasForm(
                      domain, value(form.getFirst("localPart")), destination, "", Map.of(), null);
              Map<String, String> errors = new LinkedHashMap<>();
              if (!domain.matches("[1-9][0-9]{0,17}")) {
                errors.put("domainId", "Choose a domain.");
              }
              if (!destination.matches("[1-9][0-9]{0,17}")) {
                errors.put(
                    "destinationMailboxId", "Search for the mailbox it forwards to and choose it.");
              }
              if (!errors.isEmpty()) {
                return answer(exchange, withErrors(submitted, errors, null), false);
              }
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("domainId", Long.parseLong(domain));
              body.put("localPart", submitted.localPart());
              body.put("destinationMailboxId", Long.parseLong(destination));
              return api.send(browser, HttpMethod.POST, "/mailboxes/aliases", body)
                  .flatMap(
                      answer -> {
                        if (answer.unauthorized()) {
                          return members.ended(exchange, answer);
                        }
                        if (answer.ok()) {
                          exchange.getResponse().getHeaders().set("HX-Trigger", "alias-changed");
                          return answer(
                              exchange, new AliasForm(domain, "", "", "", Map.of(), null), true);
                        }
                        Map<String, String> fields = answer.fieldErrors();
                        return answer(
                            exchange,
                            withErrors(
                                submitted, fields, fields.isEmpty() ? answer.message() : null),
                            false);
                      });
            });
  }

  @GetMapping("/dashboard/aliases/rows")
  Mono<Rendering> rowsPart(ServerWebExchange exchange) {
    return rows(Members.browser(exchange), page(exchange))
        .map(
            aliases ->
                Rendering.view("dashboard/aliases :: rows")
                    .modelAttribute("aliases", aliases)
                    .modelAttribute("csrf", SignedIn.of(exchange).csrf())
                    .build());
  }

  @PostMapping("/dashboard/aliases/{id}/delete")
  Mono<Rendering> delete(@PathVariable String id, ServerWebExchange exchange) {
    String safe = id.matches("(ali_[A-Za-z0-9]{1,64}|[1-9][0-9]{0,17})") ? id : "0";
    return api.send(
            Members.browser(exchange), HttpMethod.DELETE, "/mailboxes/aliases/" + safe, null)
        .flatMap(
            answer -> {
              if (answer.unauthorized()) {
                return members.ended(exchange, answer);
              }
              exchange.getResponse().getHeaders().set("HX-Trigger", "alias-changed");
              return Mono.just(
                  Rendering.view("dashboard/parts :: deleted")
                      .modelAttribute(
                          "message", answer.ok() || answer.notFound() ? null : answer.message())
                      .build());
            });
  }

  /** The create part again; its domain choice needs the domains as the full page has them. */
  private Mono<Rendering> answer(ServerWebExchange exchange, AliasForm form, boolean created) {
    return api.get(Members.browser(exchange), "/domains", Map.of("per_page", 100))
        .map(
            domains ->
                Rendering.view("dashboard/aliases :: create-result")
                    .modelAttribute("form", form)
                    .modelAttribute("created", created)
                    .modelAttribute("domains", VerifiedDomains.of(domains))
                    .modelAttribute("csrf", SignedIn.of(exchange).csrf())
                    .build());
  }

  private static AliasForm withErrors(AliasForm f, Map<String, String> errors, String error) {
    return new AliasForm(
        f.domainId(), f.localPart(), f.destinationId(), f.destinationLabel(), errors, error);
  }

  /** A page of aliases, each with its destination's address (one lookup per distinct mailbox). */
  private Mono<AliasList> rows(Browser browser, int page) {
    return api.get(browser, "/mailboxes/aliases", Map.of("page", page, "per_page", PER_PAGE))
        .flatMap(
            answer -> {
              if (!answer.ok()) {
                return Mono.just(AliasList.failed(answer));
              }
              List<JsonNode> items = new ArrayList<>();
              answer.body().path("data").forEach(items::add);
              Set<Long> destinations = new LinkedHashSet<>();
              items.forEach(a -> destinations.add(a.path("destinationMailboxId").asLong()));
              return Flux.fromIterable(destinations)
                  .flatMap(
                      id ->
                          api.get(browser, "/mailboxes/" + id, Map.of())
                              .map(
                                  m ->
                                      Map.entry(
                                          id,
                                          m.ok()
                                              ? m.body()
                                                  .path("mailbox")
                                                  .path("emailAddress")
                                                  .asString()
                                              : "mailbox #" + id)),
                      8)
                  .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                  .map(
                      names -> {
                        List<AliasRow> rows = new ArrayList<>();
                        for (JsonNode a : items) {
                          long to = a.path("destinationMailboxId").asLong();
                          rows.add(
                              new AliasRow(
                                  a.path("publicId").asString(),
                                  a.path("aliasAddress").asString(),
                                  to,
                                  names.getOrDefault(to, "mailbox #" + to)));
                        }
                        JsonNode meta = answer.body().path("meta");
                        return new AliasList(
                            rows,
                            meta.path("page").asInt(1),
                            meta.path("totalPages").asLong(1),
                            meta.path("total").asLong(rows.size()),
                            null);
                      });
            });
  }

  /** A page of the alias list, or the API's refusal. */
  record AliasList(List<AliasRow> rows, int page, long totalPages, long total, String error) {
    static AliasList failed(ApiAnswer answer) {
      return new AliasList(List.of(), 1, 1, 0, answer.message());
    }

    public boolean hasPrevious() {
      return page > 1;
    }

    public boolean hasNext() {
      return page < totalPages;
    }
  }

  private static int page(ServerWebExchange exchange) {
    return PageNumber.of(exchange.getRequest().getQueryParams(), 1_000_000);
  }

  private static String value(String v) {
    return v == null ? "" : v.strip();
  }
}
