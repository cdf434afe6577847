package dev.poststack.provisioner.mailbox;

import dev.poststack.values.mailbox.MailboxStatus;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
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
    return bind(
            db.sql(
                "insert into mailbox ("
                    + COLUMNS
                    + ") values (:id, :publicId, :teamId, :domainId, :localPart, :address, :hash,"
                    + " :displayName, :quota, :status, :webhook, :createdAt, :updatedAt,"
                    + " :deletedAt)"
                    + UPSERT),
            m,
            "")
        .then();
  }

  private static DatabaseClient.GenericExecuteSpec bind(
      DatabaseClient.GenericExecuteSpec spec, Mailbox m, String n) {
    return spec.bind("id" + n, m.id())
        .bind("publicId" + n, m.publicId())
        .bind("teamId" + n, m.teamId())
        .bind("domainId" + n, m.domainId())
        .bind("localPart" + n, m.localPart())
        .bind("address" + n, m.emailAddress())
        .bind("hash" + n, m.passwordHash())
        .bind(
            "displayName" + n,
            m.displayName() == null ? Parameters.in(String.class) : m.displayName())
        .bind("quota" + n, m.quotaBytes())
        .bind("status" + n, m.status().wireName())
        .bind("webhook" + n, m.webhookEnabled())
        .bind("createdAt" + n, m.createdAt())
        .bind("updatedAt" + n, m.updatedAt())
        .bind(
            "deletedAt" + n, m.deletedAt() == null ? Parameters.in(Instant.class) : m.deletedAt());
  }

  /**
   * {@link #save} for many rows in one statement, in list order; an id appears at most once (a
   * second version of a row in one statement is an error in PostgreSQL).
   */
  public Mono<Void> saveAll(List<Mailbox> rows) {
    if (rows.isEmpty()) {
      return Mono.empty();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      values.add(
          String.format(
              "(:id%1$d, :publicId%1$d, :teamId%1$d, :domainId%1$d, :localPart%1$d, :address%1$d,"
                  + " :hash%1$d, :displayName%1$d, :quota%1$d, :status%1$d, :webhook%1$d,"
                  + " :createdAt%1$d, :updatedAt%1$d, :deletedAt%1$d)",
              i));
    }
    DatabaseClient.GenericExecuteSpec insert =
        db.sql(
            "insert into mailbox (" + COLUMNS + ") values " + String.join(", ", values) + UPSERT);
    for (int i = 0; i < rows.size(); i++) {
      insert = bind(insert, rows.get(i), Integer.toString(i));
    }
    return insert.then();
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
