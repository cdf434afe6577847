package dev.poststack.dashboard.apikey;

import dev.poststack.dashboard.api.ApiAnswer;
import dev.poststack.dashboard.api.Browser;
import dev.poststack.dashboard.api.PublicApi;
import dev.poststack.dashboard.session.Members;
import dev.poststack.dashboard.session.SignedIn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * API keys: the team's keys (name, prefix, permission, last use), create (the key shown once, with
 * a copy button), rotate (the new key shown once) and revoke.
 */
@Controller
class ApiKeyPages {
  private final PublicApi api;
  private final Members members;

  ApiKeyPages(PublicApi api, Members members) {
    this.api = api;
    this.members = members;
  }

  /** A key as the list shows it: never its secret. */
  record KeyRow(
      long id, String name, String prefix, String permission, String lastUsed, String created) {
    static KeyRow of(JsonNode k) {
      return new KeyRow(
          k.path("id").asLong(),
          k.path("name").asString(""),
          k.path("keyPrefix").asString(""),
          k.path("permission").asString(""),
          k.path("lastUsedAt").isNull() || k.path("lastUsedAt").isMissingNode()
              ? "never"
              : k.path("lastUsedAt").asString(),
          k.path("createdAt").asString(""));
    }
  }

  /** A key just made or rotated: the one time its secret is shown. */
  record Secret(String name, String key) {}

  @GetMapping("/dashboard/api-keys")
  Mono<Rendering> list(ServerWebExchange exchange) {
    return members.page(
        exchange,
        member ->
            keys(Members.browser(exchange))
                .map(
                    keys ->
                        Rendering.view("dashboard/api-keys")
                            .modelAttribute("member", member)
                            .modelAttribute("keys", keys)
                            .modelAttribute("secret", null)
                            .modelAttribute("error", null)
                            .modelAttribute("errors", Map.of())
                            .build()));
  }

  @PostMapping("/dashboard/api-keys")
  Mono<Rendering> create(ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              String name = form.getFirst("name") == null ? "" : form.getFirst("name").strip();
              String permission =
                  "full_access".equals(form.getFirst("permission"))
                      ? "full_access"
                      : "sending_access";
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("name", name);
              body.put("permission", permission);
              // choosing full access on this page is the deliberate act the API asks for
              body.put("allow_full_access", permission.equals("full_access"));
              return api.send(browser, HttpMethod.POST, "/api-keys", body)
                  .flatMap(answer -> shown(exchange, browser, answer, name));
            });
  }

  @PostMapping("/dashboard/api-keys/{id}/rotate")
  Mono<Rendering> rotate(@PathVariable String id, ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return api.send(browser, HttpMethod.POST, "/api-keys/" + safe(id) + "/rotate", Map.of())
        .flatMap(answer -> shown(exchange, browser, answer, null));
  }

  @PostMapping("/dashboard/api-keys/{id}/revoke")
  Mono<Rendering> revoke(@PathVariable String id, ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return api.send(browser, HttpMethod.DELETE, "/api-keys/" + safe(id), null)
        .flatMap(answer -> shown(exchange, browser, answer, null));
  }

  /** The keys part after a change: the new secret once, or the API's refusal. */
  private Mono<Rendering> shown(
      ServerWebExchange exchange, Browser browser, ApiAnswer answer, String name) {
    if (answer.unauthorized()) {
      return members.ended(exchange, answer);
    }
    Secret secret =
        answer.ok() && answer.body().has("key")
            ? new Secret(
                answer.body().path("name").asString(""), answer.body().path("key").asString())
            : null;
    String error = answer.ok() ? null : answer.fieldErrors().isEmpty() ? answer.message() : null;
    return keys(browser)
        .map(
            keys ->
                Rendering.view("dashboard/api-keys :: keys")
                    .modelAttribute("keys", keys)
                    .modelAttribute("secret", secret)
                    .modelAttribute("error", error)
                    .modelAttribute("errors", answer.ok() ? Map.of() : answer.fieldErrors())
                    .modelAttribute("name", name)
                    .modelAttribute("csrf", SignedIn.of(exchange).csrf())
                    .build());
  }

  private Mono<List<KeyRow>> keys(Browser browser) {
    return api.get(browser, "/api-keys", Map.of("per_page", 100))
        .map(
            answer -> {
              List<KeyRow> rows = new ArrayList<>();
              if (answer.ok()) {
                answer.body().path("keys").forEach(k -> rows.add(KeyRow.of(k)));
              }
              return rows;
            });
  }

  private static String safe(String id) {
    return id != null && id.matches("(key_)?[1-9][0-9]{0,17}") ? id : "0";
  }
}
