package dev.poststack.api.domain;

import dev.poststack.api.dkim.PublishedKey;
import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.PageRequest;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads domains from the provisioner's state; every lookup by a client's id is team-scoped. */
@Component
public class DomainQueries {
  // the DKIM keys ride along as one text column (selector algorithm state publicKey, comma-joined):
  // base64, selectors and states hold no space or comma, and one query serves lists too
  private static final String COLUMNS =
      "id, public_id, team_id, name, status, inbound_enabled, verified_at, created_at,"
          + " verification_token, dns_found, dns_checked_at, dns_missing_since,"
          + " (select string_agg(k.selector || ' ' || k.algorithm || ' ' || k.state || ' '"
          + " || k.public_key, ',' order by k.created_at, k.selector) from dkim_key k"
          + " where k.domain_id = domain.id) as dkim_keys";
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

  /** A page of the team's live domains in id order (one domain for a domain-scoped key). */
  public Flux<DomainRow> list(long teamId, Long onlyDomain, PageRequest page) {
    return db.sql(
            "select "
                + COLUMNS
                + " from domain where team_id = :team and deleted_at is null"
                + scope(onlyDomain)
                + " order by id limit :limit offset :offset")
        .bind("team", teamId)
        .bind("limit", page.perPage())
        .bind("offset", page.offset())
        .map(DomainQueries::row)
        .all();
  }

  /** Every live domain of the team (a team holds at most its domain limit of them). */
  public Flux<DomainRow> allOfTeam(long teamId) {
    return db.sql("select " + COLUMNS + " from domain where team_id = :team and deleted_at is null")
        .bind("team", teamId)
        .map(DomainQueries::row)
        .all();
  }

  public Mono<Long> count(long teamId, Long onlyDomain) {
    return db.sql(
            "select count(*) as n from domain where team_id = :team and deleted_at is null"
                + scope(onlyDomain))
        .bind("team", teamId)
        .map(row -> row.get("n", Long.class))
        .one();
  }

  private static String scope(Long onlyDomain) {
    return onlyDomain == null ? "" : " and id = " + onlyDomain;
  }

  /**
   * Whether the name is taken for this team: it already has a live domain of that name, or some
   * domain holds the name — verified, or still serving mailboxes or aliases. Another team's
   * unverified claim does not count (the provisioner's DomainCreatedRule decides the same way).
   */
  public Mono<Boolean> nameTaken(long teamId, String name) {
    return db.sql(
            """
            select exists (
              select 1 from domain d
              where d.name = :name and d.deleted_at is null
                and (d.team_id = :team or d.status = 'verified'
                     or exists (select 1 from mailbox m
                                where m.domain_id = d.id and m.status <> 'deleted')
                     or exists (select 1 from alias a
                                where a.domain_id = d.id and a.deleted_at is null))
            ) as taken\
            """)
        .bind("name", name)
        .bind("team", teamId)
        .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class)))
        .one();
  }

  /**
   * Live domains left unverified since before {@code createdBefore} that serve no address, oldest
   * first: what the pending-domain expiry removes.
   */
  public Flux<Unverified> unverifiedCreatedBefore(Instant createdBefore, int max) {
    return db.sql(
            """
            select d.id, d.team_id, d.updated_at from domain d
            where d.deleted_at is null and d.status <> 'verified' and d.created_at < :before
              and not exists (select 1 from mailbox m
                              where m.domain_id = d.id and m.status <> 'deleted')
              and not exists (select 1 from alias a
                              where a.domain_id = d.id and a.deleted_at is null)
            order by d.created_at limit :max\
            """)
        .bind("before", createdBefore)
        .bind("max", max)
        .map(
            row ->
                new Unverified(
                    row.get("id", Long.class),
                    row.get("team_id", Long.class),
                    row.get("updated_at", Instant.class)))
        .all();
  }

  /** A domain the expiry found; {@code updatedAt} tells one unverified spell from the next. */
  public record Unverified(long id, long teamId, Instant updatedAt) {}

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

  /**
   * Verified domains verified by DNS (not by an operator) whose last check is older than {@code
   * checkedBefore}, least recently checked first: what the re-check looks up again.
   */
  public Flux<DomainRow> dueForRecheck(Instant checkedBefore, int max) {
    return db.sql(
            "select "
                + COLUMNS
                + " from domain where deleted_at is null and status = 'verified'"
                + " and verified_by = 'dns'"
                + " and (dns_checked_at is null or dns_checked_at < :before)"
                + " order by dns_checked_at nulls first limit :max")
        .bind("before", checkedBefore)
        .bind("max", max)
        .map(DomainQueries::row)
        .all();
  }

  static DomainRow row(Readable row) {
    String[] found = row.get("dns_found", String[].class);
    return new DomainRow(
        row.get("id", Long.class),
        row.get("public_id", String.class),
        row.get("team_id", Long.class),
        row.get("name", String.class),
        row.get("status", String.class),
        Boolean.TRUE.equals(row.get("inbound_enabled", Boolean.class)),
        row.get("verified_at", Instant.class),
        row.get("created_at", Instant.class),
        row.get("verification_token", String.class),
        found == null ? null : List.of(found),
        row.get("dns_checked_at", Instant.class),
        row.get("dns_missing_since", Instant.class),
        dkimKeys(row.get("dkim_keys", String.class)));
  }

  private static List<PublishedKey> dkimKeys(String joined) {
    if (joined == null || joined.isEmpty()) {
      return List.of();
    }
    List<PublishedKey> keys = new ArrayList<>();
    for (String key : joined.split(",")) {
      String[] f = key.split(" ");
      keys.add(new PublishedKey(f[0], f[1], f[3], f[2]));
    }
    return keys;
  }
}
