package dev.poststack.dashboard.webhook;

import dev.poststack.dashboard.api.ApiAnswer;
import dev.poststack.dashboard.api.Browser;
import dev.poststack.dashboard.api.PageNumber;
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

/**
 * Webhooks: the team's endpoints with create (the signing secret shown once), switch on or off,
 * send a test and delete; an endpoint's page with its settings, its recent deliveries (each can be
 * sent again) and a new signing secret. All through the public API's {@code /webhooks}.
 */
@Controller
class WebhookPages {
  private static final int DELIVERIES_PER_PAGE = 20;
  private static final String CHANGED = "webhook-changed";
  private static final String DELIVERIES_CHANGED = "deliveries-changed";

  private final PublicApi api;
  private final Members members;

  WebhookPages(PublicApi api, Members members) {
    this.api = api;
    this.members = members;
  }

  /** The team's webhooks, or why the API did not list them. */
  record WebhookList(List<WebhookRow> rows, String error) {}

  /** A page of one webhook's deliveries, newest first, or why the API did not list them. */
  record DeliveryList(
      long webhookId, List<DeliveryRow> rows, int page, long totalPages, long total, String error) {
    public boolean hasPrevious() {
      return page > 1;
    }

    public boolean hasNext() {
      return page < totalPages;
    }

    /** While a delivery is still being tried, the list asks again. */
    public boolean anyPending() {
      return rows.stream().anyMatch(DeliveryRow::pending);
    }
  }

  @GetMapping("/dashboard/webhooks")
  Mono<Rendering> list(ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return members.page(
        exchange,
        member ->
            rows(browser)
                .map(
                    webhooks ->
                        Rendering.view("dashboard/webhooks")
                            .modelAttribute("member", member)
                            .modelAttribute("webhooks", webhooks)
                            .modelAttribute("form", WebhookForm.empty())
                            .modelAttribute("eventTypes", WebhookForm.EVENT_TYPES)
                            .modelAttribute("created", null)
                            .build()));
  }

  @GetMapping("/dashboard/webhooks/rows")
  Mono<Rendering> rowsPart(ServerWebExchange exchange) {
    return rows(Members.browser(exchange))
        .map(
            webhooks ->
                Rendering.view("dashboard/webhooks :: rows")
                    .modelAttribute("webhooks", webhooks)
                    .modelAttribute("csrf", SignedIn.of(exchange).csrf())
                    .build());
  }

  /** Creates the webhook; the answer shows its signing secret, the only time anyone sees it. */
  @PostMapping("/dashboard/webhooks")
  Mono<Rendering> create(ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              WebhookForm submitted = WebhookForm.of(form);
              if (!submitted.errors().isEmpty()) {
                return Mono.just(createResult(exchange, submitted, null));
              }
              return api.send(browser, HttpMethod.POST, "/webhooks", submitted.body())
                  .flatMap(
                      answer -> {
                        if (answer.unauthorized()) {
                          return members.ended(exchange, answer);
                        }
                        if (answer.ok()) {
                          exchange.getResponse().getHeaders().set("HX-Trigger", CHANGED);
                          return Mono.just(
                              createResult(
                                  exchange,
                                  WebhookForm.empty(),
                                  new Secret(
                                      WebhookRow.of(answer.body().path("webhook")),
                                      answer.body().path("signingSecret").asString(""))));
                        }
                        return Mono.just(createResult(exchange, refused(submitted, answer), null));
                      });
            });
  }

  /** A webhook with the signing secret the API answered once (create, rotate). */
  record Secret(WebhookRow webhook, String value) {
    @Override
    public String toString() {
      return "Secret[" + webhook.id() + ", whsec_…]";
    }
  }

  @GetMapping("/dashboard/webhooks/{id}")
  Mono<Rendering> detail(@PathVariable String id, ServerWebExchange exchange) {
    Browser browser = Members.browser(exchange);
    String safe = safe(id);
    return members.page(
        exchange,
        member ->
            api.get(browser, "/webhooks/" + safe, Map.of())
                .flatMap(
                    answer -> {
                      if (!answer.ok()) {
                        return members.ended(exchange, answer);
                      }
                      WebhookRow w = WebhookRow.of(answer.body().path("webhook"));
                      return deliveries(browser, w.id(), page(exchange))
                          .map(
                              deliveries ->
                                  Rendering.view("dashboard/webhook")
                                      .modelAttribute("member", member)
                                      .modelAttribute("w", w)
                                      .modelAttribute("deliveries", deliveries)
                                      .modelAttribute("form", WebhookForm.of(w))
                                      .modelAttribute("eventTypes", WebhookForm.EVENT_TYPES)
                                      .modelAttribute("saved", false)
                                      .modelAttribute("message", null)
                                      .modelAttribute("rotated", null)
                                      .build());
                    }));
  }

  /** The state part of a webhook's page, asked again after a change elsewhere on the page. */
  @GetMapping("/dashboard/webhooks/{id}/state")
  Mono<Rendering> statePart(@PathVariable String id, ServerWebExchange exchange) {
    return api.get(Members.browser(exchange), "/webhooks/" + safe(id), Map.of())
        .flatMap(
            answer ->
                answer.ok()
                    ? Mono.just(state(exchange, answer, null))
                    : members.ended(exchange, answer));
  }

  @GetMapping("/dashboard/webhooks/{id}/deliveries")
  Mono<Rendering> deliveriesPart(@PathVariable String id, ServerWebExchange exchange) {
    String safe = safe(id);
    return deliveries(Members.browser(exchange), Long.parseLong(safe), page(exchange))
        .map(deliveries -> deliveriesView(exchange, deliveries));
  }

  /** Changes the URL, the events or whether bodies are included. */
  @PostMapping("/dashboard/webhooks/{id}/settings")
  Mono<Rendering> settings(@PathVariable String id, ServerWebExchange exchange) {
    String safe = safe(id);
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              WebhookForm submitted = WebhookForm.of(form);
              if (!submitted.errors().isEmpty()) {
                return Mono.just(settingsView(exchange, safe, submitted, false));
              }
              return api.send(
                      Members.browser(exchange),
                      HttpMethod.PATCH,
                      "/webhooks/" + safe,
                      submitted.body())
                  .flatMap(
                      answer -> {
                        if (answer.unauthorized()) {
                          return members.ended(exchange, answer);
                        }
                        if (answer.ok()) {
                          exchange.getResponse().getHeaders().set("HX-Trigger", CHANGED);
                          return Mono.just(
                              settingsView(
                                  exchange,
                                  safe,
                                  WebhookForm.of(WebhookRow.of(answer.body().path("webhook"))),
                                  true));
                        }
                        return Mono.just(
                            settingsView(exchange, safe, refused(submitted, answer), false));
                      });
            });
  }

  /**
   * Switches a webhook on (which also clears a disabling after failures) or off. The list asks for
   * its row back, the webhook's page ({@code view=state}) for its state part.
   */
  @PostMapping("/dashboard/webhooks/{id}/enabled")
  Mono<Rendering> enabled(@PathVariable String id, ServerWebExchange exchange) {
    String safe = safe(id);
    return exchange
        .getFormData()
        .flatMap(
            form ->
                api.send(
                        Members.browser(exchange),
                        HttpMethod.PATCH,
                        "/webhooks/" + safe,
                        Map.of("enabled", "true".equals(form.getFirst("enabled"))))
                    .flatMap(
                        answer -> {
                          if (answer.unauthorized()) {
                            return members.ended(exchange, answer);
                          }
                          String message = answer.ok() ? null : answer.message();
                          Mono<ApiAnswer> now =
                              answer.ok()
                                  ? Mono.just(answer)
                                  : api.get(
                                      Members.browser(exchange), "/webhooks/" + safe, Map.of());
                          boolean statePart = "state".equals(form.getFirst("view"));
                          return now.flatMap(
                              current -> {
                                if (!current.ok()) {
                                  return members.ended(exchange, current);
                                }
                                if (statePart) {
                                  return Mono.just(state(exchange, current, message));
                                }
                                return Mono.just(
                                    Rendering.view("dashboard/webhooks :: row")
                                        .modelAttribute(
                                            "w", WebhookRow.of(current.body().path("webhook")))
                                        .modelAttribute("rowError", message)
                                        .modelAttribute("csrf", SignedIn.of(exchange).csrf())
                                        .build());
                              });
                        }));
  }

  /** Queues a {@code webhook.test} delivery, sent like any other. */
  @PostMapping("/dashboard/webhooks/{id}/test")
  Mono<Rendering> test(@PathVariable String id, ServerWebExchange exchange) {
    return api.send(
            Members.browser(exchange), HttpMethod.POST, "/webhooks/" + safe(id) + "/test", null)
        .flatMap(
            answer -> {
              if (answer.unauthorized()) {
                return members.ended(exchange, answer);
              }
              if (answer.ok()) {
                exchange.getResponse().getHeaders().set("HX-Trigger", DELIVERIES_CHANGED);
              }
              return Mono.just(
                  Rendering.view("dashboard/webhooks :: message")
                      .modelAttribute(
                          "notice",
                          answer.ok()
                              ? "Test delivery #"
                                  + answer.body().path("deliveryId").asString("")
                                  + " queued: its outcome is on the webhook's page."
                              : null)
                      .modelAttribute("message", answer.ok() ? null : answer.message())
                      .build());
            });
  }

  @PostMapping("/dashboard/webhooks/{id}/deliveries/{deliveryId}/replay")
  Mono<Rendering> replay(
      @PathVariable String id, @PathVariable String deliveryId, ServerWebExchange exchange) {
    String safe = safe(id);
    Browser browser = Members.browser(exchange);
    return api.send(
            browser,
            HttpMethod.POST,
            "/webhooks/" + safe + "/deliveries/" + safe(deliveryId) + "/replay",
            null)
        .flatMap(
            answer -> {
              if (answer.unauthorized()) {
                return members.ended(exchange, answer);
              }
              String message = answer.ok() ? null : answer.message();
              return deliveries(browser, Long.parseLong(safe), page(exchange))
                  .map(
                      list ->
                          deliveriesView(
                              exchange,
                              message == null
                                  ? list
                                  : new DeliveryList(
                                      list.webhookId(),
                                      list.rows(),
                                      list.page(),
                                      list.totalPages(),
                                      list.total(),
                                      message)));
            });
  }

  /** A new signing secret, shown once; the old one keeps signing beside it for the grace hours. */
  @PostMapping("/dashboard/webhooks/{id}/rotate-secret")
  Mono<Rendering> rotate(@PathVariable String id, ServerWebExchange exchange) {
    String safe = safe(id);
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              String grace = form.getFirst("graceHours");
              Map<String, Object> body =
                  grace != null && grace.matches("[0-9]{1,3}")
                      ? Map.of("graceHours", Integer.parseInt(grace))
                      : Map.of();
              return api.send(
                      Members.browser(exchange),
                      HttpMethod.POST,
                      "/webhooks/" + safe + "/rotate-secret",
                      body)
                  .flatMap(
                      answer -> {
                        if (answer.unauthorized()) {
                          return members.ended(exchange, answer);
                        }
                        if (answer.ok()) {
                          exchange.getResponse().getHeaders().set("HX-Trigger", CHANGED);
                        }
                        return Mono.just(
                            Rendering.view("dashboard/webhook :: rotate")
                                .modelAttribute("id", safe)
                                .modelAttribute(
                                    "rotated",
                                    answer.ok()
                                        ? new Secret(
                                            WebhookRow.of(answer.body().path("webhook")),
                                            answer.body().path("signingSecret").asString(""))
                                        : null)
                                .modelAttribute(
                                    "rotateError",
                                    answer.ok()
                                        ? null
                                        : answer
                                            .fieldErrors()
                                            .getOrDefault("graceHours", answer.message()))
                                .modelAttribute("csrf", SignedIn.of(exchange).csrf())
                                .build());
                      });
            });
  }

  /**
   * Deletes the webhook and its deliveries. From the list the row goes; from the webhook's page the
   * browser is sent back to the list.
   */
  @PostMapping("/dashboard/webhooks/{id}/delete")
  Mono<Rendering> delete(@PathVariable String id, ServerWebExchange exchange) {
    return api.send(Members.browser(exchange), HttpMethod.DELETE, "/webhooks/" + safe(id), null)
        .flatMap(
            answer -> {
              if (answer.unauthorized()) {
                return members.ended(exchange, answer);
              }
              boolean gone = answer.ok() || answer.notFound();
              String message = gone ? null : answer.message();
              if ("detail".equals(exchange.getRequest().getQueryParams().getFirst("from"))) {
                if (gone) {
                  exchange.getResponse().getHeaders().set("HX-Redirect", "/dashboard/webhooks");
                }
                return Mono.just(
                    Rendering.view("dashboard/webhooks :: message")
                        .modelAttribute("notice", gone ? "Deleted." : null)
                        .modelAttribute("message", message)
                        .build());
              }
              exchange.getResponse().getHeaders().set("HX-Trigger", CHANGED);
              return Mono.just(
                  Rendering.view("dashboard/webhooks :: deleted")
                      .modelAttribute("message", message)
                      .build());
            });
  }

  private Rendering createResult(ServerWebExchange exchange, WebhookForm form, Secret created) {
    return Rendering.view("dashboard/webhooks :: create-result")
        .modelAttribute("form", form)
        .modelAttribute("created", created)
        .modelAttribute("eventTypes", WebhookForm.EVENT_TYPES)
        .modelAttribute("csrf", SignedIn.of(exchange).csrf())
        .build();
  }

  private Rendering settingsView(
      ServerWebExchange exchange, String id, WebhookForm form, boolean saved) {
    return Rendering.view("dashboard/webhook :: settings")
        .modelAttribute("id", id)
        .modelAttribute("form", form)
        .modelAttribute("saved", saved)
        .modelAttribute("eventTypes", WebhookForm.EVENT_TYPES)
        .modelAttribute("csrf", SignedIn.of(exchange).csrf())
        .build();
  }

  private Rendering state(ServerWebExchange exchange, ApiAnswer answer, String message) {
    return Rendering.view("dashboard/webhook :: state")
        .modelAttribute("w", WebhookRow.of(answer.body().path("webhook")))
        .modelAttribute("message", message)
        .modelAttribute("csrf", SignedIn.of(exchange).csrf())
        .build();
  }

  private Rendering deliveriesView(ServerWebExchange exchange, DeliveryList deliveries) {
    return Rendering.view("dashboard/webhook :: deliveries")
        .modelAttribute("deliveries", deliveries)
        .modelAttribute("csrf", SignedIn.of(exchange).csrf())
        .build();
  }

  /** The API's field errors beside their fields; a refusal of no field above the form. */
  private static WebhookForm refused(WebhookForm submitted, ApiAnswer answer) {
    Map<String, String> fields = answer.fieldErrors();
    return submitted.withErrors(fields, fields.isEmpty() ? answer.message() : null);
  }

  private Mono<WebhookList> rows(Browser browser) {
    return api.get(browser, "/webhooks", Map.of())
        .map(
            answer -> {
              if (!answer.ok()) {
                return new WebhookList(List.of(), answer.message());
              }
              List<WebhookRow> rows = new ArrayList<>();
              answer.body().path("webhooks").forEach(w -> rows.add(WebhookRow.of(w)));
              return new WebhookList(rows, null);
            });
  }

  private Mono<DeliveryList> deliveries(Browser browser, long webhookId, int page) {
    return api.get(
            browser,
            "/webhooks/" + webhookId + "/deliveries",
            Map.of("page", page, "per_page", DELIVERIES_PER_PAGE))
        .map(
            answer -> {
              if (!answer.ok()) {
                return new DeliveryList(webhookId, List.of(), 1, 1, 0, answer.message());
              }
              List<DeliveryRow> rows = new ArrayList<>();
              answer.body().path("deliveries").forEach(d -> rows.add(DeliveryRow.of(d)));
              var meta = answer.body().path("pagination");
              return new DeliveryList(
                  webhookId,
                  rows,
                  meta.path("page").asInt(1),
                  Math.max(1, meta.path("totalPages").asLong(1)),
                  meta.path("total").asLong(rows.size()),
                  null);
            });
  }

  private static int page(ServerWebExchange exchange) {
    return PageNumber.of(exchange.getRequest().getQueryParams(), 1_000_000);
  }

  /** Webhook and delivery ids are numeric; anything else becomes an id the API does not know. */
  static String safe(String id) {
    return id != null && id.matches("[1-9][0-9]{0,17}") ? id : "0";
  }
}
