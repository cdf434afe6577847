package dev.poststack.provisioner.host;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes {@code host_entry_outbox} to the host-entries topic. One batch is one transaction: take
 * the relay lock, read the oldest unpublished rows in id order, send them, await every ack, then
 * mark them published and record each key's new position. A crash after the send and before the
 * commit sends the batch again on the next run, which is harmless: records are keyed, the topic is
 * compacted, hosts are level-triggered, and the re-sent batch still ends in id order.
 *
 * <p>Only one relay publishes at a time, across provisioner instances: {@code skip locked} would
 * let two instances publish two batches at once, and a later change of a key could then reach the
 * topic before an earlier one and be overwritten by it. The transaction-scoped advisory lock is
 * released by the commit, the rollback, or the death of the session.
 */
@Component
public class OutboxRelay {
  /** pg advisory lock id of the relay: "pstk" "outb" as two ASCII words. */
  public static final long RELAY_LOCK = 0x7073746b_6f757462L;

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final HostEntryProducer producer;
  private final List<RelayObserver> observers;
  private final int batchSize;
  private final Duration retention;

  public OutboxRelay(
      DatabaseClient db,
      TransactionalOperator tx,
      HostEntryProducer producer,
      List<RelayObserver> observers,
      @Value("${poststack.provisioner.outbox.batch-size:500}") int batchSize,
      @Value("${poststack.provisioner.outbox.retention:P1D}") Duration retention) {
    this.db = db;
    this.tx = tx;
    this.producer = producer;
    this.observers = observers;
    this.batchSize = batchSize;
    this.retention = retention;
  }

  /** Publishes until nothing is left (or another instance holds the lock); the rows published. */
  public Mono<Integer> drain() {
    return relayBatch()
        .expand(published -> published == batchSize ? relayBatch() : Mono.empty())
        .reduce(0, Integer::sum);
  }

  /** One batch; 0 when there is nothing to publish or another instance is publishing. */
  public Mono<Integer> relayBatch() {
    Mono<Integer> batch =
        db.sql("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")")
            .map(row -> row.get(0, Boolean.class))
            .one()
            .flatMap(locked -> locked ? unpublished().flatMap(this::publish) : Mono.just(0));
    return tx.transactional(batch);
  }

  /** Deletes rows published longer ago than the retention; they only serve inspection. */
  public Mono<Long> prunePublished() {
    return db.sql(
            "delete from host_entry_outbox where published_at < now() - make_interval(secs =>"
                + " :secs)")
        .bind("secs", (double) retention.toSeconds())
        .fetch()
        .rowsUpdated();
  }

  private Mono<List<OutboxRecord>> unpublished() {
    // published_at is null, not "id above the last one published": a transaction that drew a
    // lower id but committed later is still picked up
    return db.sql(
            "select id, entry_key, line, object_kind, object_id from host_entry_outbox"
                + " where published_at is null order by id limit :limit")
        .bind("limit", batchSize)
        .map(
            row -> {
              String kind = row.get("object_kind", String.class);
              return new OutboxRecord(
                  row.get("id", Long.class),
                  row.get("entry_key", String.class),
                  row.get("line", String.class),
                  kind == null ? null : new EntryOwner(kind, row.get("object_id", Long.class)));
            })
        .all()
        .collectList();
  }

  private Mono<Integer> publish(List<OutboxRecord> batch) {
    if (batch.isEmpty()) {
      return Mono.just(0);
    }
    return Mono.fromFuture(() -> producer.send(batch))
        .subscribeOn(Schedulers.boundedElastic()) // send() may block on metadata
        .publishOn(Schedulers.boundedElastic()) // leave the producer's network thread
        .doOnNext(positions -> observers.forEach(o -> o.sent(batch, positions)))
        .flatMap(positions -> markPublished(batch, positions))
        .thenReturn(batch.size());
  }

  private Mono<Void> markPublished(List<OutboxRecord> batch, List<RecordMetadata> positions) {
    Long[] ids = batch.stream().map(OutboxRecord::id).toArray(Long[]::new);
    Map<String, Position> latest = latestPerKey(batch, positions);
    Map<EntryOwner, OwnPosition> owned = latestPerOwner(batch, positions);
    // one round trip: the update and the object upsert run in full whatever the last insert does
    return db.sql(
            "with marked as (update host_entry_outbox set published_at = now() where id = any(:ids)"
                + " returning 1), owned as (insert into host_entry_object_position (object_kind,"
                + " object_id, entry_key, kafka_partition, kafka_offset, published_at) select k, i,"
                + " e, p, o, now() from unnest(:ownerKinds::text[], :ownerIds::int8[],"
                + " :ownerKeys::text[], :ownerPartitions::int[], :ownerOffsets::bigint[]) as"
                + " u(k, i, e, p, o) on conflict (object_kind, object_id) do update set entry_key ="
                + " excluded.entry_key, kafka_partition = excluded.kafka_partition, kafka_offset ="
                + " excluded.kafka_offset, published_at = excluded.published_at returning 1)"
                + " insert into host_entry_position (entry_key, kafka_partition, kafka_offset,"
                + " line_sha256, published_at) select k, p, o, h, now() from unnest(:keys::text[],"
                + " :partitions::int[], :offsets::bigint[], :hashes::text[]) as u(k, p, o, h) on"
                + " conflict (entry_key) do update set kafka_partition = excluded.kafka_partition,"
                + " kafka_offset = excluded.kafka_offset, line_sha256 = excluded.line_sha256,"
                + " published_at = excluded.published_at")
        .bind("ids", ids)
        .bind("ownerKinds", owned.keySet().stream().map(EntryOwner::kind).toArray(String[]::new))
        .bind("ownerIds", owned.keySet().stream().map(EntryOwner::id).toArray(Long[]::new))
        .bind(
            "ownerKeys", owned.values().stream().map(OwnPosition::entryKey).toArray(String[]::new))
        .bind(
            "ownerPartitions",
            owned.values().stream().map(OwnPosition::partition).toArray(Integer[]::new))
        .bind("ownerOffsets", owned.values().stream().map(OwnPosition::offset).toArray(Long[]::new))
        .bind("keys", latest.keySet().toArray(String[]::new))
        .bind(
            "partitions", latest.values().stream().map(Position::partition).toArray(Integer[]::new))
        .bind("offsets", latest.values().stream().map(Position::offset).toArray(Long[]::new))
        .bind("hashes", latest.values().stream().map(Position::lineSha256).toArray(String[]::new))
        .then();
  }

  /** Where each owner's last record of the batch went (an object has one own key). */
  static Map<EntryOwner, OwnPosition> latestPerOwner(
      List<OutboxRecord> batch, List<RecordMetadata> positions) {
    Map<EntryOwner, OwnPosition> latest = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      OutboxRecord r = batch.get(i);
      if (r.owner() != null) {
        RecordMetadata m = positions.get(i);
        latest.put(r.owner(), new OwnPosition(r.entryKey(), m.partition(), m.offset()));
      }
    }
    return latest;
  }

  record OwnPosition(String entryKey, int partition, long offset) {}

  /** A key may occur twice in a batch; its last record (highest id, highest offset) counts. */
  static Map<String, Position> latestPerKey(
      List<OutboxRecord> batch, List<RecordMetadata> positions) {
    Map<String, Position> latest = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      OutboxRecord r = batch.get(i);
      RecordMetadata m = positions.get(i);
      latest.put(
          r.entryKey(), new Position(m.partition(), m.offset(), LineDigest.sha256Hex(r.line())));
    }
    return latest;
  }

  record Position(int partition, long offset, String lineSha256) {}
}
