package dev.poststack.provisioner.mailbox;

import dev.poststack.values.mailbox.MailboxStatus;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
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
                + " :displayName, :quota, :status, :webhook, :createdAt, :updatedAt, :deletedAt) on"
                + " conflict (id) do update set password_hash = excluded.password_hash,"
                + " display_name = excluded.display_name, quota_bytes = excluded.quota_bytes,"
                + " status = excluded.status, webhook_enabled = excluded.webhook_enabled,"
                + " updated_at = excluded.updated_at, deleted_at = excluded.deleted_at")
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
