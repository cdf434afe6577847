package dev.poststack.api.host;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import dev.poststack.controlplane.host.HostState;
import dev.poststack.controlplane.host.HostView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /hosts}: the host registry for operators (operator token, never a team key). {@code
 * DELETE} publishes the removal and waits briefly for the provisioner to record it: 200 with the
 * host as removed, or 202 with the host as it still stands when the wait ran out (the removal is on
 * the topic and will be applied).
 */
@RestController
class HostController {
  private static final Pattern HOST_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Duration POLL = Duration.ofMillis(100);

  private final OperatorToken operator;
  private final HostRegistry registry;
  private final HostRemoval removal;
  private final Duration removalWait;

  HostController(
      OperatorToken operator,
      HostRegistry registry,
      HostRemoval removal,
      ApiProperties properties) {
    this.operator = operator;
    this.registry = registry;
    this.removal = removal;
    this.removalWait = properties.hosts().removalWait();
  }

  @GetMapping("/hosts")
  Mono<Map<String, List<HostJson>>> list(ServerWebExchange exchange) {
    operator.require(exchange);
    return registry.all().map(v -> Map.of("hosts", v.stream().map(HostJson::of).toList()));
  }

  @GetMapping("/hosts/{id}")
  Mono<Map<String, HostJson>> get(ServerWebExchange exchange, @PathVariable String id) {
    operator.require(exchange);
    return find(id).map(v -> Map.of("host", HostJson.of(v)));
  }

  @DeleteMapping("/hosts/{id}")
  Mono<ResponseEntity<Map<String, HostJson>>> remove(
      ServerWebExchange exchange, @PathVariable String id) {
    operator.require(exchange);
    return find(id)
        .flatMap(
            host ->
                host.state() == HostState.REMOVED
                    ? Mono.just(answer(HttpStatus.OK, host))
                    : removal.publishTombstone(id).then(awaitRemoved(id)));
  }

  private Mono<ResponseEntity<Map<String, HostJson>>> awaitRemoved(String id) {
    long deadline = System.nanoTime() + removalWait.toNanos();
    return Mono.defer(() -> registry.one(id))
        .flatMap(
            v ->
                v.state() == HostState.REMOVED || System.nanoTime() >= deadline
                    ? Mono.just(v)
                    : Mono.<HostView>empty())
        .repeatWhenEmpty(r -> r.delayElements(POLL))
        .map(v -> answer(v.state() == HostState.REMOVED ? HttpStatus.OK : HttpStatus.ACCEPTED, v));
  }

  private static ResponseEntity<Map<String, HostJson>> answer(HttpStatus status, HostView v) {
    return ResponseEntity.status(status).body(Map.of("host", HostJson.of(v)));
  }

  private Mono<HostView> find(String id) {
    if (!HOST_ID.matcher(id).matches()) {
      return Mono.error(
          ApiException.validation(
              "id", "must be 1 to 63 of a-z, 0-9 and '-', starting with a-z or 0-9"));
    }
    return registry.one(id).switchIfEmpty(Mono.error(ApiException.notFound("host")));
  }
}
