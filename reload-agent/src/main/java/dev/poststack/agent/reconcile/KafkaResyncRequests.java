package dev.poststack.agent.reconcile;

import dev.poststack.schemas.HostRecordCodec;
import dev.poststack.schemas.UndecodableEventException;
import dev.poststack.schemas.host.HostResyncRequest;
import dev.poststack.schemas.host.PartitionPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host-commands topic read from its beginning (compacted: the latest request per host), every
 * partition assigned manually, no group: requests for other hosts are skipped. Waits at most one
 * short poll: an agent asks between passes, and an unreachable broker only means no request yet.
 */
public final class KafkaResyncRequests implements ResyncRequests {
  private static final Logger log = LoggerFactory.getLogger(KafkaResyncRequests.class);
  private static final Duration METADATA_WAIT = Duration.ofSeconds(1);

  /** Long enough for one fetch round trip (a zero wait only sends it), short for an idle pass. */
  private static final Duration POLL = Duration.ofMillis(100);

  private final String topic;
  private final String hostId;
  private final KafkaConsumer<String, byte[]> consumer;
  private boolean assigned;
  private Optional<ResyncRequest> latest = Optional.empty();

  public KafkaResyncRequests(String bootstrapServers, String topic, String hostId) {
    this.topic = topic;
    this.hostId = hostId;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "poststack-agent-" + hostId + "-commands");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
    // the topic is created compacted by the control plane; asking for it must never create it
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public Optional<ResyncRequest> latest() {
    try {
      if (!assigned && !assign()) {
        return latest;
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
        if (hostId.equals(r.key()) && r.value() != null) {
          read(r).ifPresent(request -> latest = Optional.of(request));
        }
      }
    } catch (KafkaException e) {
      log.debug("cannot read {} now: {}", topic, e.getMessage());
      assigned = false;
    }
    return latest;
  }

  private boolean assign() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_WAIT);
    if (infos == null || infos.isEmpty()) {
      return false;
    }
    List<TopicPartition> all =
        infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(all);
    consumer.seekToBeginning(all);
    assigned = true;
    return true;
  }

  private Optional<ResyncRequest> read(ConsumerRecord<String, byte[]> r) {
    try {
      HostResyncRequest request = HostRecordCodec.decodeResyncRequest(r.value());
      if (!hostId.equals(request.getHostId())) {
        log.error(
            "skipped resync request at offset {}: key {} is not its host id", r.offset(), r.key());
        return Optional.empty();
      }
      Map<Integer, Long> positions = new TreeMap<>();
      for (PartitionPosition p : request.getPositions()) {
        positions.put(p.getPartition(), p.getNextOffset());
      }
      return Optional.of(
          new ResyncRequest(request.getRequestedAt(), positions, request.getExpectedHash()));
    } catch (UndecodableEventException e) {
      log.error("skipped undecodable resync request at offset {}: {}", r.offset(), e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
