package dev.poststack.api.rotation;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.RequestIds;
import dev.poststack.api.idempotency.Writes;
import dev.poststack.api.problem.ApiException;
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
 * {@code /domains/:id/dkim/rotate}: the SDK 0.14's three calls (their POSTs carry no body, only an
 * Idempotency-Key) and a GET of where the rotation stands. Each answers {@code {rotation}}.
 */
@RestController
class DkimRotationController {
  private final DkimRotationService service;
  private final Writes writes;

  DkimRotationController(DkimRotationService service, Writes writes) {
    this.service = service;
    this.writes = writes;
  }

  @GetMapping("/domains/{id}/dkim/rotate")
  public Mono<Map<String, Object>> get(@PathVariable String id, ServerWebExchange exchange) {
    return service.current(Caller.of(exchange), ref(id)).map(v -> Map.of("rotation", v));
  }

  @PostMapping("/domains/{id}/dkim/rotate")
  public Mono<ResponseEntity<byte[]>> start(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handle(
        exchange,
        body -> {
          body.allowOnly(Set.of()).validate();
          return service.start(Caller.of(exchange), ref(id), RequestIds.of(exchange));
        });
  }

  @PostMapping("/domains/{id}/dkim/rotate/activate")
  public Mono<ResponseEntity<byte[]>> activate(
      @PathVariable String id, ServerWebExchange exchange) {
    boolean force = force(exchange.getRequest().getQueryParams().getFirst("force"));
    return writes.handle(
        exchange,
        body -> {
          body.allowOnly(Set.of()).validate();
          return service.activate(Caller.of(exchange), ref(id), force, RequestIds.of(exchange));
        });
  }

  @DeleteMapping("/domains/{id}/dkim/rotate")
  public Mono<ResponseEntity<byte[]>> cancel(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handle(
        exchange, body -> service.cancel(Caller.of(exchange), ref(id), RequestIds.of(exchange)));
  }

  private static boolean force(String raw) {
    if (raw == null || raw.equals("false")) {
      return false;
    }
    if (raw.equals("true")) {
      return true;
    }
    throw ApiException.validation("force", "must be true or false");
  }

  private static IdRef ref(String raw) {
    return IdRef.parse(raw, "dom_")
        .orElseThrow(
            () -> new ApiException(HttpStatus.NOT_FOUND, "domain_not_found", "domain not found"));
  }
}
