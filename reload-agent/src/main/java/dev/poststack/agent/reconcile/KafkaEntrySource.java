package dev.poststack.agent.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
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

  private static final Duration FULL_READ_STALL = Duration.ofSeconds(60);

  private final String topic;
  private final Properties config;
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
    this.config = p;
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

  /** Asks the broker with an admin client; empty (and asked again later) when it cannot answer. */
  @Override
  public Optional<TopicHorizon> horizon() {
    Properties p = new Properties();
    p.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try (Admin admin = Admin.create(p)) {
      Config topicConfig =
          admin.describeConfigs(List.of(resource)).all().get(5, TimeUnit.SECONDS).get(resource);
      ConfigEntry retention = topicConfig.get(TopicConfig.DELETE_RETENTION_MS_CONFIG);
      List<TopicPartition> partitions = partitions();
      if (retention == null || partitions.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new TopicHorizon(
              Duration.ofMillis(Long.parseLong(retention.value())),
              offsets(admin, partitions, OffsetSpec.earliest()),
              // what a read_committed reader reaches: the last stable offset
              offsets(admin, partitions, OffsetSpec.latest())));
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      log.warn("cannot read {}'s retention and offsets yet: {}", topic, e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Whether every assigned partition's read position has reached the broker's end offset. */
  @Override
  public boolean caughtUp() {
    if (assigned.isEmpty()) {
      return false;
    }
    try {
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned, METADATA_WAIT);
      for (TopicPartition tp : assigned) {
        if (consumer.position(tp, METADATA_WAIT) < end.get(tp)) {
          return false;
        }
      }
      return true;
    } catch (KafkaException e) {
      return false;
    }
  }

  /**
   * Reads every partition from its beginning up to {@code end} with a consumer of its own (no
   * group: the host's group keeps its offsets), handing over each poll's records at once; fails
   * when the broker stops answering for a minute.
   */
  @Override
  public void readAll(Map<Integer, Long> end, Consumer<List<EntryRecord>> chunks) {
    Properties p = new Properties();
    p.putAll(config);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-resync");
    // read as fast as the broker sends: the whole topic is wanted, not a burst
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20000");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
    try (KafkaConsumer<String, String> full = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          end.keySet().stream().map(n -> new TopicPartition(topic, n)).toList();
      full.assign(partitions);
      full.seekToBeginning(partitions);
      long lastProgress = System.nanoTime();
      while (!reached(full, end)) {
        List<EntryRecord> chunk = new ArrayList<>();
        for (ConsumerRecord<String, String> r : full.poll(Duration.ofMillis(500))) {
          if (r.offset() < end.get(r.partition())) {
            chunk.add(new EntryRecord(r.partition(), r.offset(), r.key(), r.value()));
          }
        }
        if (!chunk.isEmpty()) {
          lastProgress = System.nanoTime();
          chunks.accept(chunk);
        } else if (System.nanoTime() - lastProgress > FULL_READ_STALL.toNanos()) {
          throw new KafkaException("reading " + topic + " in full stalled for a minute");
        }
      }
    }
  }

  private boolean reached(KafkaConsumer<String, String> full, Map<Integer, Long> end) {
    for (Map.Entry<Integer, Long> e : end.entrySet()) {
      if (full.position(new TopicPartition(topic, e.getKey()), METADATA_WAIT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private List<TopicPartition> partitions() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_WAIT);
    return infos == null
        ? List.of()
        : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
  }

  private static Map<Integer, Long> offsets(
      Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    Map<Integer, Long> m = new HashMap<>();
    admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get(5, TimeUnit.SECONDS)
        .forEach((tp, info) -> m.put(tp.partition(), info.offset()));
    return m;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
