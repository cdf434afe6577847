package dev.poststack.api.webhook;

import dev.poststack.api.account.AccountEvents;
import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.Page;
import dev.poststack.api.http.PageRequest;
import dev.poststack.api.http.RequestIds;
import dev.poststack.api.idempotency.Writes;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /webhooks}, shaped as the official SDK 0.14 reads them. A webhook is the team's, so every
 * call needs a team-wide full_access key; another team's id answers 404 like an unknown one. The
 * signing secret is answered once (create, rotate) and stored only sealed.
 */
@RestController
class WebhookController {
  static final int MAX_BATCH_REPLAY = 1000;
  static final int MAX_GRACE_HOURS = 168;
  static final int MAX_WITHIN_MINUTES = 30 * 24 * 60;
  private final WebhookStore store;
  private final Writes writes;
  private final ApiProperties.Webhooks settings;
  private final TargetPolicy policy;
  private final SecretSeal seal;

  WebhookController(
      WebhookStore store, Writes writes, ApiProperties properties, AccountEvents events) {
    this.store = store;
    this.writes = writes;
    this.events = events;
    this.settings = properties.webhooks();
    this.policy = new TargetPolicy(settings.allowPrivateTargets());
    String key = settings.secretKey();
    this.seal = key == null || key.isBlank() ? null : SecretSeal.fromBase64(key);
  }

  private final AccountEvents events;

  @PostMapping("/webhooks")
  public Mono<ResponseEntity<byte[]>> create(ServerWebExchange exchange) {
    return writes.handleInOneTransaction(
        exchange,
        body -> {
          Caller caller = teamWide(exchange);
          WebhookRequests.Create create = WebhookRequests.create(body, policy);
          SecretSeal seal = seal();
          String secret = SecretSeal.newSigningSecret();
          return store
              .countLocked(caller.teamId())
              .flatMap(
                  n -> {
                    if (n >= settings.perTeam()) {
                      return Mono.error(
                          new ApiException(
                              HttpStatus.UNPROCESSABLE_CONTENT,
                              "limit_reached",
                              "a team may have at most " + settings.perTeam() + " webhooks"));
                    }
                    return store.insert(
                        caller.teamId(), create, seal.seal(secret, caller.teamId()));
                  })
              .flatMap(
                  webhook -> {
                    Map<String, Object> changes =
                        new java.util.LinkedHashMap<>(
                            AccountEvents.change("url", null, create.url()));
                    changes.putAll(AccountEvents.change("events", null, create.events()));
                    return events
                        .record(caller, RequestIds.of(exchange), "WebhookCreated", changes)
                        .thenReturn(webhook);
                  })
              .map(
                  webhook ->
                      ApiResponse.created(withSecret(webhook, secret))
                          .holdingSecret(withSecret(webhook, null)));
        });
  }

  @GetMapping("/webhooks")
  public Mono<Map<String, Object>> list(ServerWebExchange exchange) {
    Caller caller = teamWide(exchange);
    return store.list(caller.teamId()).collectList().map(all -> Map.of("webhooks", all));
  }

  @GetMapping("/webhooks/{id}")
  public Mono<Map<String, Object>> get(@PathVariable String id, ServerWebExchange exchange) {
    Caller caller = teamWide(exchange);
    return store
        .find(caller.teamId(), numeric(id))
        .switchIfEmpty(Mono.error(notFound()))
        .map(webhook -> Map.of("webhook", webhook));
  }

  @PatchMapping("/webhooks/{id}")
  public Mono<ResponseEntity<byte[]>> update(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handleInOneTransaction(
        exchange,
        body -> {
          Caller caller = teamWide(exchange);
          long webhookId = numeric(id);
          WebhookRequests.Patch patch = WebhookRequests.patch(body, policy);
          return store
              .update(caller.teamId(), webhookId, patch)
              .switchIfEmpty(Mono.error(notFound()))
              .flatMap(
                  webhook ->
                      events
                          .record(caller, RequestIds.of(exchange), "WebhookUpdated", changes(patch))
                          .thenReturn(ApiResponse.ok(Map.of("webhook", webhook))));
        });
  }

  @DeleteMapping("/webhooks/{id}")
  public Mono<ResponseEntity<byte[]>> delete(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handleInOneTransaction(
        exchange,
        body -> {
          Caller caller = teamWide(exchange);
          long webhookId = numeric(id);
          return store
              .find(caller.teamId(), webhookId)
              .switchIfEmpty(Mono.error(notFound()))
              .flatMap(
                  found ->
                      store
                          .delete(caller.teamId(), webhookId)
                          .flatMap(
                              done ->
                                  done
                                      ? events
                                          .record(
                                              caller,
                                              RequestIds.of(exchange),
                                              "WebhookDeleted",
                                              AccountEvents.change("url", found.get("url"), null))
                                          .thenReturn(success())
                                      : Mono.error(notFound())));
        });
  }

  /** The SDK sends no body: a {@code webhook.test} delivery is queued and sent like any other. */
  @PostMapping("/webhooks/{id}/test")
  public Mono<ResponseEntity<byte[]>> test(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handleInOneTransaction(
        exchange,
        body -> {
          Caller caller = teamWide(exchange);
          body.allowOnly(Set.of()).validate();
          long webhookId = numeric(id);
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("webhookId", webhookId);
          data.put("message", "a test delivery from PostStack");
          return store
              .queueTest(
                  caller.teamId(),
                  webhookId,
                  "test:" + UUID.randomUUID(),
                  DeliveryBody.data(data),
                  settings.retryFor())
              .switchIfEmpty(Mono.error(notFound()))
              .map(
                  deliveryId -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("success", true);
                    answer.put("deliveryId", deliveryId);
                    return ApiResponse.ok(answer);
                  });
        });
  }

  @GetMapping("/webhooks/{id}/deliveries")
  public Mono<Map<String, Object>> deliveries(@PathVariable String id, ServerWebExchange exchange) {
    Caller caller = teamWide(exchange);
    long webhookId = numeric(id);
    PageRequest page = PageRequest.from(exchange.getRequest().getQueryParams());
    return store
        .find(caller.teamId(), webhookId)
        .switchIfEmpty(Mono.error(notFound()))
        .flatMap(
            webhook ->
                store
                    .deliveries(caller.teamId(), webhookId, page)
                    .collectList()
                    .zipWith(store.countDeliveries(caller.teamId(), webhookId)))
        .map(
            t -> {
              Map<String, Object> answer = new LinkedHashMap<>();
              answer.put("deliveries", t.getT1());
              answer.put("pagination", Page.of(t.getT1(), page, t.getT2()).meta());
              return answer;
            });
  }

  @PostMapping("/webhooks/{id}/deliveries/{deliveryId}/replay")
  public Mono<ResponseEntity<byte[]>> replay(
      @PathVariable String id, @PathVariable String deliveryId, ServerWebExchange exchange) {
    return writes.handleInOneTransaction(
        exchange,
        body -> {
          Caller caller = teamWide(exchange);
          body.allowOnly(Set.of()).validate();
          long webhookId = numeric(id);
          long delivery = numeric(deliveryId);
          return store
              .replay(caller.teamId(), webhookId, delivery, settings.retryFor())
              .flatMap(
                  done ->
                      done
                          ? Mono.just(success())
                          : Mono.error(
                              new ApiException(
                                  HttpStatus.NOT_FOUND,
                                  "delivery_not_found",
                                  "webhook delivery not found")));
        });
  }

  @PostMapping("/webhooks/{id}/deliveries/batch-replay")
  public Mono<ResponseEntity<byte[]>> batchReplay(
      @PathVariable String id, ServerWebExchange exchange) {
    return writes.handleInOneTransaction(
        exchange,
        body -> {
          Caller caller = teamWide(exchange);
          long webhookId = numeric(id);
          body.allowOnly(Set.of("withinMinutes", "eventType", "limit"));
          Long within = body.integer("withinMinutes", false);
          if (within != null && (within < 1 || within > MAX_WITHIN_MINUTES)) {
            body.fail("withinMinutes", "must be 1 to " + MAX_WITHIN_MINUTES);
          }
          String eventType = body.string("eventType", false);
          if (eventType != null && WebhookEvent.parse(eventType).isEmpty()) {
            body.fail("eventType", "must be a known event name");
          }
          Long limit = body.integer("limit", false);
          if (limit != null && (limit < 1 || limit > MAX_BATCH_REPLAY)) {
            body.fail("limit", "must be 1 to " + MAX_BATCH_REPLAY);
          }
          body.validate();
          return store
              .find(caller.teamId(), webhookId)
              .switchIfEmpty(Mono.error(notFound()))
              .flatMap(
                  webhook ->
                      store.batchReplay(
                          caller.teamId(),
                          webhookId,
                          within == null ? null : within.intValue(),
                          eventType == null
                              ? null
                              : WebhookEvent.parse(eventType).orElseThrow().wireName(),
                          limit == null ? MAX_BATCH_REPLAY : limit.intValue(),
                          settings.retryFor()))
              .map(
                  counts -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("replayed", counts[0]);
                    answer.put("remaining", counts[1]);
                    return ApiResponse.ok(answer);
                  });
        });
  }

  @PostMapping("/webhooks/{id}/rotate-secret")
  public Mono<ResponseEntity<byte[]>> rotateSecret(
      @PathVariable String id, ServerWebExchange exchange) {
    return writes.handleInOneTransaction(
        exchange,
        body -> {
          Caller caller = teamWide(exchange);
          long webhookId = numeric(id);
          body.allowOnly(Set.of("graceHours"));
          Long grace = body.integer("graceHours", false);
          if (grace != null && (grace < 0 || grace > MAX_GRACE_HOURS)) {
            body.fail("graceHours", "must be 0 to " + MAX_GRACE_HOURS);
          }
          body.validate();
          SecretSeal seal = seal();
          String secret = SecretSeal.newSigningSecret();
          return store
              .rotate(
                  caller.teamId(),
                  webhookId,
                  seal.seal(secret, caller.teamId()),
                  grace == null ? 24 : grace.intValue())
              .switchIfEmpty(Mono.error(notFound()))
              .flatMap(
                  webhook ->
                      events
                          .record(
                              caller,
                              RequestIds.of(exchange),
                              "WebhookSecretRotated",
                              Map.of("signingSecret", "changed"))
                          .thenReturn(webhook))
              .map(
                  webhook ->
                      ApiResponse.ok(withSecret(webhook, secret))
                          .holdingSecret(withSecret(webhook, null)));
        });
  }

  /** What a patch set, as the audit shows it: the new values (the old ones are in earlier rows). */
  private static Map<String, Object> changes(WebhookRequests.Patch patch) {
    Map<String, Object> changes = new java.util.LinkedHashMap<>();
    if (patch.url() != null) {
      changes.putAll(AccountEvents.change("url", null, patch.url()));
    }
    if (patch.events() != null) {
      changes.putAll(AccountEvents.change("events", null, patch.events()));
    }
    if (patch.enabled() != null) {
      changes.putAll(AccountEvents.change("enabled", null, patch.enabled()));
    }
    if (patch.includeBodies() != null) {
      changes.putAll(AccountEvents.change("includeBodies", null, patch.includeBodies()));
    }
    return changes;
  }

  private static Caller teamWide(ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    caller.requireTeamWide();
    return caller;
  }

  private SecretSeal seal() {
    if (seal == null) {
      throw ApiException.unavailable(
          "webhooks_unavailable", "webhooks are not configured on this server", 60);
    }
    return seal;
  }

  /** {@code {webhook, signingSecret}}; without the secret for what the idempotency store keeps. */
  private static Map<String, Object> withSecret(Map<String, Object> webhook, String secret) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("webhook", webhook);
    if (secret != null) {
      answer.put("signingSecret", secret);
    }
    return answer;
  }

  private static ApiResponse success() {
    return ApiResponse.ok(Map.of("success", true));
  }

  private static long numeric(String id) {
    if (!id.matches("[1-9][0-9]{0,17}")) {
      throw notFound();
    }
    return Long.parseLong(id);
  }

  private static ApiException notFound() {
    return new ApiException(HttpStatus.NOT_FOUND, "webhook_not_found", "webhook not found");
  }
}
