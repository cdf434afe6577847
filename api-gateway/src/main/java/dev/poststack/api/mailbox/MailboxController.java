package dev.poststack.api.mailbox;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.Page;
import dev.poststack.api.http.PageRequest;
import dev.poststack.api.http.RequestIds;
import dev.poststack.api.idempotency.Writes;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.util.List;
import java.util.Map;
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

/** {@code /mailboxes}: the docs page's contract, plus the SDK's id forms. */
@RestController
class MailboxController {
  private final MailboxService service;
  private final MailboxQueries store;
  private final Writes writes;

  private final MailboxImports imports;
  private final ApiProperties.Imports importSettings;

  public MailboxController(
      MailboxService service,
      MailboxQueries store,
      Writes writes,
      MailboxImports imports,
      ApiProperties properties) {
    this.service = service;
    this.store = store;
    this.writes = writes;
    this.imports = imports;
    this.importSettings = properties.imports();
  }

  @PostMapping("/mailboxes")
  public Mono<ResponseEntity<byte[]>> create(ServerWebExchange exchange) {
    return writes.handle(
        exchange,
        body ->
            service.create(
                Caller.of(exchange), MailboxRequests.create(body), RequestIds.of(exchange)));
  }

  @PostMapping("/mailboxes/import")
  @Operation(
      summary = "Import many mailboxes (and their aliases) in one request, each row on its own",
      description =
          "Body: a JSON array of rows, {\"mailboxes\": [rows]}, or NDJSON"
              + " (Content-Type: application/x-ndjson, one row per line); at most 10,000 rows"
              + " (POSTSTACK_IMPORTS_MAX_ROWS). A row: {email, password | passwordHash,"
              + " displayName?, quotaBytes?, webhookEnabled?, aliases?: [address, …]} with the"
              + " single create's rules; passwordHash keeps a hash an earlier system made"
              + " ({SHA512-CRYPT}, {SHA256-CRYPT}, {BLF-CRYPT}, {ARGON2ID}, bounded cost;"
              + " POSTSTACK_IMPORTS_HASH_SCHEMES). Answers 200 {data: [{row, email, status,"
              + " mailbox?: {id, publicId}, error?: {code, message, errors?}, operation?,"
              + " aliases?: [{email, status, alias?, error?, operation?}]}], meta: {rows, created,"
              + " exists, refused, pending}}. status: created; exists (a mailbox with the same"
              + " password, displayName, quotaBytes and webhookEnabled is already there, so running"
              + " the same rows again creates nothing twice); refused (error says why:"
              + " validation_error, domain_not_found, domain_not_verified, address_taken,"
              + " duplicate_address, limit_reached, …); pending (not applied within the wait;"
              + " poll the operation or run the import again). Every row is its own event in the"
              + " audit log. Under an Idempotency-Key the whole answer is replayed. 409"
              + " import_in_progress while another import of the team runs on any instance.")
  public Mono<ResponseEntity<byte[]>> importMailboxes(ServerWebExchange exchange) {
    return writes.handleList(
        exchange,
        ImportRows.MEMBER,
        importSettings.maxRows(),
        importSettings.maxBodyBytes(),
        body -> imports.run(Caller.of(exchange), body, RequestIds.of(exchange)));
  }

  @GetMapping("/mailboxes")
  @Operation(
      summary = "The team's live mailboxes, a page at a time",
      description =
          "{data, meta}. Each mailbox carries lastLoginAt (latest login on any mail host),"
              + " usedBytes, messageCount and usageReportedAt (null until a host reports).")
  @Parameters({
    @Parameter(in = ParameterIn.QUERY, name = "page", description = "1.., default 1"),
    @Parameter(in = ParameterIn.QUERY, name = "per_page", description = "1..100, default 50"),
    @Parameter(in = ParameterIn.QUERY, name = "domain_id", description = "Numeric id or dom_…"),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "sort",
        description =
            "id (default), createdAt, usedBytes or lastLoginAt; a leading - sorts descending."
                + " Mailboxes without a report come first ascending, last descending; ties by id"
                + " in the same direction"),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "usage_above_percent",
        description =
            "0..1000: only mailboxes whose reported usage is at least this percent of their"
                + " quota"),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "q",
        description =
            "Only mailboxes whose address starts with this text (case-insensitive), e.g. sup or"
                + " support@exa"),
    @Parameter(in = ParameterIn.QUERY, name = "status", description = "active or suspended"),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "include",
        description =
            "propagation: each mailbox also shows on how many live mail hosts its latest change"
                + " is applied, as GET /mailboxes/:id does")
  })
  public Mono<Page<MailboxView>> list(ServerWebExchange exchange) {
    Caller caller = Caller.of(exchange);
    var query = exchange.getRequest().getQueryParams();
    PageRequest page = PageRequest.from(query);
    MailboxListQuery listQuery = MailboxListQuery.from(query);
    String domainFilter = query.getFirst("domain_id");
    boolean propagation = includesPropagation(query.getFirst("include"));
    if (domainFilter == null || domainFilter.isEmpty()) {
      return store
          .list(caller.teamId(), null, caller.domainScope(), listQuery, page)
          .flatMap(p -> propagation ? withPropagation(p) : Mono.just(p));
    }
    // a filter naming no domain of this team lists nothing, as an empty domain would
    return service
        .domainFilter(caller, domainFilter)
        .flatMap(
            domainId ->
                store.list(caller.teamId(), domainId, caller.domainScope(), listQuery, page))
        .flatMap(p -> propagation ? withPropagation(p) : Mono.just(p))
        .switchIfEmpty(Mono.fromSupplier(() -> Page.of(List.of(), page, 0)));
  }

  private static boolean includesPropagation(String include) {
    if (include == null || include.isEmpty()) {
      return false;
    }
    if (include.equals("propagation")) {
      return true;
    }
    throw dev.poststack.api.problem.ApiException.validation("include", "must be propagation");
  }

  /** Each listed mailbox with its propagation, as GET /mailboxes/:id shows it. */
  private Mono<Page<MailboxView>> withPropagation(Page<MailboxView> listed) {
    return reactor.core.publisher.Flux.fromIterable(listed.data())
        .flatMapSequential(store::withPropagation, 4)
        .collectList()
        .map(data -> new Page<>(data, listed.meta()));
  }

  @GetMapping("/mailboxes/{id}")
  public Mono<Map<String, MailboxView>> get(@PathVariable String id, ServerWebExchange exchange) {
    return service
        .require(Caller.of(exchange), ref(id))
        .flatMap(store::withPropagation)
        .map(m -> Map.of("mailbox", m));
  }

  @PatchMapping("/mailboxes/{id}")
  public Mono<ResponseEntity<byte[]>> update(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handle(
        exchange,
        body ->
            service.update(
                Caller.of(exchange),
                ref(id),
                MailboxRequests.update(body),
                RequestIds.of(exchange)));
  }

  @PostMapping("/mailboxes/{id}/password")
  public Mono<ResponseEntity<byte[]>> changePassword(
      @PathVariable String id, ServerWebExchange exchange) {
    return writes.handle(
        exchange,
        body ->
            service.changePassword(
                Caller.of(exchange),
                ref(id),
                MailboxRequests.changePassword(body),
                RequestIds.of(exchange)));
  }

  @DeleteMapping("/mailboxes/{id}")
  public Mono<ResponseEntity<byte[]>> delete(@PathVariable String id, ServerWebExchange exchange) {
    return writes.handle(
        exchange, body -> service.delete(Caller.of(exchange), ref(id), RequestIds.of(exchange)));
  }

  static IdRef ref(String raw) {
    return IdRef.parse(raw, "mb_")
        .orElseThrow(
            () -> new ApiException(HttpStatus.NOT_FOUND, "mailbox_not_found", "mailbox not found"));
  }
}
