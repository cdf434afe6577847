package dev.poststack.api.apikey;

import dev.poststack.api.account.AccountEvents;
import dev.poststack.api.auth.Caller;
import dev.poststack.api.auth.Permission;
import dev.poststack.api.domain.DomainQueries;
import dev.poststack.api.domain.DomainRow;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.JsonBody;
import dev.poststack.api.http.Page;
import dev.poststack.api.http.PageRequest;
import dev.poststack.api.http.RequestIds;
import dev.poststack.api.idempotency.Writes;
import dev.poststack.api.limit.TeamQuotas;
import dev.poststack.api.problem.ApiException;
import dev.poststack.controlplane.apikey.ApiKeySecret;
import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.values.Text;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /api-keys}, shaped as the SDK reads them (unwrapped key objects, {@code {keys}} list, with
 * paging metadata beside it). A team has at most its {@code api-keys} limit of active keys.
 * Managing keys needs a team-wide full_access key; minting another full_access key needs {@code
 * allow_full_access: true} so an integration cannot escalate by accident.
 */
@RestController
class ApiKeyController {
  private static final int MAX_NAME = 100;
  private final ApiKeyStore keys;
  private final DomainQueries domains;
  private final TeamQuotas quotas;
  private final Writes writes;
  private final AccountEvents events;

  ApiKeyController(
      ApiKeyStore keys,
      DomainQueries domains,
      TeamQuotas quotas,
      Writes writes,
      AccountEvents events) {
    this.keys = keys;
    this.domains = domains;
    this.quotas = quotas;
    this.writes = writes;
    this.events = events;
  }

  @PostMapping("/api-keys")
  public Mono<ResponseEntity<byte[]>> create(ServerWebExchange exchange) {
    return writes.handleInOneTransaction(
        exchange,
        body -> {
          Caller caller = Caller.of(exchange);
          caller.requireTeamWide();
          body.allowOnly(Set.of("name", "permission", "domain_id", "allow_full_access", "mode"));
          String name = name(body);
          String rawPermission = body.string("permission", true);
          Permission permission =
              rawPermission == null
                  ? null
                  : Permission.parse(rawPermission)
                      .orElseGet(
                          () -> body.fail("permission", "must be full_access or sending_access"));
          IdRef domain = domainRef(body);
          boolean allowFull = Boolean.TRUE.equals(body.bool("allow_full_access", false));
          String mode = body.string("mode", false);
          if (mode != null && !mode.equals("live")) {
            body.fail("mode", "only live keys are issued");
          }
          body.validate();
          if (permission == Permission.FULL_ACCESS && !allowFull) {
            throw ApiException.forbidden("minting a full_access key needs allow_full_access: true");
          }
          Mono<Long> scope =
              domain == null
                  ? Mono.just(-1L)
                  : domains
                      .find(caller.teamId(), domain)
                      .map(DomainRow::id)
                      .switchIfEmpty(
                          Mono.error(
                              new ApiException(
                                  HttpStatus.NOT_FOUND, "domain_not_found", "domain not found")));
          return scope
              .flatMap(
                  d ->
                      quotas.withRoomFor(
                          caller.teamId(),
                          TeamLimit.API_KEYS,
                          keys.insert(
                              caller.teamId(),
                              name,
                              permission,
                              d < 0 ? null : d,
                              ApiKeySecret.generate())))
              .flatMap(
                  created -> {
                    Map<String, Object> changes =
                        new LinkedHashMap<>(AccountEvents.change("name", null, created.name()));
                    changes.putAll(AccountEvents.change("permission", null, created.permission()));
                    return events
                        .record(caller, RequestIds.of(exchange), "ApiKeyCreated", changes)
                        .thenReturn(
                            ApiResponse.created(created).holdingSecret(created.withoutSecret()));
                  });
        });
  }

  /**
   * {@code {keys, meta}}: the SDK reads {@code keys} and pages nothing, so the default page is the
   * largest, which holds every key a team may have under the default limit.
   */
  @GetMapping("/api-keys")
  public Mono<Map<String, Object>> list(ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    caller.requireTeamWide();
    PageRequest page =
        PageRequest.from(exchange.getRequest().getQueryParams(), PageRequest.MAX_PER_PAGE);
    return keys.list(caller.teamId(), page)
        .collectList()
        .zipWith(keys.count(caller.teamId()))
        .map(
            t -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("keys", t.getT1());
              body.put("meta", Page.of(t.getT1(), page, t.getT2()).meta());
              return body;
            });
  }

  @GetMapping("/api-keys/{id}")
  public Mono<ApiKeyView> get(@PathVariable String id, ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    caller.requireTeamWide();
    return keys.find(caller.teamId(), numeric(id)).switchIfEmpty(Mono.error(notFound()));
  }

  @PostMapping("/api-keys/{id}/rotate")
  public Mono<ResponseEntity<byte[]>> rotate(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handleInOneTransaction(
        exchange,
        body -> {
          Caller caller = Caller.of(exchange);
          caller.requireTeamWide();
          body.allowOnly(Set.of()).validate();
          return keys.rotate(caller.teamId(), numeric(id), ApiKeySecret.generate())
              .switchIfEmpty(Mono.error(notFound()))
              .flatMap(
                  rotated ->
                      events
                          .record(
                              caller,
                              RequestIds.of(exchange),
                              "ApiKeyRotated",
                              AccountEvents.change(
                                  "key",
                                  rotated.name(),
                                  rotated.name() + " (" + rotated.keyPrefix() + "…)"))
                          .thenReturn(
                              ApiResponse.ok(rotated).holdingSecret(rotated.withoutSecret())));
        });
  }

  @DeleteMapping("/api-keys/{id}")
  public Mono<ResponseEntity<byte[]>> revoke(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handleInOneTransaction(
        exchange,
        body -> {
          Caller caller = Caller.of(exchange);
          caller.requireTeamWide();
          long key = numeric(id);
          return keys.find(caller.teamId(), key)
              .switchIfEmpty(Mono.error(notFound()))
              .flatMap(
                  found ->
                      keys.revoke(caller.teamId(), key)
                          .flatMap(
                              done ->
                                  done
                                      ? events
                                          .record(
                                              caller,
                                              RequestIds.of(exchange),
                                              "ApiKeyRevoked",
                                              AccountEvents.change("key", found.name(), "revoked"))
                                          .thenReturn(ApiResponse.ok(Map.of("success", true)))
                                      : Mono.error(notFound())));
        });
  }

  private static String name(JsonBody body) {
    String name = body.string("name", true);
    if (name != null
        && (name.isBlank() || name.length() > MAX_NAME || Text.hasUnsafeCodePoint(name))) {
      return body.fail("name", "must be 1 to " + MAX_NAME + " printable characters");
    }
    return name;
  }

  /** The SDK sends domain_id as a string; numbers and dom_ ids are accepted too. */
  private static IdRef domainRef(JsonBody body) {
    var node = body.root().get("domain_id");
    if (node != null && node.isString() && node.stringValue().matches("[1-9][0-9]{0,17}")) {
      return IdRef.of(Long.parseLong(node.stringValue()));
    }
    return body.ref("domain_id", "dom_", false);
  }

  private static long numeric(String id) {
    return IdRef.parse(id, "key_")
        .map(IdRef::id)
        .filter(v -> v != null)
        .orElseThrow(ApiKeyController::notFound);
  }

  private static ApiException notFound() {
    return new ApiException(HttpStatus.NOT_FOUND, "api_key_not_found", "API key not found");
  }
}
