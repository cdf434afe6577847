package dev.poststack.api.idempotency;

import dev.poststack.api.auth.BearerToken;
import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.JsonBody;
import dev.poststack.api.http.ProblemResponses;
import dev.poststack.api.http.RequestBodies;
import dev.poststack.api.http.StoredResponse;
import dev.poststack.api.outcome.EventJournal;
import dev.poststack.api.outcome.EventResumer;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs every write (POST, PATCH, DELETE) with Stripe's {@code Idempotency-Key} semantics: the first
 * request claims the key in PostgreSQL; a repeat of the same request by the same API key replays
 * the stored answer (status and body); anything else under the same key is refused (422); a repeat
 * while the first is still running waits for it, then replays, or answers 409. Answers that depend
 * only on the request (validation, auth, rate, 5xx) release the claim so a corrected retry can run,
 * except once the request recorded the event it was about to publish: that event may be in the log
 * and applied, so a retry publishes that same event again and answers from its outcome.
 */
@Component
public class Writes {
  public static final String HEADER = "Idempotency-Key";
  private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
  private static final Duration POLL = Duration.ofMillis(50);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RequestBodies bodies;
  private final IdempotencyStore store;
  private final TransactionalOperator transactions;
  private final ApiProperties.Idempotency settings;
  private final EventResumer resumer;
  private final EventCodec codec = new EventCodec();

  public Writes(
      RequestBodies bodies,
      IdempotencyStore store,
      ReactiveTransactionManager transactions,
      ApiProperties properties,
      EventResumer resumer) {
    this.resumer = resumer;
    this.bodies = bodies;
    this.store = store;
    this.transactions = TransactionalOperator.create(transactions);
    this.settings = properties.idempotency();
  }

  /** A write whose effect lies outside the API's own tables (an event the provisioner applies). */
  public Mono<ResponseEntity<byte[]>> handle(
      ServerWebExchange exchange, Function<JsonBody, Mono<ApiResponse>> action) {
    return handle(exchange, action, false);
  }

  /**
   * A write whose whole effect is on the API's own tables (API keys): that change and its stored
   * answer commit in one transaction, so a failure, 5xx included, or a lost claim leaves neither,
   * and a retry can neither double the change nor miss its answer.
   */
  public Mono<ResponseEntity<byte[]>> handleInOneTransaction(
      ServerWebExchange exchange, Function<JsonBody, Mono<ApiResponse>> action) {
    return handle(exchange, action, true);
  }

  /**
   * A bulk write: its body is a list ({@link JsonBody#parseList}) of at most {@code maxItems} items
   * in at most {@code maxBytes}, JSON or NDJSON. Under an Idempotency-Key the whole answer is kept
   * and replayed like any other; the events it publishes are not recorded one by one, because each
   * item's own check makes a rerun after a crash answer the items already applied as existing.
   */
  public Mono<ResponseEntity<byte[]>> handleList(
      ServerWebExchange exchange,
      String member,
      int maxItems,
      int maxBytes,
      Function<JsonBody, Mono<ApiResponse>> action) {
    boolean ndjson = RequestBodies.isNdjson(exchange);
    return handle(
        exchange,
        bodies
            .read(exchange, maxBytes, true)
            .map(bytes -> JsonBody.parseList(bytes, ndjson, member, maxItems)),
        action,
        false);
  }

  private Mono<ResponseEntity<byte[]>> handle(
      ServerWebExchange exchange, Function<JsonBody, Mono<ApiResponse>> action, boolean atomic) {
    return handle(exchange, bodies.read(exchange).map(JsonBody::parse), action, atomic);
  }

  private Mono<ResponseEntity<byte[]>> handle(
      ServerWebExchange exchange,
      Mono<JsonBody> requestBody,
      Function<JsonBody, Mono<ApiResponse>> action,
      boolean atomic) {
    Caller caller = Caller.of(exchange);
    caller.requireWrite(); // every write of this API needs full_access; refuse before reading the
    // body
    String key = exchange.getRequest().getHeaders().getFirst(HEADER);
    if (key != null && !SANE_KEY.matcher(key).matches()) {
      return Mono.error(
          ApiException.validation(HEADER, "must be 1 to 255 printable ASCII characters"));
    }
    return requestBody
        .<StoredResponse>flatMap(
            body -> {
              if (key == null) {
                return Mono.defer(() -> action.apply(body)).map(answer -> answer.render());
              }
              ClientKeys keys = ClientKeys.of(key, bearerToken(exchange));
              Claim claim =
                  new Claim(
                      caller.teamId(),
                      keys.lookup(),
                      caller.credentialId(),
                      caller.domainScope(),
                      RequestFingerprint.of(exchange.getRequest(), body, keys),
                      newToken());
              // Detached from the HTTP exchange: a client that hangs up (the SDK's timeout) must
              // not cancel a claimed write halfway, or its retry would find the key stuck in
              // progress.
              Attempt attempt =
                  new Attempt(claim, keys, caller, exchange.getRequest().getPath().value());
              return Mono.fromFuture(claimThenRun(attempt, body, action, atomic).toFuture(), true);
            })
        .map(StoredResponse::toEntity);
  }

  private Mono<StoredResponse> claimThenRun(
      Attempt attempt,
      JsonBody body,
      Function<JsonBody, Mono<ApiResponse>> action,
      boolean atomic) {
    Claim claim = attempt.claim();
    return store
        .claim(claim)
        .flatMap(
            claimed ->
                claimed
                    ? run(attempt, body, action, atomic, null)
                    : store
                        .takeOver(claim, settings.staleAfter(), settings.retention())
                        .flatMap(taken -> run(attempt, body, action, atomic, taken.sealedEvent()))
                        .switchIfEmpty(Mono.defer(() -> replay(claim, attempt.keys()))));
  }

  /**
   * Runs the request, or, when an earlier attempt of it recorded an event ({@code sealedEvent}),
   * publishes that event again and answers from its outcome: running it anew would publish a second
   * change that fails against the first one's effect, which may have been applied.
   */
  private Mono<StoredResponse> run(
      Attempt attempt,
      JsonBody body,
      Function<JsonBody, Mono<ApiResponse>> action,
      boolean atomic,
      String sealedEvent) {
    Claim claim = attempt.claim();
    ClientKeys keys = attempt.keys();
    Mono<ApiResponse> answer =
        sealedEvent == null
            ? Mono.defer(() -> action.apply(body))
                .contextWrite(context -> context.put(EventJournal.class, journal(claim, keys)))
            : Mono.defer(
                () ->
                    resumer.resume(
                        codec.decode(keys.open(sealedEvent, eventContext(claim))),
                        attempt.caller(),
                        attempt.path()));
    Mono<StoredResponse> work =
        answer.flatMap(
            done ->
                store
                    .complete(claim, done.renderWithoutSecret(), sealed(done, keys, claim))
                    .flatMap(
                        won ->
                            won
                                ? Mono.just(done.render())
                                : Mono.<StoredResponse>error(new ClaimLost())));
    Mono<StoredResponse> settled =
        (atomic ? transactions.transactional(work) : work)
            .onErrorResume(failure -> settle(claim, keys, failure));
    return Mono.using(() -> heartbeat(claim), beat -> settled, Disposable::dispose);
  }

  /** Keeps the event sealed under the client's keys: it holds a password hash. */
  private EventJournal journal(Claim claim, ClientKeys keys) {
    return event ->
        store
            .recordEvent(
                claim,
                Events.envelope(event).getEventId(),
                keys.seal(codec.encode(event), eventContext(claim)))
            .flatMap(held -> held ? Mono.<Void>empty() : Mono.error(new ClaimLost()));
  }

  /** What a failed or lost run answers, and what becomes of its claim. */
  private Mono<StoredResponse> settle(Claim claim, ClientKeys keys, Throwable failure) {
    if (failure instanceof ClaimLost) {
      // Taken over while it ran (it looked dead): the taker's answer is the key's answer, so
      // this one answers like any retry of the same request would.
      return replay(claim, keys);
    }
    if (failure instanceof ApiException e && !e.isRequestRefusal()) {
      // a decided outcome (404, 409, 422 from the provisioner): replayed like a success
      return store
          .complete(claim, ProblemResponses.render(e), null)
          .flatMap(won -> won ? Mono.<StoredResponse>error(e) : replay(claim, keys));
    }
    return store.release(claim).onErrorResume(ignored -> Mono.empty()).then(Mono.error(failure));
  }

  /**
   * Keeps the claim fresh while its request runs, so a slow request is never taken for a dead one
   * (the taker would run it a second time); only a claim silent for {@code stale-after} is.
   */
  private Disposable heartbeat(Claim claim) {
    Duration every = settings.staleAfter().dividedBy(3);
    return Flux.interval(every)
        .concatMap(tick -> store.heartbeat(claim).onErrorResume(e -> Mono.just(true)))
        .takeWhile(held -> held)
        .subscribe();
  }

  /** Waits for a twin in flight, then replays its answer if this is the same request. */
  private Mono<StoredResponse> replay(Claim claim, ClientKeys keys) {
    return store
        .find(claim.teamId(), claim.keyHash())
        .expand(
            rec ->
                Replays.decide(claim, rec) == Replays.Verdict.IN_FLIGHT
                    ? Mono.delay(POLL).then(store.find(claim.teamId(), claim.keyHash()))
                    : Mono.empty())
        .filter(rec -> Replays.decide(claim, rec) != Replays.Verdict.IN_FLIGHT)
        .next()
        .timeout(settings.inFlightWait(), Mono.error(inProgress()))
        .flatMap(
            rec ->
                switch (Replays.decide(claim, rec)) {
                  case ANOTHER_KEY ->
                      Mono.error(
                          reused("this Idempotency-Key was used by another API key of the team"));
                  case ANOTHER_REQUEST ->
                      Mono.error(reused("this Idempotency-Key was used with a different request"));
                  case OUT_OF_SCOPE ->
                      Mono.error(
                          ApiException.forbidden(
                              "this API key's domain scope has changed since it made this"
                                  + " request"));
                  case REPLAY -> Mono.just(stored(rec, keys, claim));
                  case IN_FLIGHT -> Mono.error(inProgress());
                })
        .switchIfEmpty(Mono.error(inProgress()));
  }

  private static String sealed(ApiResponse answer, ClientKeys keys, Claim claim) {
    return answer.holdsSecret() ? keys.seal(answer.render().body(), sealContext(claim)) : null;
  }

  private static StoredResponse stored(IdempotencyRecord rec, ClientKeys keys, Claim claim) {
    StoredResponse clear = rec.response();
    return rec.sealedBody() == null
        ? clear
        : new StoredResponse(
            clear.status(), clear.contentType(), keys.open(rec.sealedBody(), sealContext(claim)));
  }

  /** Ties a sealed answer to its record, so it cannot be moved to another one. */
  private static String sealContext(Claim claim) {
    return claim.teamId() + "/" + claim.keyHash();
  }

  /** The same for a recorded event, and apart from the answer: neither opens as the other. */
  private static String eventContext(Claim claim) {
    return sealContext(claim) + "/event";
  }

  /** One request under an Idempotency-Key: its claim, the client's keys, who and where. */
  private record Attempt(Claim claim, ClientKeys keys, Caller caller, String path) {}

  /** The token authentication accepted; an input of the client's keys, never stored. */
  private static String bearerToken(ServerWebExchange exchange) {
    String token = BearerToken.of(exchange);
    if (token == null) {
      throw ApiException.unauthorized("missing API key");
    }
    return token;
  }

  private static String newToken() {
    byte[] token = new byte[16];
    RANDOM.nextBytes(token);
    return HexFormat.of().formatHex(token);
  }

  private static ApiException reused(String message) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused", message);
  }

  private static ApiException inProgress() {
    return new ApiException(
        HttpStatus.CONFLICT,
        "idempotency_request_in_progress",
        "a request with this Idempotency-Key is still being processed; retry later");
  }

  /** The claim was taken over while its request ran; its answer is not the one kept. */
  private static final class ClaimLost extends RuntimeException {
    ClaimLost() {
      super("idempotency claim taken over", null, false, false);
    }
  }
}
