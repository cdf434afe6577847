package dev.poststack.provisioner.host;

import dev.poststack.renderer.host.EntryChange;
import io.r2dbc.spi.Parameters;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes entry changes to {@code host_entry_outbox} in the caller's transaction and wakes the
 * relay with a NOTIFY on {@value #CHANNEL}, which PostgreSQL delivers only when that transaction
 * commits (and once per transaction, however many rows it wrote).
 */
@Component
public class HostEntryOutbox {
  public static final String CHANNEL = "poststack_outbox";

  private final DatabaseClient db;

  public HostEntryOutbox(DatabaseClient db) {
    this.db = db;
  }

  /**
   * One statement for the whole list. Each key occurs at most once in {@code changes}, so the order
   * of ids within one call does not matter; across calls, ids follow the callers' commit order for
   * any one key (see the ADR).
   *
   * @param eventId the event that caused the changes, or null for a repair
   */
  public Mono<Integer> enqueue(List<EntryChange> changes, UUID eventId) {
    if (changes.isEmpty()) {
      return Mono.just(0);
    }
    String[] keys = changes.stream().map(c -> c.key().value()).toArray(String[]::new);
    String[] lines = changes.stream().map(HostEntryOutbox::lineOrNull).toArray(String[]::new);
    Mono<Long> insert = db.sql("insert into host_entry_outbox (entry_key, line, event_id)"
            + " select u.entry_key, u.line, :eventId"
            + " from unnest(:keys::text[], :lines::text[]) with ordinality as u(entry_key, line, n)"
            + " order by u.n")
        .bind("keys", keys)
        .bind("lines", lines)
        .bind("eventId", eventId == null ? Parameters.in(UUID.class) : eventId)
        .fetch().rowsUpdated();
    Mono<Void> notify = db.sql("select pg_notify('" + CHANNEL + "', '')").then();
    return insert.flatMap(rows -> notify.thenReturn(rows.intValue()));
  }

  /** One entry change and the event that caused it. */
  public record Row(EntryChange change, UUID eventId) {}

  /**
   * A batch's changes, in the given order (one key may occur several times, from successive
   * events: ids follow that order), and one NOTIFY, in one statement.
   */
  public Mono<Integer> enqueueAll(List<Row> rows) {
    if (rows.isEmpty()) {
      return Mono.just(0);
    }
    String[] keys = rows.stream().map(r -> r.change().key().value()).toArray(String[]::new);
    String[] lines = rows.stream().map(r -> lineOrNull(r.change())).toArray(String[]::new);
    String[] eventIds = rows.stream()
        .map(r -> r.eventId() == null ? null : r.eventId().toString()).toArray(String[]::new);
    return db.sql("with inserted as (insert into host_entry_outbox (entry_key, line, event_id)"
            + " select u.entry_key, u.line, u.event_id::uuid"
            + " from unnest(:keys::text[], :lines::text[], :eventIds::text[]) with ordinality"
            + " as u(entry_key, line, event_id, n) order by u.n returning 1)"
            + " select count(*) as rows, pg_notify('" + CHANNEL + "', '') from inserted")
        .bind("keys", keys)
        .bind("lines", lines)
        .bind("eventIds", eventIds)
        .map(row -> row.get("rows", Long.class).intValue())
        .one();
  }

  /** A removal is a tombstone: a null value on the compacted topic. */
  static String lineOrNull(EntryChange change) {
    return change instanceof EntryChange.Put put ? put.entry().line() : null;
  }
}
