package dev.poststack.dashboard.domain;

import dev.poststack.dashboard.api.ApiAnswer;
import dev.poststack.dashboard.api.Browser;
import dev.poststack.dashboard.api.PublicApi;
import dev.poststack.dashboard.session.Members;
import dev.poststack.dashboard.session.SignedIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Domains: the list, adding one, and a domain's page with the DNS records to publish (each with a
 * copy button and whether the last check found it), "verify now", and inbound mail on or off.
 */
@Controller
class DomainPages {
  private final PublicApi api;
  private final Members members;

  DomainPages(PublicApi api, Members members) {
    this.api = api;
    this.members = members;
  }

  /** A domain as the pages show it. */
  record DomainRow(
      long id,
      String publicId,
      String name,
      String status,
      boolean inboundEnabled,
      String createdAt,
      List<Map<String, Object>> records) {
    static DomainRow of(JsonNode d) {
      List<Map<String, Object>> records = new ArrayList<>();
      for (JsonNode r : d.path("dnsRecords")) {
        records.add(
            Map.of(
                "type", r.path("type").asString(""),
                "name", r.path("name").asString(""),
                "value", r.path("value").asString(""),
                "purpose", r.path("purpose").asString(""),
                "verified", r.path("verified").asBoolean(false),
                "priority", r.path("priority").isNumber() ? r.path("priority").asString() : ""));
      }
      return new DomainRow(
          d.path("id").asLong(),
          d.path("publicId").asString(""),
          d.path("name").asString(""),
          d.path("status").asString(""),
          d.path("inboundEnabled").asBoolean(false),
          d.path("createdAt").asString(""),
          records);
    }
  }

  @GetMapping("/dashboard/domains")
  Mono<Rendering> list(ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return members.page(
        exchange,
        member ->
            api.get(browser, "/domains", Map.of("per_page", 100))
                .flatMap(
                    answer ->
                        answer.ok()
                            ? Mono.just(
                                Rendering.view("dashboard/domains")
                                    .modelAttribute("member", member)
                                    .modelAttribute("domains", rows(answer))
                                    .modelAttribute("name", "")
                                    .modelAttribute("error", null)
                                    .build())
                            : members.ended(exchange, answer)));
  }

  @PostMapping("/dashboard/domains")
  Mono<Rendering> add(ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              String name = form.getFirst("name") == null ? "" : form.getFirst("name").strip();
              return api.send(browser, HttpMethod.POST, "/domains", Map.of("name", name))
                  .flatMap(
                      answer -> {
                        if (answer.unauthorized()) {
                          return members.ended(exchange, answer);
                        }
                        if (answer.ok()) {
                          String id = answer.body().path("domain").path("publicId").asString("");
                          exchange
                              .getResponse()
                              .getHeaders()
                              .set("HX-Redirect", "/dashboard/domains/" + id);
                        }
                        String error =
                            answer.ok()
                                ? null
                                : answer.fieldErrors().getOrDefault("name", answer.message());
                        return Mono.just(
                            Rendering.view("dashboard/domains :: add")
                                .modelAttribute("name", name)
                                .modelAttribute("error", error)
                                .modelAttribute("csrf", SignedIn.of(exchange).csrf())
                                .build());
                      });
            });
  }

  @GetMapping("/dashboard/domains/{id}")
  Mono<Rendering> detail(@PathVariable String id, ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return members.page(
        exchange,
        member ->
            api.get(browser, "/domains/" + safe(id), Map.of())
                .flatMap(
                    answer ->
                        answer.ok()
                            ? Mono.just(
                                Rendering.view("dashboard/domain")
                                    .modelAttribute("member", member)
                                    .modelAttribute("d", DomainRow.of(answer.body().path("domain")))
                                    .modelAttribute("message", null)
                                    .build())
                            : members.ended(exchange, answer)));
  }

  /** Checks the DNS records now; answers the records part with what was found. */
  @PostMapping("/dashboard/domains/{id}/verify")
  Mono<Rendering> verify(@PathVariable String id, ServerWebExchange exchange) {
    return change(exchange, HttpMethod.POST, "/domains/" + safe(id) + "/verify", null, id);
  }

  @PostMapping("/dashboard/domains/{id}/inbound")
  Mono<Rendering> inbound(@PathVariable String id, ServerWebExchange exchange) {
    return exchange
        .getFormData()
        .flatMap(
            form ->
                change(
                    exchange,
                    HttpMethod.PATCH,
                    "/domains/" + safe(id),
                    Map.of("inbound_enabled", "true".equals(form.getFirst("inbound"))),
                    id));
  }

  private Mono<Rendering> change(
      ServerWebExchange exchange, HttpMethod method, String path, Object body, String id) {
    Browser browser = Members.browser(exchange);
    return api.send(browser, method, path, body)
        .flatMap(
            answer -> {
              if (answer.unauthorized()) {
                return members.ended(exchange, answer);
              }
              Mono<ApiAnswer> current =
                  answer.ok() && answer.body().has("domain")
                      ? Mono.just(answer)
                      : api.get(browser, "/domains/" + safe(id), Map.of());
              String message = answer.ok() ? null : answer.message();
              return current.flatMap(
                  now ->
                      now.ok()
                          ? Mono.just(
                              Rendering.view("dashboard/domain :: state")
                                  .modelAttribute("d", DomainRow.of(now.body().path("domain")))
                                  .modelAttribute("message", message)
                                  .modelAttribute("csrf", SignedIn.of(exchange).csrf())
                                  .build())
                          : members.ended(exchange, now));
            });
  }

  private static List<DomainRow> rows(ApiAnswer answer) {
    List<DomainRow> rows = new ArrayList<>();
    answer.body().path("domains").forEach(d -> rows.add(DomainRow.of(d)));
    return rows;
  }

  static String safe(String id) {
    return id != null && id.matches("(dom_[A-Za-z0-9]{1,64}|[1-9][0-9]{0,17})") ? id : "0";
  }
}
