package dev.poststack.api.audit;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.Page;
import dev.poststack.api.http.PageRequest;
import dev.poststack.api.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The audit log, read only: {@code /events} for the team, and one object's whole history (deleted
 * objects included). Any key may read it, as any key may read the team's mailboxes; a key scoped to
 * one domain sees that domain's events only. Another team's object answers 404 like one that never
 * existed.
 */
@RestController
class EventController {
  private final EventQueries store;

  EventController(EventQueries store) {
    this.store = store;
  }

  @GetMapping("/events")
  @Operation(
      summary = "The team's audit log, newest first",
      description =
          "Who changed what, when and from where: {data, meta} like GET /mailboxes. A key scoped"
              + " to one domain sees that domain's events only.")
  @Parameters({
    @Parameter(
        in = ParameterIn.QUERY,
        name = "type",
        description = "An event name, e.g. MailboxUpdated"),
    @Parameter(in = ParameterIn.QUERY, name = "mailbox_id", description = "Numeric id or mb_…"),
    @Parameter(in = ParameterIn.QUERY, name = "alias_id", description = "Numeric id or ali_…"),
    @Parameter(in = ParameterIn.QUERY, name = "domain_id", description = "Numeric id or dom_…"),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "actor_key_id",
        description = "An API key's numeric id"),
    @Parameter(in = ParameterIn.QUERY, name = "since", description = "ISO-8601 instant, inclusive"),
    @Parameter(in = ParameterIn.QUERY, name = "until", description = "ISO-8601 instant, exclusive"),
    @Parameter(in = ParameterIn.QUERY, name = "page", description = "1.., default 1"),
    @Parameter(in = ParameterIn.QUERY, name = "per_page", description = "1..100, default 50")
  })
  public Mono<Page<EventView>> list(ServerWebExchange exchange) {
    var query = exchange.getRequest().getQueryParams();
    return list(Caller.of(exchange), EventFilter.from(query), PageRequest.from(query));
  }

  @GetMapping("/mailboxes/{id}/events")
  @Operation(
      summary = "A mailbox's whole history, deleted mailboxes included",
      description = "Newest first, paged and filtered like GET /events; another team's id is 404.")
  public Mono<Page<EventView>> mailbox(@PathVariable String id, ServerWebExchange exchange) {
    return history(
        exchange,
        EventQueries.Owner.MAILBOX,
        id,
        EventFilter.MAILBOX_PREFIX,
        "mailbox_not_found",
        "mailbox not found");
  }

  @GetMapping("/mailboxes/aliases/{id}/events")
  @Operation(
      summary = "An alias's whole history, deleted aliases included",
      description = "Newest first, paged and filtered like GET /events; another team's id is 404.")
  public Mono<Page<EventView>> alias(@PathVariable String id, ServerWebExchange exchange) {
    return history(
        exchange,
        EventQueries.Owner.ALIAS,
        id,
        EventFilter.ALIAS_PREFIX,
        "alias_not_found",
        "alias not found");
  }

  /** The domain's own events and those of every mailbox and alias in it. */
  @GetMapping("/domains/{id}/events")
  @Operation(
      summary = "A domain's history and that of everything in it",
      description = "Newest first, paged and filtered like GET /events; another team's id is 404.")
  public Mono<Page<EventView>> domain(@PathVariable String id, ServerWebExchange exchange) {
    return history(
        exchange,
        EventQueries.Owner.DOMAIN,
        id,
        EventFilter.DOMAIN_PREFIX,
        "domain_not_found",
        "domain not found");
  }

  private Mono<Page<EventView>> history(
      ServerWebExchange exchange,
      EventQueries.Owner owner,
      String rawId,
      String prefix,
      String code,
      String message) {
    Caller caller = Caller.of(exchange);
    // the same answer as the object's own GET gives for an id that is not this team's
    ApiException notFound = new ApiException(HttpStatus.NOT_FOUND, code, message);
    IdRef ref = IdRef.parse(rawId, prefix).orElseThrow(() -> notFound);
    EventFilter filter = EventFilter.from(exchange.getRequest().getQueryParams());
    PageRequest page = PageRequest.from(exchange.getRequest().getQueryParams());
    return store
        .find(owner, caller.teamId(), ref)
        .switchIfEmpty(Mono.error(notFound))
        .doOnNext(o -> caller.requireDomain(o.domainId()))
        .flatMap(o -> list(caller, narrowed(owner, filter, o.id()), page));
  }

  private Mono<Page<EventView>> list(Caller caller, EventFilter filter, PageRequest page) {
    if (filter.matchesNothing()) {
      return Mono.just(Page.of(List.of(), page, 0));
    }
    return store.list(caller.teamId(), caller.domainScope(), filter, page);
  }

  private static EventFilter narrowed(EventQueries.Owner owner, EventFilter filter, long id) {
    switch (owner) {
      case MAILBOX:
        return filter.withMailbox(id);
      case ALIAS:
        return filter.withAlias(id);
      default:
        return filter.withDomain(id);
    }
  }
}
