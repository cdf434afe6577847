package dev.poststack.provisioner.host;

import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.PartitionPosition;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** {@code mail_host} and {@code mail_host_position}: each host's latest report, nothing older. */
@Component
public class MailHosts {
  private final DatabaseClient db;
  private final TransactionalOperator tx;

  public MailHosts(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  /**
   * Stores the report unless the host already reported a later one (a redelivery after a crash
   * replays older reports); its positions replace the host's previous ones.
   *
   * @param receivedAt the status record's timestamp, so re-reading the topic yields the same rows
   * @return whether the report was stored
   */
  public Mono<Boolean> record(HostApplyReport report, Instant receivedAt) {
    String hostId = report.getHostId();
    Mono<Boolean> upsert =
        db.sql(
                "insert into mail_host (host_id, content_hash, entry_count, applied_at,"
                    + " last_report_at) values (:hostId, :hash, :count, :appliedAt, :receivedAt) on"
                    + " conflict (host_id) do update set content_hash = excluded.content_hash,"
                    + " entry_count = excluded.entry_count, applied_at = excluded.applied_at,"
                    + " last_report_at = excluded.last_report_at where mail_host.applied_at <="
                    + " excluded.applied_at")
            .bind("hostId", hostId)
            .bind("hash", report.getContentHash())
            .bind("count", report.getEntryCount())
            .bind("appliedAt", report.getAppliedAt())
            .bind("receivedAt", receivedAt)
            .fetch()
            .rowsUpdated()
            .map(rows -> rows == 1);
    Mono<Void> positions =
        db.sql("delete from mail_host_position where host_id = :hostId")
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
    return tx.transactional(
        upsert.flatMap(stored -> stored ? positions.thenReturn(true) : Mono.just(false)));
  }

  /** A tombstone on the status topic: the host was removed from the cluster. */
  public Mono<Void> remove(String hostId) {
    return db.sql("delete from mail_host where host_id = :hostId").bind("hostId", hostId).then();
  }
}
