package dev.poststack.api.idempotency;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.http.JsonBody;
import dev.poststack.api.http.ProblemResponses;
import dev.poststack.api.http.RequestBodies;
import dev.poststack.api.http.StoredResponse;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import dev.poststack.api.work.WorkPool;
import dev.poststack.api.work.WorkPools;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Runs every write (POST, PATCH, DELETE) with Stripe's {@code Idempotency-Key} semantics: the first
 * request claims the key in PostgreSQL; a repeat of the same request replays the stored answer
 * (status and body); a different request under the same key is refused (422); a repeat while the
 * first is still running waits for it, then replays, or answers 409. Answers that depend only on
 * the request (validation, auth, rate, 5xx) release the claim so a corrected retry can run.
 */
@Component
public class Writes {
  public static final String HEADER = "Idempotency-Key";
  private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
  private static final Duration POLL = Duration.ofMillis(50);

  private final RequestBodies bodies;
  private final IdempotencyStore store;
  private final SecretMatcher hasher;
  private final ApiProperties.Idempotency settings;
  private final WorkPool hashing;

  public Writes(
      RequestBodies bodies,
      IdempotencyStore store,
      SecretMatcher hasher,
      ApiProperties properties,
      WorkPools work) {
    this.bodies = bodies;
    this.store = store;
    this.hasher = hasher;
    this.settings = properties.idempotency();
    this.hashing = work.hashing();
  }

  public Mono<ResponseEntity<byte[]>> handle(
      ServerWebExchange exchange, Function<JsonBody, Mono<ApiResponse>> action) {
    Caller caller = Caller.of(exchange);
    caller.requireWrite(); // every write of this API needs full_access; refuse before reading the
    // body
    String key = exchange.getRequest().getHeaders().getFirst(HEADER);
    if (key != null && !SANE_KEY.matcher(key).matches()) {
      return Mono.error(
          ApiException.validation(HEADER, "must be 1 to 255 printable ASCII characters"));
    }
    return bodies
        .read(exchange)
        .map(JsonBody::parse)
        .<StoredResponse>flatMap(
            body -> {
              if (key == null) {
                return Mono.defer(() -> action.apply(body)).map(answer -> answer.render());
              }
              String fingerprint = RequestFingerprint.of(exchange.getRequest(), body);
              // Detached from the HTTP exchange: a client that hangs up (the SDK's timeout) must
              // not
              // cancel a claimed write halfway, or its retry would find the key stuck in progress.
              return Mono.fromFuture(
                  claimThenRun(caller.teamId(), key, fingerprint, body, action).toFuture(), true);
            })
        .map(StoredResponse::toEntity);
  }

  private Mono<StoredResponse> claimThenRun(
      long team,
      String key,
      String fingerprint,
      JsonBody body,
      Function<JsonBody, Mono<ApiResponse>> action) {
    return store
        .claim(team, key, fingerprint)
        .flatMap(
            claimed ->
                claimed
                    ? Mono.just(true)
                    : store.takeOver(
                        team, key, fingerprint, settings.staleAfter(), settings.retention()))
        .flatMap(
            owned ->
                owned
                    ? run(team, key, body, action)
                    : replay(team, key, fingerprint, RequestFingerprint.secretOf(body)));
  }

  private Mono<StoredResponse> run(
      long team, String key, JsonBody body, Function<JsonBody, Mono<ApiResponse>> action) {
    return Mono.defer(() -> action.apply(body))
        .flatMap(
            answer ->
                store
                    .complete(team, key, answer.renderForReplay(), answer.passwordHash())
                    .thenReturn(answer.render()))
        .onErrorResume(
            failure -> {
              if (failure instanceof ApiException e && !e.isRequestRefusal()) {
                // a decided outcome (404, 409, 422 from the provisioner): replayed like a success
                return store
                    .complete(team, key, ProblemResponses.render(e), null)
                    .then(Mono.error(e));
              }
              return store
                  .release(team, key)
                  .onErrorResume(ignored -> Mono.empty())
                  .then(Mono.error(failure));
            });
  }

  /** Waits for a twin in flight, then replays its answer if this is the same request. */
  private Mono<StoredResponse> replay(long team, String key, String fingerprint, String secret) {
    return store
        .find(team, key)
        .expand(
            rec -> rec.completed() ? Mono.empty() : Mono.delay(POLL).then(store.find(team, key)))
        .filter(IdempotencyRecord::completed)
        .next()
        .timeout(settings.inFlightWait(), Mono.error(inProgress()))
        .flatMap(
            rec -> {
              if (!rec.fingerprint().equals(fingerprint)) {
                return Mono.error(reused());
              }
              return samePassword(team, secret, rec.passwordHash())
                  .flatMap(same -> same ? Mono.just(rec.response()) : Mono.error(reused()));
            })
        .switchIfEmpty(Mono.error(inProgress()));
  }

  private Mono<Boolean> samePassword(long team, String secret, String storedHash) {
    if (secret == null || storedHash == null) {
      return Mono.just(true);
    }
    return hashing.run(team, () -> hasher.matches(secret, storedHash)); // a hash: the team's line
  }

  private static ApiException reused() {
    return new ApiException(
        HttpStatus.UNPROCESSABLE_CONTENT,
        "idempotency_key_reused",
        "this Idempotency-Key was used with a different request");
  }

  private static ApiException inProgress() {
    return new ApiException(
        HttpStatus.CONFLICT,
        "idempotency_request_in_progress",
        "a request with this Idempotency-Key is still being processed; retry later");
  }
}
