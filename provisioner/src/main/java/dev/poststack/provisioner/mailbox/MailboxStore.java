package dev.poststack.provisioner.mailbox;

import dev.poststack.values.mailbox.MailboxStatus;
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

/** Reads and writes {@code mailbox} rows; runs inside the caller's transaction. */
@Component
public class MailboxStore {
  private static final String COLUMNS =
      "id, public_id, team_id, domain_id, local_part,"
          + " email_address, password_hash, display_name, quota_bytes, status, webhook_enabled,"
          + " created_at, updated_at, deleted_at";

  private static final String UPSERT =
      " on conflict (id) do update set password_hash = excluded.password_hash,"
          + " display_name = excluded.display_name, quota_bytes = excluded.quota_bytes,"
          + " status = excluded.status, webhook_enabled = excluded.webhook_enabled,"
          + " updated_at = excluded.updated_at, deleted_at = excluded.deleted_at";

  private final DatabaseClient db;

  public MailboxStore(DatabaseClient db) {
    this.db = db;
  }

  public Mono<Mailbox> findById(long id) {
    return db.sql("select " + COLUMNS + " from mailbox where id = :id")
        .bind("id", id)
        .map(MailboxStore::mailbox)
        .one();
  }

  public Mono<Mailbox> findLiveAt(long domainId, String localPart) {
    return db.sql(
            "select "
                + COLUMNS
                + " from mailbox where domain_id = :domainId"
                + " and local_part = :localPart and status <> 'deleted'")
        .bind("domainId", domainId)
        .bind("localPart", localPart)
        .map(MailboxStore::mailbox)
        .one();
  }

  public Mono<Boolean> publicIdTaken(String publicId) {
    return db.sql("select exists (select 1 from mailbox where public_id = :publicId)")
        .bind("publicId", publicId)
        .map(row -> row.get(0, Boolean.class))
        .one();
  }

  /** The rows with these ids, live or deleted; absent ids are left out. */
  public Flux<Mailbox> findAllById(Collection<Long> ids) {
    return db.sql("select " + COLUMNS + " from mailbox where id = any(:ids)")
        .bind("ids", ids.toArray(Long[]::new))
        .map(MailboxStore::mailbox)
        .all();
  }

  /**
   * The live mailboxes at any of these addresses, as parallel arrays of domain ids and local parts:
   * {@link #findLiveAt} for many addresses in one statement.
   */
  public Flux<Mailbox> findLiveAtAny(Long[] domainIds, String[] localParts) {
    return db.sql(
            "select "
                + COLUMNS
                + " from mailbox where (domain_id, local_part) in (select * from"
                + " unnest(:domainIds::bigint[], :localParts::text[])) and status <> 'deleted'")
        .bind("domainIds", domainIds)
        .bind("localParts", localParts)
        .map(MailboxStore::mailbox)
        .all();
  }

  /** Which of these public ids some row already has. */
  public Mono<Set<String>> takenPublicIds(Collection<String> publicIds) {
    return db.sql("select public_id from mailbox where public_id = any(:publicIds)")
        .bind("publicIds", publicIds.toArray(String[]::new))
        .map(row -> row.get(0, String.class))
        .all()
        .collect(Collectors.toSet());
  }

  public Mono<Long> countLiveInDomain(long domainId) {
    return db.sql(
            "select count(*) from mailbox where domain_id = :domainId and status <> 'deleted'")
        .bind("domainId", domainId)
        .map(row -> row.get(0, Long.class))
        .one();
  }

  /** Every live mailbox, for a full render; in id order. */
  public Flux<Mailbox> findAllLive() {
    return db.sql("select " + COLUMNS + " from mailbox where status <> 'deleted' order by id")
        .map(MailboxStore::mailbox)
        .all();
  }

  /** Inserts the row, or replaces the mutable columns; {@code last_login_at} is not ours. */
  public Mono<Void> save(Mailbox m) {
    return db.sql(
            "insert into mailbox ("
                + COLUMNS
                + ") values (:id, :publicId, :teamId, :domainId, :localPart, :address, :hash,"
                + " :displayName, :quota, :status, :webhook, :createdAt, :updatedAt, :deletedAt)"
                + UPSERT)
        .bind("id", m.id())
        .bind("publicId", m.publicId())
        .bind("teamId", m.teamId())
        .bind("domainId", m.domainId())
        .bind("localPart", m.localPart())
        .bind("address", m.emailAddress())
        .bind("hash", m.passwordHash())
        .bind(
            "displayName", m.displayName() == null ? Parameters.in(String.class) : m.displayName())
        .bind("quota", m.quotaBytes())
        .bind("status", m.status().wireName())
        .bind("webhook", m.webhookEnabled())
        .bind("createdAt", m.createdAt())
        .bind("updatedAt", m.updatedAt())
        .bind("deletedAt", m.deletedAt() == null ? Parameters.in(Instant.class) : m.deletedAt())
        .then();
  }

  /**
   * {@link #save} for many rows in one statement, in list order; an id appears at most once (a
   * second version of a row in one statement is an error in PostgreSQL).
   */
  public Mono<Void> saveAll(List<Mailbox> rows) {
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
    String[] hashes = new String[n];
    String[] displayNames = new String[n];
    Long[] quotas = new Long[n];
    String[] statuses = new String[n];
    Boolean[] webhooks = new Boolean[n];
    String[] createdAt = new String[n];
    String[] updatedAt = new String[n];
    String[] deletedAt = new String[n];
    for (int i = 0; i < n; i++) {
      Mailbox m = rows.get(i);
      ids[i] = m.id();
      publicIds[i] = m.publicId();
      teamIds[i] = m.teamId();
      domainIds[i] = m.domainId();
      localParts[i] = m.localPart();
      addresses[i] = m.emailAddress();
      hashes[i] = m.passwordHash();
      displayNames[i] = m.displayName();
      quotas[i] = m.quotaBytes();
      statuses[i] = m.status().wireName();
      webhooks[i] = m.webhookEnabled();
      createdAt[i] = m.createdAt().toString();
      updatedAt[i] = m.updatedAt().toString();
      deletedAt[i] = m.deletedAt() == null ? null : m.deletedAt().toString();
    }
    // arrays, not a VALUES row per mailbox: one statement text, and binding stays linear
    return db.sql(
            "insert into mailbox ("
                + COLUMNS
                + ") select u.id, u.public_id, u.team_id, u.domain_id, u.local_part, u.address,"
                + " u.hash, u.display_name, u.quota, u.status, u.webhook,"
                + " u.created_at::timestamptz, u.updated_at::timestamptz,"
                + " u.deleted_at::timestamptz from unnest(:ids::int8[], :publicIds::text[],"
                + " :teamIds::int8[], :domainIds::int8[], :localParts::text[], :addresses::text[],"
                + " :hashes::text[], :displayNames::text[], :quotas::int8[], :statuses::text[],"
                + " :webhooks::bool[], :createdAt::text[], :updatedAt::text[],"
                + " :deletedAt::text[]) with ordinality as u(id, public_id, team_id, domain_id,"
                + " local_part, address, hash, display_name, quota, status, webhook, created_at,"
                + " updated_at, deleted_at, n) order by u.n"
                + UPSERT)
        .bind("ids", ids)
        .bind("publicIds", publicIds)
        .bind("teamIds", teamIds)
        .bind("domainIds", domainIds)
        .bind("localParts", localParts)
        .bind("addresses", addresses)
        .bind("hashes", hashes)
        .bind("displayNames", displayNames)
        .bind("quotas", quotas)
        .bind("statuses", statuses)
        .bind("webhooks", webhooks)
        .bind("createdAt", createdAt)
        .bind("updatedAt", updatedAt)
        .bind("deletedAt", deletedAt)
        .then();
  }

  private static Mailbox mailbox(Readable row) {
    return new Mailbox(
        row.get("id", Long.class),
        row.get("public_id", String.class),
        row.get("team_id", Long.class),
        row.get("domain_id", Long.class),
        row.get("local_part", String.class),
        row.get("email_address", String.class),
        row.get("password_hash", String.class),
        row.get("display_name", String.class),
        row.get("quota_bytes", Long.class),
        MailboxStatus.of(row.get("status", String.class)),
        row.get("webhook_enabled", Boolean.class),
        row.get("created_at", Instant.class),
        row.get("updated_at", Instant.class),
        row.get("deleted_at", Instant.class));
  }
}
