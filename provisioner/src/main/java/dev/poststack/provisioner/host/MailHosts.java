package dev.poststack.provisioner.host;

import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.PartitionPosition;
import dev.poststack.schemas.host.RefusedEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@code mail_host} and {@code mail_host_position}: the host registry, each host's latest report
 * and what the provisioner saw of it (first seen, last progress, removal). The only writer of both
 * tables (ADR 0005): the API's {@code DELETE /hosts/{id}} publishes a tombstone that lands here.
 */
@Component
public class MailHosts {
  private static final String UPSERT =
      """
      insert into mail_host (host_id, content_hash, entry_count, applied_at, last_report_at,
                             address, first_seen_at, progressed_at, started_at, last_error,
                             last_error_at, refused_entries)
      values (:hostId, :hash, :count, :appliedAt, :receivedAt, :address, :receivedAt, :receivedAt,
              :startedAt, :lastError, :lastErrorAt,
              (select coalesce(jsonb_agg(jsonb_build_object('key', k, 'reason', r) order by i),
                               '[]'::jsonb)
                 from unnest(:refusedKeys::text[], :refusedReasons::text[])
                      with ordinality as u(k, r, i)))
      on conflict (host_id) do update set
        content_hash = excluded.content_hash, entry_count = excluded.entry_count,
        applied_at = excluded.applied_at, last_report_at = excluded.last_report_at,
        address = excluded.address, started_at = excluded.started_at,
        last_error = excluded.last_error, last_error_at = excluded.last_error_at,
        refused_entries = excluded.refused_entries,
        first_seen_at = case when mail_host.removed_at is null then mail_host.first_seen_at
                             else excluded.first_seen_at end,
        progressed_at = case when :progressed or mail_host.removed_at is not null
                             then excluded.progressed_at else mail_host.progressed_at end,
        removed_at = null
      where mail_host.applied_at <= excluded.applied_at
        and (mail_host.removed_at is null
             or excluded.started_at > mail_host.removed_at)
      """;

  private final DatabaseClient db;
  private final TransactionalOperator tx;

  public MailHosts(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  /**
   * Stores the report unless the host already reported a later one (a redelivery after a crash
   * replays older reports) or an operator removed the host and this agent did not start after the
   * removal; its positions replace the host's previous ones.
   *
   * @param receivedAt the status record's timestamp, so re-reading the topic yields the same rows
   * @return whether the report was stored
   */
  public Mono<Boolean> record(HostApplyReport report, Instant receivedAt) {
    String hostId = report.getHostId();
    Map<Integer, Long> reported = new TreeMap<>();
    report.getPositions().forEach(p -> reported.put(p.getPartition(), p.getNextOffset()));
    List<RefusedEntry> refused = report.getRefusedEntries();
    Mono<Boolean> upsert =
        storedPositions(hostId)
            .flatMap(
                stored ->
                    nullable(
                            nullable(
                                nullable(
                                    db.sql(UPSERT),
                                    "startedAt",
                                    report.getStartedAt(),
                                    Instant.class),
                                "lastError",
                                report.getLastError(),
                                String.class),
                            "lastErrorAt",
                            report.getLastErrorAt(),
                            Instant.class)
                        .bind("hostId", hostId)
                        .bind("hash", report.getContentHash())
                        .bind("count", report.getEntryCount())
                        .bind("appliedAt", report.getAppliedAt())
                        .bind("receivedAt", receivedAt)
                        .bind("address", report.getAddress())
                        .bind("progressed", !stored.equals(reported))
                        .bind(
                            "refusedKeys",
                            refused.stream().map(RefusedEntry::getKey).toArray(String[]::new))
                        .bind(
                            "refusedReasons",
                            refused.stream().map(RefusedEntry::getReason).toArray(String[]::new))
                        .fetch()
                        .rowsUpdated()
                        .map(rows -> rows == 1));
    return tx.transactional(
        upsert.flatMap(stored -> stored ? positions(report).thenReturn(true) : Mono.just(false)));
  }

  private static DatabaseClient.GenericExecuteSpec nullable(
      DatabaseClient.GenericExecuteSpec spec, String name, Object value, Class<?> type) {
    return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
  }

  private Mono<Map<Integer, Long>> storedPositions(String hostId) {
    return db.sql(
            "select kafka_partition, next_offset from mail_host_position where host_id = :hostId")
        .bind("hostId", hostId)
        .map((row, meta) -> Map.entry(row.get(0, Integer.class), row.get(1, Long.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new);
  }

  private Mono<Void> positions(HostApplyReport report) {
    String hostId = report.getHostId();
    return db.sql("delete from mail_host_position where host_id = :hostId")
        .bind("hostId", hostId)
        .then()
        .then(
            db.sql(
                    "insert into mail_host_position (host_id, kafka_partition, next_offset)"
                        + " select :hostId, p, o from unnest(:partitions::int[],"
                        + " :offsets::bigint[]) as u(p, o)")
                .bind("hostId", hostId)
                .bind(
                    "partitions",
                    report.getPositions().stream()
                        .map(PartitionPosition::getPartition)
                        .toArray(Integer[]::new))
                .bind(
                    "offsets",
                    report.getPositions().stream()
                        .map(PartitionPosition::getNextOffset)
                        .toArray(Long[]::new))
                .then());
  }

  /**
   * A tombstone on the status topic: an operator removed the host. The row stays, marked removed at
   * the tombstone's timestamp, so the registry shows it as removed and propagation stops counting
   * it; a second tombstone keeps the first removal time.
   */
  public Mono<Void> remove(String hostId, Instant at) {
    return db.sql(
            "update mail_host set removed_at = :at where host_id = :hostId and removed_at is null")
        .bind("hostId", hostId)
        .bind("at", at)
        .then();
  }
}
