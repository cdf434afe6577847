package dev.poststack.api.audit;

import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.Page;
import dev.poststack.api.http.PageRequest;
import dev.poststack.controlplane.audit.AuditRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the provisioner's {@code audit_event} (ADR 0005: the API only reads it), always within the
 * caller's team, newest first. The key's name comes from {@code api_key} by the id the envelope
 * carries; a revoked or rotated key keeps its row and so its name.
 */
@Component
class EventQueries {
  private static final String SELECT = AuditRows.SELECT;

  /** The objects whose history one may ask for; table names are constants, never client text. */
  enum Owner {
    MAILBOX("mailbox", "domain_id"),
    ALIAS("alias", "domain_id"),
    DOMAIN("domain", "id");

    private final String table;
    private final String domainColumn;

    Owner(String table, String domainColumn) {
      this.table = table;
      this.domainColumn = domainColumn;
    }
  }

  /** A team's object, deleted ones included: its id and the domain it belongs to. */
  record OwnedObject(long id, long domainId) {}

  private final DatabaseClient db;

  EventQueries(DatabaseClient db) {
    this.db = db;
  }

  Mono<OwnedObject> find(Owner owner, long teamId, IdRef ref) {
    return db.sql(
            "select id, "
                + owner.domainColumn
                + " as domain_id from "
                + owner.table
                + " where "
                + ref.column()
                + " = :ref and team_id = :team")
        .bind("ref", ref.value())
        .bind("team", teamId)
        .map(row -> new OwnedObject(row.get("id", Long.class), row.get("domain_id", Long.class)))
        .one();
  }

  /** {@code scope}, when set, is the caller key's domain: it sees only that domain's events. */
  Mono<Page<EventView>> list(long teamId, Long scope, EventFilter filter, PageRequest page) {
    List<String> where = new ArrayList<>();
    Map<String, Object> binds = new LinkedHashMap<>();
    where.add("e.team_id = :team");
    binds.put("team", teamId);
    if (scope != null) {
      where.add("e.domain_id = :scope");
      binds.put("scope", scope);
    }
    object(where, binds, "mailbox_id", Owner.MAILBOX, filter.mailbox());
    object(where, binds, "alias_id", Owner.ALIAS, filter.alias());
    object(where, binds, "domain_id", Owner.DOMAIN, filter.domain());
    if (filter.type() != null) {
      where.add("e.event_type = :type");
      binds.put("type", filter.type());
    }
    if (filter.actorKeyId() != null) {
      where.add("e.actor_kind = 'api_key' and e.actor_id = :actor");
      binds.put("actor", filter.actorKeyId().toString());
    }
    if (filter.since() != null) {
      where.add("e.occurred_at >= :since");
      binds.put("since", filter.since());
    }
    if (filter.until() != null) {
      where.add("e.occurred_at < :until");
      binds.put("until", filter.until());
    }
    String condition = " where " + String.join(" and ", where);
    // the team account's own changes (keys, members, webhooks) belong to no domain or object: they
    // are listed beside the mail state's events when the list is not narrowed to one of those
    boolean account =
        scope == null
            && filter.mailbox() == null
            && filter.alias() == null
            && filter.domain() == null;
    DatabaseClient.GenericExecuteSpec count =
        db.sql(
            account
                ? "select (select count(*) from audit_event e"
                    + condition
                    + ") + (select count(*) from account_event e"
                    + condition
                    + ") as n"
                : "select count(*) as n from audit_event e" + condition);
    DatabaseClient.GenericExecuteSpec rows =
        db.sql(
            account
                ? "select * from (("
                    + SELECT
                    + condition
                    + ") union all ("
                    + AuditRows.ACCOUNT_SELECT
                    + condition
                    + ")) u order by u.occurred_at desc, u.source desc, u.row_id desc"
                    + " limit :limit offset :offset"
                : SELECT
                    + condition
                    + " order by e.occurred_at desc, e.id desc limit :limit offset :offset");
    for (var bind : binds.entrySet()) {
      count = count.bind(bind.getKey(), bind.getValue());
      rows = rows.bind(bind.getKey(), bind.getValue());
    }
    Mono<Long> total = count.map(row -> row.get("n", Long.class)).one();
    return rows.bind("limit", page.perPage())
        .bind("offset", page.offset())
        .map((row, meta) -> EventView.of(row))
        .all()
        .collectList()
        .zipWith(total, (data, n) -> Page.of(data, page, n));
  }

  /**
   * A numeric id matches the audit column directly (a refused create's id has no state row); a
   * public id is looked up among the team's objects, so another team's matches nothing.
   */
  private static void object(
      List<String> where, Map<String, Object> binds, String column, Owner owner, IdRef ref) {
    if (ref == null) {
      return;
    }
    String name = owner.name().toLowerCase(java.util.Locale.ROOT);
    if (ref.id() != null) {
      where.add("e." + column + " = :" + name);
    } else {
      where.add(
          "e."
              + column
              + " = (select o.id from "
              + owner.table
              + " o where o.public_id = :"
              + name
              + " and o.team_id = e.team_id)");
    }
    binds.put(name, ref.value());
  }
}
