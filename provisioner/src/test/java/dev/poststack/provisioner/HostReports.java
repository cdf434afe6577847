package dev.poststack.provisioner;

import dev.poststack.schemas.HostReportCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.PartitionPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A mail host's agent, as far as the status topic is concerned. */
public final class HostReports implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;

  public HostReports(String brokers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /**
   * @param nextOffsets host-entries partition → the next offset the host will read
   */
  public void report(String hostId, Map<Integer, Long> nextOffsets, Instant appliedAt) {
    report(base(hostId, nextOffsets, appliedAt).build());
  }

  /** A v2 report as a test shapes it: start from {@link #base} and set what matters. */
  public void report(HostApplyReport report) {
    sendRaw(report.getHostId(), HostReportCodec.encode(report));
  }

  /** What an operator's removal publishes: a tombstone keyed by the host id. */
  public void tombstone(String hostId) {
    sendRaw(hostId, null);
  }

  public static HostApplyReport.Builder base(
      String hostId, Map<Integer, Long> nextOffsets, Instant appliedAt) {
    List<PartitionPosition> positions = new ArrayList<>();
    nextOffsets.forEach(
        (p, o) ->
            positions.add(PartitionPosition.newBuilder().setPartition(p).setNextOffset(o).build()));
    return HostApplyReport.newBuilder()
        .setHostId(hostId)
        .setPositions(positions)
        .setContentHash("0".repeat(64))
        .setEntryCount(3)
        .setAppliedAt(appliedAt);
  }

  public void sendRaw(String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(Topics.HOST_STATUS.name(), key, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("report failed", e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
