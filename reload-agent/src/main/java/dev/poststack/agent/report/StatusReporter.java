package dev.poststack.agent.report;

import dev.poststack.schemas.HostReportCodec;
import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.PartitionPosition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what this host has applied to the host-status topic, keyed by host id (compacted: the
 * latest report per host survives). Best effort and never blocking for long: with Kafka down the
 * host keeps serving, and the next report after reconnection carries the whole truth again.
 */
public final class StatusReporter implements StatusSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);

  private final String topic;
  private final String hostId;
  private final KafkaProducer<String, byte[]> producer;

  public StatusReporter(String bootstrapServers, String topic, String hostId) {
    this.topic = topic;
    this.hostId = hostId;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "poststack-agent-" + hostId + "-status");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    // metadata wait when Kafka is down: the reconcile loop must not stall behind a report
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
  }

  public static HostApplyReport report(
      String hostId, Map<Integer, Long> positions, String contentHash, long entryCount, Instant appliedAt) {
    List<PartitionPosition> list = positions.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> PartitionPosition.newBuilder().setPartition(e.getKey()).setNextOffset(e.getValue()).build())
        .toList();
    return HostApplyReport.newBuilder()
        .setHostId(hostId)
        .setPositions(list)
        .setContentHash(contentHash)
        .setEntryCount(entryCount)
        .setAppliedAt(appliedAt)
        .build();
  }

  @Override
  public void publish(HostApplyReport report) {
    try {
      producer.send(new ProducerRecord<>(topic, hostId, HostReportCodec.encode(report)), (md, e) -> {
        if (e != null) {
          log.debug("status report not delivered: {}", e.getMessage());
        }
      });
    } catch (KafkaException e) {
      log.debug("status report not sent (Kafka unreachable?): {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(2));
  }
}
