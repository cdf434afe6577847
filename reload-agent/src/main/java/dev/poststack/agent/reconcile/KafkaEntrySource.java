package dev.poststack.agent.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host-entries topic through a consumer of the host's own group, with every partition assigned
 * manually (no rebalances: one agent per host reads everything) and positions taken from the store.
 * Assignment is lazy and retried, so an agent started while Kafka is down still serves its store.
 */
public final class KafkaEntrySource implements EntrySource {
  private static final Logger log = LoggerFactory.getLogger(KafkaEntrySource.class);
  private static final Duration METADATA_WAIT = Duration.ofSeconds(2);
  private static final Duration PARTITION_REFRESH = Duration.ofMinutes(1);

  private final String topic;
  private final KafkaConsumer<String, String> consumer;
  private List<TopicPartition> assigned = List.of();
  private long lastRefresh;
  private boolean unreachableLogged;

  public KafkaEntrySource(String bootstrapServers, String topic, String groupId, int maxBurst) {
    this.topic = topic;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // only when a stored position is gone (topic re-created): re-reading is harmless, entries match
    // by value
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxBurst));
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(p);
  }

  @Override
  public List<EntryRecord> poll(Map<Integer, Long> positions, Duration wait) {
    if (!assign(positions)) {
      return List.of();
    }
    List<EntryRecord> burst = new ArrayList<>();
    try {
      for (ConsumerRecord<String, String> r : consumer.poll(wait)) {
        burst.add(new EntryRecord(r.partition(), r.offset(), r.key(), r.value()));
      }
    } catch (KafkaException e) {
      log.warn("polling {} failed, will retry: {}", topic, e.getMessage());
      assigned = List.of(); // re-assign and re-seek from the store's positions next time
    }
    return burst;
  }

  /**
   * Assigns every partition once (and re-checks now and then for new ones), seeking to the store's
   * positions.
   */
  private boolean assign(Map<Integer, Long> positions) {
    long now = System.nanoTime();
    if (!assigned.isEmpty() && now - lastRefresh < PARTITION_REFRESH.toNanos()) {
      return true;
    }
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, METADATA_WAIT);
    } catch (KafkaException e) {
      if (!unreachableLogged) {
        log.warn("Kafka unreachable ({}); serving the local store and retrying", e.getMessage());
        unreachableLogged = true;
      }
      return !assigned.isEmpty();
    }
    lastRefresh = now;
    unreachableLogged = false;
    if (infos == null || infos.isEmpty()) {
      return !assigned.isEmpty();
    }
    List<TopicPartition> all =
        infos.stream()
            .map(i -> new TopicPartition(topic, i.partition()))
            .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
            .toList();
    if (all.equals(assigned)) {
      return true;
    }
    consumer.assign(all);
    for (TopicPartition tp : all) {
      Long next = positions.get(tp.partition());
      if (next == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, next);
      }
    }
    assigned = all;
    log.info(
        "reading {} partitions of {} from {}",
        all.size(),
        topic,
        positions.isEmpty() ? "the beginning" : positions);
    return true;
  }

  @Override
  public void rewind() {
    assigned = List.of();
  }

  @Override
  public void applied(Map<Integer, Long> positions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    positions.forEach(
        (p, next) -> offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(next)));
    try {
      consumer.commitAsync(
          offsets,
          (o, e) -> {
            if (e != null) {
              log.debug("offset commit for lag tooling failed: {}", e.getMessage());
            }
          });
    } catch (KafkaException e) {
      log.debug("offset commit for lag tooling failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
