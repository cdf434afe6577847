package dev.poststack.api.mailbox;

import dev.poststack.api.http.IdRef;
import dev.poststack.api.http.Page;
import dev.poststack.api.http.PageRequest;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.controlplane.propagation.PropagationSql;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads mailboxes from the provisioner's state; every lookup by a client's id is team-scoped. */
@Component
public class MailboxQueries {
  private static final String SELECT =
      """
      select m.id, m.public_id, m.team_id, m.domain_id, m.email_address, m.display_name, m.quota_bytes,
             m.status, m.webhook_enabled, m.last_login_at, m.created_at, m.updated_at, d.name as domain_name,
             m.used_bytes, m.message_count, m.usage_reported_at
        from mailbox m join domain d on d.id = m.domain_id
      """;

  private final DatabaseClient db;
  private final long offlineSeconds;

  public MailboxQueries(DatabaseClient db, ApiProperties properties) {
    this.db = db;
    // hosts silent this long no longer count (POSTSTACK_HOSTS_OFFLINE_SECONDS)
    this.offlineSeconds = properties.hosts().offlineSeconds();
  }

  /** This team's mailbox, deleted ones included (GET shows them as deleted). */
  public Mono<MailboxView> find(long teamId, IdRef ref) {
    return db.sql(SELECT + " where m." + ref.column() + " = :ref and m.team_id = :team")
        .bind("ref", ref.value())
        .bind("team", teamId)
        .map((row, meta) -> MailboxView.of(row))
        .one();
  }

  /**
   * The mailbox with its propagation to the mail hosts, read now: of this mailbox's own entry, by
   * its id (not its address, which a later mailbox may hold).
   */
  public Mono<MailboxView> withPropagation(MailboxView mailbox) {
    return db.sql(PropagationSql.OF_OBJECT)
        .bind(0, PropagationSql.MAILBOX)
        .bind(1, mailbox.id())
        .bind(2, (double) offlineSeconds)
        .map(
            row ->
                new MailboxView.Propagation(
                    row.get("hosts", Long.class),
                    row.get("applied", Long.class),
                    List.of(row.get("pending", String[].class))))
        .one()
        .map(mailbox::withPropagation);
  }

  /**
   * Live mailboxes in the query's order (id by default); {@code domainId} and {@code scope} narrow
   * it when set, and so does the query's usage filter.
   */
  public Mono<Page<MailboxView>> list(
      long teamId, Long domainId, Long scope, MailboxListQuery query, PageRequest page) {
    String where = where(domainId, scope, query);
    var count = db.sql("select count(*) as n from mailbox m" + where).bind("team", teamId);
    var select =
        db.sql(SELECT + where + " " + query.order().sql() + " limit :limit offset :offset")
            .bind("team", teamId)
            .bind("limit", page.perPage())
            .bind("offset", page.offset());
    for (var bind : query.filterBinds().entrySet()) {
      count = count.bind(bind.getKey(), bind.getValue());
      select = select.bind(bind.getKey(), bind.getValue());
    }
    Mono<Long> total = count.map(row -> row.get("n", Long.class)).one();
    return select
        .map((row, meta) -> MailboxView.of(row))
        .all()
        .collectList()
        .zipWith(total, (data, n) -> Page.of(data, page, n));
  }

  /** The list's statement with its parameters still named, for the plan test. */
  static String listSql(Long domainId, Long scope, MailboxListQuery query) {
    return SELECT
        + where(domainId, scope, query)
        + " "
        + query.order().sql()
        + " limit :limit offset :offset";
  }

  private static String where(Long domainId, Long scope, MailboxListQuery query) {
    return " where m.team_id = :team and m.status <> 'deleted'"
        + (domainId == null ? "" : " and m.domain_id = " + domainId)
        + (scope == null ? "" : " and m.domain_id = " + scope)
        + query.filterSql();
  }

  /** Whether a live mailbox or alias of the domain already answers to this local part. */
  public Mono<Boolean> addressTaken(long domainId, String localPart) {
    return db.sql(
            """
            select exists (select 1 from mailbox where domain_id = :d and local_part = :lp and status <> 'deleted')
                or exists (select 1 from alias where domain_id = :d and local_part = :lp and deleted_at is null) as taken\
            """)
        .bind("d", domainId)
        .bind("lp", localPart)
        .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class)))
        .one();
  }

  public Mono<Long> nextId() {
    return db.sql("select nextval('mailbox_id_seq') as id")
        .map(row -> row.get("id", Long.class))
        .one();
  }
}
