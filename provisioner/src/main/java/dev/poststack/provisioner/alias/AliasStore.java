package dev.poststack.provisioner.alias;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes {@code alias} rows; runs inside the caller's transaction. */
@Component
public class AliasStore {
  private static final String COLUMNS =
      "id, public_id, team_id, domain_id, local_part,"
          + " alias_address, destination_mailbox_id, created_at, deleted_at";

  private final DatabaseClient db;

  public AliasStore(DatabaseClient db) {
    this.db = db;
  }

  public Mono<Alias> findById(long id) {
    return db.sql("select " + COLUMNS + " from alias where id = :id")
        .bind("id", id)
        .map(AliasStore::alias)
        .one();
  }

  public Mono<Alias> findLiveAt(long domainId, String localPart) {
    return db.sql(
            "select "
                + COLUMNS
                + " from alias where domain_id = :domainId"
                + " and local_part = :localPart and deleted_at is null")
        .bind("domainId", domainId)
        .bind("localPart", localPart)
        .map(AliasStore::alias)
        .one();
  }

  /** In id order, so the cascade of a mailbox deletion is written in a stable order. */
  public Flux<Alias> findLiveTo(long mailboxId) {
    return db.sql(
            "select "
                + COLUMNS
                + " from alias where destination_mailbox_id = :mailboxId"
                + " and deleted_at is null order by id")
        .bind("mailboxId", mailboxId)
        .map(AliasStore::alias)
        .all();
  }

  public Mono<Boolean> publicIdTaken(String publicId) {
    return db.sql("select exists (select 1 from alias where public_id = :publicId)")
        .bind("publicId", publicId)
        .map(row -> row.get(0, Boolean.class))
        .one();
  }

  public Mono<Long> countLiveInDomain(long domainId) {
    return db.sql("select count(*) from alias where domain_id = :domainId and deleted_at is null")
        .bind("domainId", domainId)
        .map(row -> row.get(0, Long.class))
        .one();
  }

  /** Every live alias, for a full render; in id order. */
  public Flux<Alias> findAllLive() {
    return db.sql("select " + COLUMNS + " from alias where deleted_at is null order by id")
        .map(AliasStore::alias)
        .all();
  }

  /** Inserts the row, or records its deletion; nothing else about an alias ever changes. */
  public Mono<Void> save(Alias a) {
    return db.sql(
            "insert into alias ("
                + COLUMNS
                + ") values (:id, :publicId, :teamId,"
                + " :domainId, :localPart, :address, :destination, :createdAt, :deletedAt)"
                + " on conflict (id) do update set deleted_at = excluded.deleted_at")
        .bind("id", a.id())
        .bind("publicId", a.publicId())
        .bind("teamId", a.teamId())
        .bind("domainId", a.domainId())
        .bind("localPart", a.localPart())
        .bind("address", a.aliasAddress())
        .bind("destination", a.destinationMailboxId())
        .bind("createdAt", a.createdAt())
        .bind("deletedAt", a.deletedAt() == null ? Parameters.in(Instant.class) : a.deletedAt())
        .then();
  }

  private static Alias alias(Readable row) {
    return new Alias(
        row.get("id", Long.class),
        row.get("public_id", String.class),
        row.get("team_id", Long.class),
        row.get("domain_id", Long.class),
        row.get("local_part", String.class),
        row.get("alias_address", String.class),
        row.get("destination_mailbox_id", Long.class),
        row.get("created_at", Instant.class),
        row.get("deleted_at", Instant.class));
  }
}
