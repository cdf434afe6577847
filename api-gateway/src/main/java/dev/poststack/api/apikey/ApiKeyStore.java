package dev.poststack.api.apikey;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.auth.Permission;
import dev.poststack.api.http.PageRequest;
import dev.poststack.controlplane.apikey.ApiKeyRows;
import dev.poststack.controlplane.apikey.ApiKeySecret;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The API's own key table: lookups by hash for auth, team-scoped management. */
@Component
class ApiKeyStore {
  private static final String COLUMNS =
      "id, name, key_prefix, permission, mode, domain_id, last_used_at, created_at";
  private static final long TOUCH_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  static final String LOOKUPS = "poststack.api.key.lookups";
  private final DatabaseClient db;
  private final ApiKeyCache cache;
  private final ConcurrentHashMap<Long, Long> touchedAt = new ConcurrentHashMap<>();
  private final Counter found;
  private final Counter notFound;

  ApiKeyStore(DatabaseClient db, ApiKeyCache cache, MeterRegistry meters) {
    this.db = db;
    this.cache = cache;
    this.found = lookups(meters, "found");
    this.notFound = lookups(meters, "not_found");
  }

  /** Lookups by hash that reached the database: what a flood of bogus keys could cost. */
  private static Counter lookups(MeterRegistry meters, String result) {
    return Counter.builder(LOOKUPS)
        .description("api_key lookups by hash run against the database, by result")
        .tag("result", result)
        .register(meters);
  }

  /** A live key's caller: from {@link ApiKeyCache} when it holds the key, else one query. */
  Mono<Caller> findActive(String keyHash) {
    long generation = cache.generation();
    return cache
        .find(keyHash)
        .map(Mono::just)
        .orElseGet(
            () -> lookUp(keyHash).doOnNext(caller -> cache.keep(keyHash, caller, generation)));
  }

  private Mono<Caller> lookUp(String keyHash) {
    return db.sql(
            "select id, team_id, permission, domain_id from api_key where key_hash = :h and"
                + " revoked_at is null")
        .bind("h", keyHash)
        .map(
            row ->
                new Caller(
                    row.get("team_id", Long.class),
                    row.get("id", Long.class),
                    Permission.parse(row.get("permission", String.class))
                        .orElse(Permission.SENDING_ACCESS),
                    row.get("domain_id", Long.class)))
        .one()
        .doOnSuccess(caller -> (caller == null ? notFound : found).increment());
  }

  /**
   * At most one write a minute per key: last_used_at is for people, not for accounting. This
   * instance also skips the statement for a key it touched less than a minute ago, so a busy key
   * costs no database round trip per request (the SQL condition still decides across instances).
   */
  Mono<Void> touch(long keyId) {
    long now = System.nanoTime();
    Long last = touchedAt.get(keyId);
    if (last != null && now - last < TOUCH_INTERVAL_NANOS) {
      return Mono.empty();
    }
    touchedAt.put(keyId, now);
    return db.sql(
            "update api_key set last_used_at = now() where id = :id and (last_used_at is null or"
                + " last_used_at < now() - interval '1 minute')")
        .bind("id", keyId)
        .fetch()
        .rowsUpdated()
        .doOnError(e -> touchedAt.remove(keyId, now))
        .then();
  }

  Flux<ApiKeyView> list(long teamId, PageRequest page) {
    return db.sql(
            "select "
                + COLUMNS
                + " from api_key where team_id = :team and revoked_at is null order by id"
                + " limit :limit offset :offset")
        .bind("team", teamId)
        .bind("limit", page.perPage())
        .bind("offset", page.offset())
        .map((row, meta) -> ApiKeyView.of(row))
        .all();
  }

  Mono<Long> count(long teamId) {
    return db.sql("select count(*) as n from api_key where team_id = :team and revoked_at is null")
        .bind("team", teamId)
        .map(row -> row.get("n", Long.class))
        .one();
  }

  Mono<ApiKeyView> find(long teamId, long id) {
    return db.sql(
            "select "
                + COLUMNS
                + " from api_key where team_id = :team and id = :id and revoked_at is null")
        .bind("team", teamId)
        .bind("id", id)
        .map((row, meta) -> ApiKeyView.of(row))
        .one();
  }

  Mono<ApiKeyView> insert(
      long teamId, String name, Permission permission, Long domainId, ApiKeySecret secret) {
    var spec =
        db.sql(ApiKeyRows.INSERT + " returning " + COLUMNS)
            .bind("team", teamId)
            .bind("name", name)
            .bind("hash", secret.hash())
            .bind("prefix", secret.displayPrefix())
            .bind("perm", permission.wire());
    spec = domainId == null ? spec.bindNull("domain", Long.class) : spec.bind("domain", domainId);
    return spec.map((row, meta) -> ApiKeyView.of(row).withSecret(secret)).one();
  }

  /** A new secret in place: same id, name, permission and scope; the old secret stops at once. */
  Mono<ApiKeyView> rotate(long teamId, long id, ApiKeySecret secret) {
    return db.sql(
            "update api_key set key_hash = :hash, key_prefix = :prefix where team_id = :team and id"
                + " = :id and revoked_at is null returning "
                + COLUMNS)
        .bind("hash", secret.hash())
        .bind("prefix", secret.displayPrefix())
        .bind("team", teamId)
        .bind("id", id)
        .map((row, meta) -> ApiKeyView.of(row).withSecret(secret))
        .one()
        .doOnNext(rotated -> cache.forgetKey(id));
  }

  Mono<Boolean> revoke(long teamId, long id) {
    return db.sql(
            "update api_key set revoked_at = now() where team_id = :team and id = :id and"
                + " revoked_at is null")
        .bind("team", teamId)
        .bind("id", id)
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1)
        .doOnNext(
            revoked -> {
              if (revoked) {
                cache.forgetKey(id);
              }
            });
  }
}
