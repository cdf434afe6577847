package dev.poststack.provisioner.domain;

import dev.poststack.schemas.event.DomainStatus;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes {@code domain} rows; runs inside the caller's transaction. */
@Component
public class DomainStore {
  private static final String COLUMNS =
      "id, public_id, team_id, name, status, inbound_enabled,"
          + " verified_at, created_at, updated_at, deleted_at, verification_token, dns_found,"
          + " dns_checked_at, dns_missing_since, verified_by";

  // a live domain holds its name while it is verified or still has live mailboxes or aliases
  private static final String HOLDS =
      "d.deleted_at is null and (d.status = 'verified' or exists (select 1 from mailbox m where"
          + " m.domain_id = d.id and m.status <> 'deleted') or exists (select 1 from alias a where"
          + " a.domain_id = d.id and a.deleted_at is null))";

  private final DatabaseClient db;

  public DomainStore(DatabaseClient db) {
    this.db = db;
  }

  public Mono<Domain> findById(long id) {
    return db.sql("select " + COLUMNS + " from domain where id = :id")
        .bind("id", id)
        .map(DomainStore::domain)
        .one();
  }

  /** The rows with these ids, live or deleted, of any team; absent ids are left out. */
  public Flux<Domain> findAllById(Collection<Long> ids) {
    return db.sql("select " + COLUMNS + " from domain where id = any(:ids)")
        .bind("ids", ids.toArray(Long[]::new))
        .map(DomainStore::domain)
        .all();
  }

  /** Every live domain with this name, of any team, in id order. */
  public Flux<Domain> findLiveByName(String name) {
    return db.sql(
            "select "
                + COLUMNS
                + " from domain where name = :name and deleted_at is null order by id")
        .bind("name", name)
        .map(DomainStore::domain)
        .all();
  }

  /** The other live domains (any team) with the name of the domain with this id, in id order. */
  public Flux<Domain> findOtherClaims(long domainId) {
    return db.sql(
            "select "
                + COLUMNS
                + " from domain where name = (select name from domain where id = :id)"
                + " and id <> :id and deleted_at is null order by id")
        .bind("id", domainId)
        .map(DomainStore::domain)
        .all();
  }

  /**
   * The live domain that holds this name: the verified one, or one that still has live mailboxes or
   * aliases (verified once, failed a later check). Unverified, unused domains of the name hold
   * nothing. At most one holds a name (the rules see to it), so this is the lowest id.
   */
  public Mono<Domain> findNameHolder(String name) {
    return db.sql(
            "select "
                + COLUMNS
                + " from domain d where name = :name and "
                + HOLDS
                + " order by id limit 1")
        .bind("name", name)
        .map(DomainStore::domain)
        .one();
  }

  /** {@link #findNameHolder} for the name of the domain with this id, other than that domain. */
  public Mono<Domain> findOtherNameHolder(long domainId) {
    return db.sql(
            "select "
                + COLUMNS
                + " from domain d where name = (select name from domain where id = :id)"
                + " and id <> :id and "
                + HOLDS
                + " order by id limit 1")
        .bind("id", domainId)
        .map(DomainStore::domain)
        .one();
  }

  /** Whether a live domain other than this one has the name verified (and so its host entry). */
  public Mono<Boolean> nameVerifiedElsewhere(long domainId, String name) {
    return db.sql(
            "select exists (select 1 from domain where name = :name and id <> :id and deleted_at"
                + " is null and status = 'verified')")
        .bind("name", name)
        .bind("id", domainId)
        .map(row -> row.get(0, Boolean.class))
        .one();
  }

  public Mono<Boolean> publicIdTaken(String publicId) {
    return db.sql("select exists (select 1 from domain where public_id = :publicId)")
        .bind("publicId", publicId)
        .map(row -> row.get(0, Boolean.class))
        .one();
  }

  /** Every live domain, for a full render; in id order. */
  public Flux<Domain> findAllLive() {
    return db.sql("select " + COLUMNS + " from domain where deleted_at is null order by id")
        .map(DomainStore::domain)
        .all();
  }

  /** Inserts the row, or replaces the mutable columns of the row with its id. */
  public Mono<Void> save(Domain d) {
    return db.sql(
            "insert into domain ("
                + COLUMNS
                + ") values (:id, :publicId, :teamId, :name,"
                + " :status, :inbound, :verifiedAt, :createdAt, :updatedAt, :deletedAt, :token,"
                + " :found, :checkedAt, :missingSince, :verifiedBy)"
                + " on conflict (id) do update set status = excluded.status,"
                + " inbound_enabled = excluded.inbound_enabled, verified_at = excluded.verified_at,"
                + " updated_at = excluded.updated_at, deleted_at = excluded.deleted_at,"
                + " dns_found = excluded.dns_found, dns_checked_at = excluded.dns_checked_at,"
                + " dns_missing_since = excluded.dns_missing_since,"
                + " verified_by = excluded.verified_by")
        .bind("id", d.id())
        .bind("publicId", d.publicId())
        .bind("teamId", d.teamId())
        .bind("name", d.name())
        .bind("status", d.status().name())
        .bind("inbound", d.inboundEnabled())
        .bind("verifiedAt", instant(d.verifiedAt()))
        .bind("createdAt", d.createdAt())
        .bind("updatedAt", d.updatedAt())
        .bind("deletedAt", instant(d.deletedAt()))
        .bind("token", text(d.ownership().verificationToken()))
        .bind(
            "found",
            d.ownership().found() == null
                ? Parameters.in(String[].class)
                : d.ownership().found().toArray(String[]::new))
        .bind("checkedAt", instant(d.ownership().checkedAt()))
        .bind("missingSince", instant(d.ownership().missingSince()))
        .bind("verifiedBy", text(d.ownership().verifiedBy()))
        .then();
  }

  private static Object text(String value) {
    return value == null ? Parameters.in(String.class) : value;
  }

  private static Object instant(Instant value) {
    return value == null ? Parameters.in(Instant.class) : value;
  }

  private static Domain domain(Readable row) {
    String[] found = row.get("dns_found", String[].class);
    return new Domain(
        row.get("id", Long.class),
        row.get("public_id", String.class),
        row.get("team_id", Long.class),
        row.get("name", String.class),
        DomainStatus.valueOf(row.get("status", String.class)),
        row.get("inbound_enabled", Boolean.class),
        row.get("verified_at", Instant.class),
        row.get("created_at", Instant.class),
        row.get("updated_at", Instant.class),
        row.get("deleted_at", Instant.class),
        new Ownership(
            row.get("verification_token", String.class),
            found == null ? null : List.of(found),
            row.get("dns_checked_at", Instant.class),
            row.get("dns_missing_since", Instant.class),
            row.get("verified_by", String.class)));
  }
}
