package dev.poststack.api.idempotency;

import dev.poststack.api.http.StoredResponse;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.Purge;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The claims and stored answers in PostgreSQL, so every API instance sees the same ones. Only the
 * holder of a claim's token may keep it alive, complete it or release it.
 */
@Component
class IdempotencyStore implements Purge {
  private static final String WHERE_MINE =
      " where team_id = :team and key_hash = :key and claim_token = :token"
          + " and state = 'in_progress'";
  private final DatabaseClient db;
  private final Duration retention;

  IdempotencyStore(DatabaseClient db, ApiProperties properties) {
    this.db = db;
    this.retention = properties.idempotency().retention();
  }

  @Override
  public String name() {
    return "idempotency";
  }

  /** Records past {@code poststack.idempotency.retention}. */
  @Override
  public Mono<Long> purge() {
    return purgeOlderThan(retention);
  }

  /** True when this request now owns the key; false when a record already exists. */
  Mono<Boolean> claim(Claim claim) {
    return bindClaim(
            db.sql(
                """
                insert into idempotency_record
                  (team_id, key_hash, api_key_id, key_domain_scope, fingerprint, claim_token, state)
                values (:team, :key, :apiKey, :scope, :fp, :token, 'in_progress')
                on conflict do nothing\
                """),
            claim)
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1);
  }

  /**
   * Takes over a claim of the same request (same API key, same fingerprint) that has shown no sign
   * of life for {@code staleAfter} (its instance died) or that failed after recording its event
   * ({@code uncertain}), or any record past {@code retention}. Empty when the key stays another's;
   * else what was taken, with the event an earlier attempt of this request recorded, which the
   * taker publishes again instead of running the request anew.
   */
  Mono<TakenOver> takeOver(Claim claim, Duration staleAfter, Duration retention) {
    return bindClaim(
            db.sql(
                """
                update idempotency_record
                   set api_key_id = :apiKey, key_domain_scope = :scope, fingerprint = :fp,
                       claim_token = :token, state = 'in_progress', response_status = null,
                       response_content_type = null, response_body = null, sealed_body = null,
                       event_id = case when created_at < now() - make_interval(secs => :retention)
                                       then null else event_id end,
                       sealed_event = case when created_at < now() - make_interval(secs => :retention)
                                           then null else sealed_event end,
                       created_at = now(), updated_at = now()
                 where team_id = :team and key_hash = :key
                   and ((api_key_id = :apiKey and fingerprint = :fp
                         and (state = 'uncertain'
                              or (state = 'in_progress'
                                  and updated_at < now() - make_interval(secs => :stale))))
                        or created_at < now() - make_interval(secs => :retention))
                returning sealed_event\
                """),
            claim)
        .bind("stale", seconds(staleAfter))
        .bind("retention", seconds(retention))
        .map(row -> new TakenOver(row.get("sealed_event", String.class)))
        .one();
  }

  /** A claim taken over; {@code sealedEvent} is null when no earlier attempt recorded an event. */
  record TakenOver(String sealedEvent) {}

  /**
   * Keeps the event this claim's request is about to publish, before it is published, so a retry
   * after a failure or a crash publishes that same event again; false when the claim is no longer
   * held (then it must not publish at all).
   */
  Mono<Boolean> recordEvent(Claim claim, UUID eventId, String sealedEvent) {
    return mine(
            db.sql(
                "update idempotency_record set event_id = :event, sealed_event = :sealed,"
                    + " updated_at = now()"
                    + WHERE_MINE),
            claim)
        .bind("event", eventId)
        .bind("sealed", sealedEvent)
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1);
  }

  /** The claim's sign of life while its request runs; false once the claim is no longer held. */
  Mono<Boolean> heartbeat(Claim claim) {
    return mine(db.sql("update idempotency_record set updated_at = now()" + WHERE_MINE), claim)
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1);
  }

  Mono<IdempotencyRecord> find(long teamId, String keyHash) {
    return db.sql(
            """
            select api_key_id, key_domain_scope, fingerprint, state, response_status,
                   response_content_type, response_body, sealed_body, updated_at, created_at
              from idempotency_record where team_id = :team and key_hash = :key\
            """)
        .bind("team", teamId)
        .bind("key", keyHash)
        .map(
            row -> {
              boolean completed = "completed".equals(row.get("state", String.class));
              StoredResponse response =
                  completed
                      ? new StoredResponse(
                          row.get("response_status", Integer.class),
                          row.get("response_content_type", String.class),
                          bytes(row.get("response_body", String.class)))
                      : null;
              return new IdempotencyRecord(
                  row.get("api_key_id", Long.class),
                  row.get("key_domain_scope", Long.class),
                  row.get("fingerprint", String.class),
                  completed,
                  response,
                  row.get("sealed_body", String.class),
                  row.get("updated_at", Instant.class),
                  row.get("created_at", Instant.class));
            })
        .one();
  }

  /**
   * Stores the answer if this claim still holds the key; false when it was taken over meanwhile
   * (the taker's answer stands).
   */
  Mono<Boolean> complete(Claim claim, StoredResponse response, String sealedBody) {
    var spec =
        mine(
                db.sql(
                    "update idempotency_record set state = 'completed', response_status = :status,"
                        + " response_content_type = :type, response_body = :body,"
                        + " sealed_body = :sealed, sealed_event = null, updated_at = now()"
                        + WHERE_MINE),
                claim)
            .bind("status", response.status())
            .bind("type", response.contentType())
            .bind("body", new String(response.body(), StandardCharsets.UTF_8));
    spec =
        sealedBody == null
            ? spec.bindNull("sealed", String.class)
            : spec.bind("sealed", sealedBody);
    return spec.fetch().rowsUpdated().map(n -> n == 1);
  }

  /**
   * Gives the key back after a failure that decided nothing: deleted, so a corrected retry runs
   * anew; but kept as {@code uncertain} when this request recorded an event, which may have reached
   * the log and been applied, so its retry publishes that event again instead.
   */
  Mono<Void> release(Claim claim) {
    return mine(
            db.sql(
                "update idempotency_record set state = 'uncertain', updated_at = now()"
                    + WHERE_MINE
                    + " and sealed_event is not null"),
            claim)
        .fetch()
        .rowsUpdated()
        .flatMap(
            kept ->
                kept == 1
                    ? Mono.just(kept)
                    : mine(db.sql("delete from idempotency_record" + WHERE_MINE), claim)
                        .fetch()
                        .rowsUpdated())
        .then();
  }

  Mono<Long> purgeOlderThan(Duration retention) {
    return db.sql(
            "delete from idempotency_record where created_at < now() - make_interval(secs =>"
                + " :retention)")
        .bind("retention", seconds(retention))
        .fetch()
        .rowsUpdated();
  }

  private static DatabaseClient.GenericExecuteSpec bindClaim(
      DatabaseClient.GenericExecuteSpec spec, Claim claim) {
    spec =
        spec.bind("team", claim.teamId())
            .bind("key", claim.keyHash())
            .bind("apiKey", claim.apiKeyId())
            .bind("fp", claim.fingerprint())
            .bind("token", claim.token());
    return claim.domainScope() == null
        ? spec.bindNull("scope", Long.class)
        : spec.bind("scope", claim.domainScope());
  }

  private static DatabaseClient.GenericExecuteSpec mine(
      DatabaseClient.GenericExecuteSpec spec, Claim claim) {
    return spec.bind("team", claim.teamId())
        .bind("key", claim.keyHash())
        .bind("token", claim.token());
  }

  /** Millisecond precision, so short settings (tests) mean what they say. */
  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  /** Answers are JSON text; kept as text so a dump of the table is readable (and auditable). */
  private static byte[] bytes(String body) {
    return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
  }
}
