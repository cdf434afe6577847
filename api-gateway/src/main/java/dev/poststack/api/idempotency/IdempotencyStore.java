package dev.poststack.api.idempotency;

import dev.poststack.api.http.StoredResponse;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.Purge;
import java.time.Duration;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The claims and stored answers in PostgreSQL, so every API instance sees the same ones. */
@Component
class IdempotencyStore implements Purge {
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
  Mono<Boolean> claim(long teamId, String key, String fingerprint) {
    return db.sql(
            """
            insert into idempotency_record (team_id, idempotency_key, fingerprint, state)
            values (:team, :key, :fp, 'in_progress') on conflict do nothing\
            """)
        .bind("team", teamId)
        .bind("key", key)
        .bind("fp", fingerprint)
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1);
  }

  /** Takes over a claim left in progress by a dead instance, or an expired record. */
  Mono<Boolean> takeOver(
      long teamId, String key, String fingerprint, Duration staleAfter, Duration retention) {
    return db.sql(
            """
            update idempotency_record
               set fingerprint = :fp, state = 'in_progress', response_status = null,
                   response_content_type = null, response_body = null, password_hash = null,
                   created_at = now(), updated_at = now()
             where team_id = :team and idempotency_key = :key
               and ((state = 'in_progress' and updated_at < now() - make_interval(secs => :stale))
                    or created_at < now() - make_interval(secs => :retention))\
            """)
        .bind("team", teamId)
        .bind("key", key)
        .bind("fp", fingerprint)
        .bind("stale", (double) staleAfter.toSeconds())
        .bind("retention", (double) retention.toSeconds())
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1);
  }

  Mono<IdempotencyRecord> find(long teamId, String key) {
    return db.sql(
            """
            select fingerprint, state, response_status, response_content_type, response_body,
                   password_hash, updated_at, created_at
              from idempotency_record where team_id = :team and idempotency_key = :key\
            """)
        .bind("team", teamId)
        .bind("key", key)
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
                  row.get("fingerprint", String.class),
                  completed,
                  response,
                  row.get("password_hash", String.class),
                  row.get("updated_at", Instant.class),
                  row.get("created_at", Instant.class));
            })
        .one();
  }

  Mono<Void> complete(long teamId, String key, StoredResponse response, String passwordHash) {
    var spec =
        db.sql(
                """
                update idempotency_record
                   set state = 'completed', response_status = :status, response_content_type = :type,
                       response_body = :body, password_hash = :pw, updated_at = now()
                 where team_id = :team and idempotency_key = :key\
                """)
            .bind("team", teamId)
            .bind("key", key)
            .bind("status", response.status())
            .bind("type", response.contentType())
            .bind("body", new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    spec = passwordHash == null ? spec.bindNull("pw", String.class) : spec.bind("pw", passwordHash);
    return spec.fetch().rowsUpdated().then();
  }

  Mono<Void> release(long teamId, String key) {
    return db.sql(
            "delete from idempotency_record where team_id = :team and idempotency_key = :key and"
                + " state = 'in_progress'")
        .bind("team", teamId)
        .bind("key", key)
        .fetch()
        .rowsUpdated()
        .then();
  }

  Mono<Long> purgeOlderThan(Duration retention) {
    return db.sql(
            "delete from idempotency_record where created_at < now() - make_interval(secs =>"
                + " :retention)")
        .bind("retention", (double) retention.toSeconds())
        .fetch()
        .rowsUpdated();
  }

  /** Answers are JSON text; kept as text so a dump of the table is readable (and auditable). */
  private static byte[] bytes(String body) {
    return body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
