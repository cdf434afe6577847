package dev.poststack.provisioner.dkim;

import dev.poststack.values.dkim.DkimKeyState;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes {@code dkim_key} rows; runs inside the caller's transaction. */
@Component
public class DkimKeyStore {
  private static final String COLUMNS =
      "domain_id, selector, algorithm, public_key, sealed_key, state,"
          + " created_at, published_at, activates_after, retire_after";

  private final DatabaseClient db;

  public DkimKeyStore(DatabaseClient db) {
    this.db = db;
  }

  /** A domain's keys, oldest first. */
  public Flux<DkimKey> findByDomain(long domainId) {
    return db.sql(
            "select "
                + COLUMNS
                + " from dkim_key where domain_id = :d order by created_at, selector")
        .bind("d", domainId)
        .map(DkimKeyStore::key)
        .all();
  }

  /** The keys of live verified domains with their domain's name: what the hosts hold. */
  public Flux<Named> findAllOnHosts() {
    return db.sql(
            "select d.name as domain_name, "
                + prefixed()
                + " from dkim_key k join domain d on d.id = k.domain_id"
                + " where d.deleted_at is null and d.status = 'verified'"
                + " order by k.domain_id, k.selector")
        .map(row -> new Named(row.get("domain_name", String.class), key(row)))
        .all();
  }

  /** A key and its domain's name. */
  public record Named(String domainName, DkimKey key) {}

  public Mono<Void> save(DkimKey k) {
    return db.sql(
            "insert into dkim_key ("
                + COLUMNS
                + ") values (:domainId, :selector, :algorithm, :publicKey, :sealedKey, :state,"
                + " :createdAt, :publishedAt, :activatesAfter, :retireAfter)"
                + " on conflict (domain_id, selector) do update set state = excluded.state,"
                + " published_at = excluded.published_at,"
                + " activates_after = excluded.activates_after,"
                + " retire_after = excluded.retire_after")
        .bind("domainId", k.domainId())
        .bind("selector", k.selector())
        .bind("algorithm", k.algorithm())
        .bind("publicKey", k.publicKey())
        .bind("sealedKey", k.sealedKey())
        .bind("state", k.state().value())
        .bind("createdAt", k.createdAt())
        .bind("publishedAt", instant(k.publishedAt()))
        .bind("activatesAfter", instant(k.activatesAfter()))
        .bind("retireAfter", instant(k.retireAfter()))
        .then();
  }

  public Mono<Void> delete(DkimKey k) {
    return db.sql("delete from dkim_key where domain_id = :d and selector = :s")
        .bind("d", k.domainId())
        .bind("s", k.selector())
        .then();
  }

  private static String prefixed() {
    return "k." + COLUMNS.replace(", ", ", k.").replace(",\n", ",");
  }

  private static Object instant(Instant value) {
    return value == null ? Parameters.in(Instant.class) : value;
  }

  private static DkimKey key(Readable row) {
    return new DkimKey(
        row.get("domain_id", Long.class),
        row.get("selector", String.class),
        row.get("algorithm", String.class),
        row.get("public_key", String.class),
        row.get("sealed_key", String.class),
        DkimKeyState.of(row.get("state", String.class)),
        row.get("created_at", Instant.class),
        row.get("published_at", Instant.class),
        row.get("activates_after", Instant.class),
        row.get("retire_after", Instant.class));
  }
}
