package dev.poststack.api.domain;

import dev.poststack.api.http.IdRef;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads domains from the provisioner's state; every lookup by a client's id is team-scoped. */
@Component
public class DomainQueries {
  private static final String COLUMNS =
      "id, public_id, team_id, name, status, inbound_enabled, verified_at, created_at";
  private final DatabaseClient db;

  public DomainQueries(DatabaseClient db) {
    this.db = db;
  }

  /** A live domain of this team, or empty (absent, deleted and foreign look the same). */
  public Mono<DomainRow> find(long teamId, IdRef ref) {
    return db.sql(
            "select "
                + COLUMNS
                + " from domain where "
                + ref.column()
                + " = :ref and team_id = :team and deleted_at is null")
        .bind("ref", ref.value())
        .bind("team", teamId)
        .map(DomainQueries::row)
        .one();
  }

  public Flux<DomainRow> list(long teamId, Long onlyDomain) {
    String scope = onlyDomain == null ? "" : " and id = " + onlyDomain;
    return db.sql(
            "select "
                + COLUMNS
                + " from domain where team_id = :team and deleted_at is null"
                + scope
                + " order by id")
        .bind("team", teamId)
        .map(DomainQueries::row)
        .all();
  }

  /** Domain names are unique across all teams while live. */
  public Mono<Boolean> nameTaken(String name) {
    return db.sql(
            "select exists (select 1 from domain where name = :name and deleted_at is null) as"
                + " taken")
        .bind("name", name)
        .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class)))
        .one();
  }

  public Mono<Boolean> inUse(long domainId) {
    return db.sql(
            """
            select exists (select 1 from mailbox where domain_id = :d and status <> 'deleted')
                or exists (select 1 from alias where domain_id = :d and deleted_at is null) as used\
            """)
        .bind("d", domainId)
        .map(row -> Boolean.TRUE.equals(row.get("used", Boolean.class)))
        .one();
  }

  public Mono<Long> nextId() {
    return db.sql("select nextval('domain_id_seq') as id")
        .map(row -> row.get("id", Long.class))
        .one();
  }

  static DomainRow row(Readable row) {
    return new DomainRow(
        row.get("id", Long.class),
        row.get("public_id", String.class),
        row.get("team_id", Long.class),
        row.get("name", String.class),
        row.get("status", String.class),
        Boolean.TRUE.equals(row.get("inbound_enabled", Boolean.class)),
        row.get("verified_at", Instant.class),
        row.get("created_at", Instant.class));
  }
}
