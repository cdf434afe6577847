package dev.poststack.api.mailbox;

import java.time.Duration;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One import of a team at a time across every API instance: two at once would race each other for
 * the same addresses (one row created, its twin refused as taken) and double the team's share of
 * the hash pool. The claim is a row of {@code import_claim} (api V15), taken by one statement, kept
 * alive by a heartbeat while the import runs and deleted at its end; a claim whose heartbeat
 * stopped for {@link #STALE} (its instance died mid-import) is taken over.
 */
@Component
class ImportClaims {
  static final Duration HEARTBEAT = Duration.ofSeconds(10);
  static final Duration STALE = Duration.ofSeconds(60);

  private final DatabaseClient db;

  ImportClaims(DatabaseClient db) {
    this.db = db;
  }

  /** True when this token now holds the team's claim: none was held, or the last one is stale. */
  Mono<Boolean> claim(long teamId, UUID token) {
    return db.sql(
            "insert into import_claim (team_id, claim_token) values (:team, :token) on conflict"
                + " (team_id) do update set claim_token = excluded.claim_token, claimed_at ="
                + " now(), heartbeat_at = now() where import_claim.heartbeat_at < now() -"
                + " make_interval(secs => :stale)")
        .bind("team", teamId)
        .bind("token", token)
        .bind("stale", (double) STALE.toSeconds())
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1);
  }

  /** The import still runs (a claim taken over meanwhile is no longer this token's: no row). */
  Mono<Void> beat(long teamId, UUID token) {
    return db.sql(
            "update import_claim set heartbeat_at = now() where team_id = :team and claim_token"
                + " = :token")
        .bind("team", teamId)
        .bind("token", token)
        .fetch()
        .rowsUpdated()
        .then();
  }

  Mono<Void> release(long teamId, UUID token) {
    return db.sql("delete from import_claim where team_id = :team and claim_token = :token")
        .bind("team", teamId)
        .bind("token", token)
        .fetch()
        .rowsUpdated()
        .then();
  }
}
