package dev.poststack.api.rotation;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Reads the provisioner's {@code dkim_key} rows: never the sealed private key. */
@Component
class RotationQueries {
  private static final String COLUMNS =
      "selector, algorithm, public_key, state, created_at, published_at, activates_after,"
          + " retire_after";
  private final DatabaseClient db;

  RotationQueries(DatabaseClient db) {
    this.db = db;
  }

  Flux<RotationKey> keys(long domainId) {
    return db.sql(
            "select "
                + COLUMNS
                + " from dkim_key where domain_id = :d order by created_at, selector")
        .bind("d", domainId)
        .map(RotationQueries::key)
        .all();
  }

  /** Ready rotations whose window has ended, of live domains, oldest deadline first. */
  Flux<Due> dueActivations(Instant now, int max) {
    return due("state = 'staged' and k.activates_after <= :now", "activates_after", now, max);
  }

  /** Retiring keys whose window has ended, of live domains, oldest deadline first. */
  Flux<Due> dueRetirements(Instant now, int max) {
    return due("state = 'retiring' and k.retire_after <= :now", "retire_after", now, max);
  }

  private Flux<Due> due(String where, String deadline, Instant now, int max) {
    return db.sql(
            "select k.domain_id, d.team_id, k.selector, k."
                + deadline
                + " as deadline from dkim_key k join domain d on d.id = k.domain_id"
                + " where d.deleted_at is null and k."
                + where
                + " order by k."
                + deadline
                + " limit :max")
        .bind("now", now)
        .bind("max", max)
        .map(
            row ->
                new Due(
                    row.get("domain_id", Long.class),
                    row.get("team_id", Long.class),
                    row.get("selector", String.class),
                    row.get("deadline", Instant.class)))
        .all();
  }

  /** A rotation step the clock takes for the system. */
  record Due(long domainId, long teamId, String selector, Instant deadline) {}

  private static RotationKey key(Readable row) {
    return new RotationKey(
        row.get("selector", String.class),
        row.get("algorithm", String.class),
        row.get("public_key", String.class),
        row.get("state", String.class),
        row.get("created_at", Instant.class),
        row.get("published_at", Instant.class),
        row.get("activates_after", Instant.class),
        row.get("retire_after", Instant.class));
  }
}
