package dev.poststack.provisioner.host;

import dev.poststack.provisioner.tx.MandatoryTransaction;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.schemas.Channels;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes entry changes to {@code host_entry_outbox} in the caller's transaction and wakes the relay
 * with a NOTIFY on {@value #CHANNEL}, which PostgreSQL delivers only when that transaction commits
 * (and once per transaction, however many rows it wrote). Refuses to run outside a transaction: an
 * outbox row committed apart from its state change is a dual write again.
 */
@Component
public class HostEntryOutbox {
  public static final String CHANNEL = Channels.OUTBOX;

  private final DatabaseClient db;

  public HostEntryOutbox(DatabaseClient db) {
    this.db = db;
  }

  /**
   * Changes that share one cause (a repair passes null). Each key occurs at most once in {@code
   * changes}, so the order of ids within one call does not matter; across calls, ids follow the
   * callers' commit order for any one key (see the ADR).
   */
  public Mono<Integer> enqueue(List<EntryChange> changes, UUID eventId) {
    return enqueueAll(changes.stream().map(c -> new Row(c, eventId, null)).toList());
  }

  /**
   * One entry change, the event that caused it (null for a repair) and the object whose own entry
   * it is (null for the others: domains, sender grants, a repair's removals).
   */
  public record Row(EntryChange change, UUID eventId, EntryOwner owner) {}

  /**
   * A batch's changes, in the given order (one key may occur several times, from successive events:
   * ids follow that order), and one NOTIFY, in one statement.
   */
  public Mono<Integer> enqueueAll(List<Row> rows) {
    return MandatoryTransaction.require("the host-entry outbox", Mono.defer(() -> insert(rows)));
  }

  private Mono<Integer> insert(List<Row> rows) {
    if (rows.isEmpty()) {
      return Mono.just(0);
    }
    String[] keys = rows.stream().map(r -> r.change().key().value()).toArray(String[]::new);
    String[] lines = rows.stream().map(r -> lineOrNull(r.change())).toArray(String[]::new);
    String[] eventIds =
        rows.stream()
            .map(r -> r.eventId() == null ? null : r.eventId().toString())
            .toArray(String[]::new);
    String[] ownerKinds =
        rows.stream().map(r -> r.owner() == null ? null : r.owner().kind()).toArray(String[]::new);
    Long[] ownerIds =
        rows.stream().map(r -> r.owner() == null ? null : r.owner().id()).toArray(Long[]::new);
    return db.sql(
            "with inserted as (insert into host_entry_outbox (entry_key, line, event_id,"
                + " object_kind, object_id) select u.entry_key, u.line, u.event_id::uuid,"
                + " u.object_kind, u.object_id from unnest(:keys::text[], :lines::text[],"
                + " :eventIds::text[], :ownerKinds::text[], :ownerIds::int8[]) with ordinality"
                + " as u(entry_key, line, event_id, object_kind, object_id, n) order by u.n"
                + " returning 1) select count(*) as rows, pg_notify('"
                + CHANNEL
                + "', '') from inserted")
        .bind("keys", keys)
        .bind("lines", lines)
        .bind("eventIds", eventIds)
        .bind("ownerKinds", ownerKinds)
        .bind("ownerIds", ownerIds)
        .map(row -> row.get("rows", Long.class).intValue())
        .one();
  }

  /** A removal is a tombstone: a null value on the compacted topic. */
  static String lineOrNull(EntryChange change) {
    return change instanceof EntryChange.Put put ? put.entry().line() : null;
  }
}
