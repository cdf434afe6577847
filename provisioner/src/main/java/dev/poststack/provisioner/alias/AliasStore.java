package dev.poststack.provisioner.alias;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

  /** Nothing about an alias changes but its deletion. */
  private static final String UPSERT =
      " on conflict (id) do update set deleted_at = excluded.deleted_at";

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

  /** The rows with these ids, live or deleted; absent ids are left out. */
  public Flux<Alias> findAllById(Collection<Long> ids) {
    return db.sql("select " + COLUMNS + " from alias where id = any(:ids)")
        .bind("ids", ids.toArray(Long[]::new))
        .map(AliasStore::alias)
        .all();
  }

  /** {@link #findLiveAt} for many addresses (parallel arrays) in one statement. */
  public Flux<Alias> findLiveAtAny(Long[] domainIds, String[] localParts) {
    return db.sql(
            "select "
                + COLUMNS
                + " from alias where (domain_id, local_part) in (select * from"
                + " unnest(:domainIds::bigint[], :localParts::text[])) and deleted_at is null")
        .bind("domainIds", domainIds)
        .bind("localParts", localParts)
        .map(AliasStore::alias)
        .all();
  }

  /** Which of these public ids some row already has. */
  public Mono<Set<String>> takenPublicIds(Collection<String> publicIds) {
    return db.sql("select public_id from alias where public_id = any(:publicIds)")
        .bind("publicIds", publicIds.toArray(String[]::new))
        .map(row -> row.get(0, String.class))
        .all()
        .collect(Collectors.toSet());
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
                + ") values (:id, :publicId, :teamId, :domainId, :localPart, :address,"
                + " :destination, :createdAt, :deletedAt)"
                + UPSERT)
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

  /** {@link #save} for many rows in one statement, in list order; an id appears at most once. */
  public Mono<Void> saveAll(List<Alias> rows) {
    if (rows.isEmpty()) {
      return Mono.empty();
    }
    int n = rows.size();
    Long[] ids = new Long[n];
    String[] publicIds = new String[n];
    Long[] teamIds = new Long[n];
    Long[] domainIds = new Long[n];
    String[] localParts = new String[n];
    String[] addresses = new String[n];
    Long[] destinations = new Long[n];
    String[] createdAt = new String[n];
    String[] deletedAt = new String[n];
    for (int i = 0; i < n; i++) {
      Alias a = rows.get(i);
      ids[i] = a.id();
      publicIds[i] = a.publicId();
      teamIds[i] = a.teamId();
      domainIds[i] = a.domainId();
      localParts[i] = a.localPart();
      addresses[i] = a.aliasAddress();
      destinations[i] = a.destinationMailboxId();
      createdAt[i] = a.createdAt().toString();
      deletedAt[i] = a.deletedAt() == null ? null : a.deletedAt().toString();
    }
    return db.sql(
            "insert into alias ("
                + COLUMNS
                + ") select u.id, u.public_id, u.team_id, u.domain_id, u.local_part, u.address,"
                + " u.destination, u.created_at::timestamptz, u.deleted_at::timestamptz from"
                + " unnest(:ids::int8[], :publicIds::text[], :teamIds::int8[], :domainIds::int8[],"
                + " :localParts::text[], :addresses::text[], :destinations::int8[],"
                + " :createdAt::text[], :deletedAt::text[]) with ordinality as u(id, public_id,"
                + " team_id, domain_id, local_part, address, destination, created_at, deleted_at,"
                + " n) order by u.n"
                + UPSERT)
        .bind("ids", ids)
        .bind("publicIds", publicIds)
        .bind("teamIds", teamIds)
        .bind("domainIds", domainIds)
        .bind("localParts", localParts)
        .bind("addresses", addresses)
        .bind("destinations", destinations)
        .bind("createdAt", createdAt)
        .bind("deletedAt", deletedAt)
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
