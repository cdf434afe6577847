package dev.poststack.api.alias;

import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.Page;
import dev.poststack.api.http.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads live aliases from the provisioner's state; team-scoped like everything else. */
@Component
class AliasQueries {
  private static final String SELECT =
      "select id, public_id, team_id, domain_id, alias_address, destination_mailbox_id, created_at"
          + " from alias";
  private final DatabaseClient db;

  AliasQueries(DatabaseClient db) {
    this.db = db;
  }

  Mono<AliasView> find(long teamId, IdRef ref) {
    return db.sql(
            SELECT
                + " where "
                + ref.column()
                + " = :ref and team_id = :team and deleted_at is null")
        .bind("ref", ref.value())
        .bind("team", teamId)
        .map((row, meta) -> AliasView.of(row))
        .one();
  }

  Mono<Page<AliasView>> list(long teamId, Long domainId, Long scope, PageRequest page) {
    String where =
        " where team_id = :team and deleted_at is null"
            + (domainId == null ? "" : " and domain_id = " + domainId)
            + (scope == null ? "" : " and domain_id = " + scope);
    Mono<Long> total =
        db.sql("select count(*) as n from alias" + where)
            .bind("team", teamId)
            .map(row -> row.get("n", Long.class))
            .one();
    return db.sql(SELECT + where + " order by id limit :limit offset :offset")
        .bind("team", teamId)
        .bind("limit", page.perPage())
        .bind("offset", page.offset())
        .map((row, meta) -> AliasView.of(row))
        .all()
        .collectList()
        .zipWith(total, (data, n) -> Page.of(data, page, n));
  }

  Mono<Long> nextId() {
    return db.sql("select nextval('alias_id_seq') as id")
        .map(row -> row.get("id", Long.class))
        .one();
  }
}
