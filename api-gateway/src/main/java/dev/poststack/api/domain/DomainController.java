package dev.poststack.api.domain;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.Page;
import dev.poststack.api.http.PageRequest;
import dev.poststack.api.http.RequestIds;
import dev.poststack.api.idempotency.Writes;
import dev.poststack.api.problem.ApiException;
import dev.poststack.values.address.DomainName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
 * {@code /domains}: shaped as the official SDK reads them ({@code domains} list, snake_case PATCH
 * fields), with paging metadata beside the list.
 */
@RestController
class DomainController {
  private final DomainService service;
  private final DomainQueries store;
  private final Writes writes;

  public DomainController(DomainService service, DomainQueries store, Writes writes) {
    this.service = service;
    this.store = store;
    this.writes = writes;
  }

  @PostMapping("/domains")
  public Mono<ResponseEntity<byte[]>> create(ServerWebExchange exchange) {
    return writes.handle(
        exchange,
        body -> {
          Caller caller = Caller.of(exchange);
          body.allowOnly(Set.of("name"));
          DomainName name = body.value("name", body.string("name", true), DomainName::of);
          body.validate();
          return service.create(caller, name, RequestIds.of(exchange));
        });
  }

  /**
   * {@code {domains, meta}}: the SDK reads {@code domains} and pages nothing, so the default page
   * is the largest, which holds every domain a team may have under the default limits.
   */
  @GetMapping("/domains")
  public Mono<Map<String, Object>> list(ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    PageRequest page =
        PageRequest.from(exchange.getRequest().getQueryParams(), PageRequest.MAX_PER_PAGE);
    return store
        .list(caller.teamId(), caller.domainScope(), page)
        .map(service::view)
        .collectList()
        .zipWith(store.count(caller.teamId(), caller.domainScope()))
        .map(t -> body("domains", t.getT1(), Page.of(t.getT1(), page, t.getT2()).meta()));
  }

  private static Map<String, Object> body(String name, Object list, Page.Meta meta) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(name, list);
    out.put("meta", meta);
    return out;
  }

  @GetMapping("/domains/{id}")
  public Mono<Map<String, Object>> get(@PathVariable String id, ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    return service.require(caller, ref(id)).map(d -> Map.of("domain", service.view(d)));
  }

  @PostMapping("/domains/{id}/verify")
  public Mono<ResponseEntity<byte[]>> verify(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handle(
        exchange,
        body -> {
          body.allowOnly(Set.of()).validate();
          return service.verify(Caller.of(exchange), ref(id), RequestIds.of(exchange));
        });
  }

  @PatchMapping("/domains/{id}")
  public Mono<ResponseEntity<byte[]>> update(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handle(
        exchange,
        body -> {
          Caller caller = Caller.of(exchange);
          if (body.isEmpty()) {
            throw ApiException.validation("body", "must change at least one field");
          }
          body.allowOnly(Set.of("inbound_enabled", "catch_all"));
          Boolean inbound = body.bool("inbound_enabled", false);
          if (Boolean.TRUE.equals(body.bool("catch_all", false))) {
            body.fail("catch_all", "catch-all delivery is not supported");
          }
          body.validate();
          if (inbound == null) {
            caller.requireWrite();
            return service
                .require(caller, ref(id))
                .map(d -> ApiResponse.ok(Map.of("domain", service.view(d))));
          }
          return service.setInbound(caller, ref(id), inbound, RequestIds.of(exchange));
        });
  }

  @DeleteMapping("/domains/{id}")
  public Mono<ResponseEntity<byte[]>> delete(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handle(
        exchange, body -> service.delete(Caller.of(exchange), ref(id), RequestIds.of(exchange)));
  }

  static IdRef ref(String raw) {
    return IdRef.parse(raw, "dom_")
        .orElseThrow(
            () ->
                new ApiException(
                    org.springframework.http.HttpStatus.NOT_FOUND,
                    "domain_not_found",
                    "domain not found"));
  }
}
