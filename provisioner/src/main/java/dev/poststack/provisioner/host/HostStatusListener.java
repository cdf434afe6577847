package dev.poststack.provisioner.host;

import dev.poststack.schemas.HostReportCodec;
import dev.poststack.schemas.UndecodableEventException;
import dev.poststack.schemas.host.HostApplyReport;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stores each mail host's {@code HostApplyReport} in {@code mail_host}. Thin edge, like the event
 * listener: decode, one transaction, return; the offset is committed after it (AckMode RECORD) and
 * a database failure is retried by the container's error handler.
 *
 * <p>An undecodable report is logged at ERROR with its position and skipped, not dead-lettered:
 * unlike an event, a report carries no change of record — it is a snapshot that the host's next
 * report (seconds later) supersedes, so skipping it loses nothing, and stalling the partition would
 * hide every other host's progress. A report whose key is not its host id is refused alike.
 *
 * <p>A tombstone (null value) is an operator's removal of the host ({@code DELETE /hosts/{id}},
 * {@code poststack hosts remove}): the host is marked removed, not deleted; see {@link MailHosts}.
 */
@Component
class HostStatusListener {
  private static final Logger LOG = LoggerFactory.getLogger(HostStatusListener.class);
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(30);

  private final MailHosts hosts;
  private final HostResyncRequests resyncs;

  HostStatusListener(MailHosts hosts, HostResyncRequests resyncs) {
    this.hosts = hosts;
    this.resyncs = resyncs;
  }

  @KafkaListener(
      id = "host-status",
      topics = "#{T(dev.poststack.schemas.Topics).HOST_STATUS.name()}",
      groupId = "${poststack.provisioner.status-group-id:poststack-provisioner-status}")
  void onReport(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      if (record.key() != null) {
        hosts
            .remove(record.key(), Instant.ofEpochMilli(record.timestamp()))
            .block(TRANSACTION_TIMEOUT);
      }
      return;
    }
    HostApplyReport report;
    try {
      report = HostReportCodec.decode(record.value());
    } catch (UndecodableEventException undecodable) {
      LOG.error(
          "skipped undecodable host report {}-{}@{} (key {}): {}",
          record.topic(),
          record.partition(),
          record.offset(),
          record.key(),
          undecodable.getMessage());
      return;
    }
    if (record.key() != null && !record.key().equals(report.getHostId())) {
      LOG.error(
          "skipped host report {}-{}@{}: key {} is not its host id {}",
          record.topic(),
          record.partition(),
          record.offset(),
          record.key(),
          report.getHostId());
      return;
    }
    boolean stored =
        Boolean.TRUE.equals(
            hosts
                .record(report, Instant.ofEpochMilli(record.timestamp()))
                .block(TRANSACTION_TIMEOUT));
    if (stored) {
      try {
        resyncs.check(report).block(TRANSACTION_TIMEOUT);
      } catch (RuntimeException e) {
        // the report is stored; the check runs again with the host's next report
        LOG.error("resync check of host {} failed: {}", report.getHostId(), e.getMessage());
      }
    }
  }
}
