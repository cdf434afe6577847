package dev.poststack.provisioner.host;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link Propagation} as one read-only SQL statement, for the API's {@code GET /mailboxes/:id}. The
 * API copies {@link #MAILBOX_SQL} (provisioner/README.md shows it verbatim, a test keeps the two
 * equal); this class runs it so the tests check it against the pure computation.
 */
@Component
public class PropagationQuery {
  /** $1 = the mailbox's {@code email_address}; answers one row {@code (hosts, applied)}. */
  public static final String MAILBOX_SQL =
      """
      select (select count(*) from mail_host) as hosts,
             case when exists (select 1 from host_entry_outbox o
                               where o.entry_key = 'mailbox:' || $1 and o.published_at is null)
                  then 0
                  else (select count(*) from host_entry_position p
                        join mail_host_position h on h.kafka_partition = p.kafka_partition
                                                 and h.next_offset > p.kafka_offset
                        where p.entry_key = 'mailbox:' || $1)
             end as applied\
      """;

  private final DatabaseClient db;

  public PropagationQuery(DatabaseClient db) {
    this.db = db;
  }

  public Mono<Propagation> forMailbox(String emailAddress) {
    return db.sql(MAILBOX_SQL)
        .bind(0, emailAddress)
        .map(
            row ->
                new Propagation(
                    row.get("hosts", Long.class).intValue(),
                    row.get("applied", Long.class).intValue()))
        .one();
  }
}
