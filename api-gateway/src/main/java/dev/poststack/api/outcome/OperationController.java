package dev.poststack.api.outcome;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.poststack.api.auth.Caller;
import dev.poststack.api.problem.ApiException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code GET /operations/:eventId}: what became of a write answered with 202. */
@RestController
class OperationController {
  private final OutcomeStore outcomes;

  public OperationController(OutcomeStore outcomes) {
    this.outcomes = outcomes;
  }

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Operation(String id, String status, String code, String error) {
    static Operation of(Outcome outcome) {
      String id = outcome.eventId().toString();
      if (outcome instanceof Outcome.Rejected r) {
        return new Operation(id, "rejected", r.code(), Rejections.toException(r).getMessage());
      }
      return new Operation(
          id, outcome instanceof Outcome.Applied ? "applied" : "pending", null, null);
    }
  }

  @GetMapping("/operations/{eventId}")
  public Mono<Operation> get(@PathVariable String eventId, ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    UUID id;
    try {
      id = UUID.fromString(eventId);
    } catch (IllegalArgumentException e) {
      return Mono.error(ApiException.notFound("operation"));
    }
    return outcomes
        .findForTeam(caller.teamId(), id)
        .switchIfEmpty(Mono.error(ApiException.notFound("operation")))
        .map(
            scoped -> {
              // a domain-scoped key sees only its domain's operations, like every other read
              if (caller.domainScope() != null) {
                caller.requireDomain(scoped.domainId() == null ? -1 : scoped.domainId());
              }
              return Operation.of(scoped.outcome());
            });
  }
}
