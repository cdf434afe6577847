package dev.poststack.agent.report;

import dev.poststack.schemas.HostReportCodec;
import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.PartitionPosition;
import dev.poststack.schemas.host.RefusedEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
  private final String address;
  private final Instant startedAt;
  private final KafkaProducer<String, byte[]> producer;
  private final AtomicReference<AppliedStatus> latest = new AtomicReference<>();

  /**
   * Least time between two sends. A host taking a change every few milliseconds would otherwise
   * send a report per burst, and the control plane reads every host's reports: this bounds that to
   * 20 a second per host while adding at most this much to a busy host's visible position. A quiet
   * host's report goes at once.
   */
  static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private volatile long lastSentNanos = System.nanoTime() - MIN_GAP_NANOS;
  private final ScheduledExecutorService sender =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "poststack-agent-status");
            t.setDaemon(true);
            return t;
          });

  public StatusReporter(String bootstrapServers, String topic, String hostId) {
    this(bootstrapServers, topic, hostId, "", Instant.now());
  }

  /**
   * @param address what the host's mail services listen on (or its public name), shown in the
   *     registry; empty when unknown
   * @param startedAt when this agent started: after an operator removed the host, only a report of
   *     a later start registers it again
   */
  public StatusReporter(
      String bootstrapServers, String topic, String hostId, String address, Instant startedAt) {
    this.topic = topic;
    this.hostId = hostId;
    this.address = address == null ? "" : address;
    this.startedAt = startedAt;
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
    sender.execute(StatusReporter::warmUp);
  }

  /** Loads and initialises the Avro codec on the sender thread, off the reconcile loop's path. */
  private static void warmUp() {
    HostReportCodec.encode(
        report(new AppliedStatus("warm-up", java.util.Map.of(), "0", 0, java.time.Instant.EPOCH)));
  }

  public static HostApplyReport report(AppliedStatus s) {
    return report(s, "", null);
  }

  public static HostApplyReport report(AppliedStatus s, String address, Instant startedAt) {
    List<PartitionPosition> list =
        s.positions().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(
                e ->
                    PartitionPosition.newBuilder()
                        .setPartition(e.getKey())
                        .setNextOffset(e.getValue())
                        .build())
            .toList();
    return HostApplyReport.newBuilder()
        .setHostId(s.hostId())
        .setPositions(list)
        .setContentHash(s.contentHash())
        .setEntryCount(s.entryCount())
        .setAppliedAt(s.appliedAt())
        .setAddress(address)
        .setStartedAt(startedAt)
        .setLastError(s.problems().lastError().map(AppliedStatus.LastError::message).orElse(null))
        .setLastErrorAt(s.problems().lastError().map(AppliedStatus.LastError::at).orElse(null))
        .setRefusedEntries(
            s.problems().refused().stream()
                .map(r -> new RefusedEntry(r.key(), r.reason()))
                .toList())
        .build();
  }

  /**
   * Hands the report to a sender thread and returns at once: the first send waits for topic
   * metadata (and up to max.block.ms when Kafka is down), which must never delay the next burst.
   * Reports queued meanwhile collapse into the latest, which carries the whole truth; it goes once
   * {@link #MIN_GAP_NANOS} have passed since the last send.
   */
  @Override
  public void publish(AppliedStatus status) {
    if (latest.getAndSet(status) == null) {
      long wait = lastSentNanos + MIN_GAP_NANOS - System.nanoTime();
      sender.schedule(this::sendLatest, Math.max(0, wait), TimeUnit.NANOSECONDS);
    }
  }

  private void sendLatest() {
    lastSentNanos = System.nanoTime();
    AppliedStatus status = latest.getAndSet(null);
    if (status == null) {
      return;
    }
    // built here, not in the loop: the first use of the Avro classes costs a cold JVM about a
    // second
    HostApplyReport report = report(status, address, startedAt);
    try {
      producer.send(
          new ProducerRecord<>(topic, hostId, HostReportCodec.encode(report)),
          (md, e) -> {
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
    sender.shutdown();
    try {
      sender.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(java.time.Duration.ofSeconds(2));
  }
}
