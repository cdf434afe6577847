package dev.poststack.api.alias;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.LocalParts;
import dev.poststack.api.http.Page;
import dev.poststack.api.http.PageRequest;
import dev.poststack.api.http.RequestIds;
import dev.poststack.api.idempotency.Writes;
import dev.poststack.api.mailbox.MailboxService;
import dev.poststack.api.problem.ApiException;
import dev.poststack.values.address.LocalPart;
import java.util.List;
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

/** {@code /mailboxes/aliases}: addresses that deliver to a mailbox. */
@RestController
class AliasController {
  private final AliasService service;
  private final AliasQueries store;
  private final MailboxService mailboxes;
  private final Writes writes;

  AliasController(
      AliasService service, AliasQueries store, MailboxService mailboxes, Writes writes) {
    this.service = service;
    this.store = store;
    this.mailboxes = mailboxes;
    this.writes = writes;
  }

  @PostMapping("/mailboxes/aliases")
  public Mono<ResponseEntity<byte[]>> create(ServerWebExchange exchange) {
    return writes.handle(
        exchange,
        body -> {
          body.allowOnly(Set.of("domainId", "localPart", "destinationMailboxId"));
          IdRef domain = body.ref("domainId", "dom_", true);
          LocalPart localPart = LocalParts.read(body, "localPart");
          IdRef destination = body.ref("destinationMailboxId", "mb_", true);
          body.validate();
          return service.create(
              Caller.of(exchange), domain, localPart, destination, RequestIds.of(exchange));
        });
  }

  @GetMapping("/mailboxes/aliases")
  public Mono<Page<AliasView>> list(ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    var query = exchange.getRequest().getQueryParams();
    PageRequest page = PageRequest.from(query);
    String domainFilter = query.getFirst("domain_id");
    if (domainFilter == null || domainFilter.isEmpty()) {
      return store.list(caller.teamId(), null, caller.domainScope(), page);
    }
    return mailboxes
        .domainFilter(caller, domainFilter)
        .flatMap(domainId -> store.list(caller.teamId(), domainId, caller.domainScope(), page))
        .switchIfEmpty(Mono.fromSupplier(() -> Page.of(List.of(), page, 0)));
  }

  @DeleteMapping("/mailboxes/aliases/{id}")
  public Mono<ResponseEntity<byte[]>> delete(@PathVariable String id, ServerWebExchange exchange) {
    IdRef ref =
        IdRef.parse(id, "ali_")
            .orElseThrow(
                () -> new ApiException(HttpStatus.NOT_FOUND, "alias_not_found", "alias not found"));
    return writes.handle(
        exchange, body -> service.delete(Caller.of(exchange), ref, RequestIds.of(exchange)));
  }
}
