package dev.poststack.system.support;

import dev.poststack.renderer.host.EntryCodec;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The compacted host-entries topic read as a host reads it, without a consumer group. */
public final class HostEntriesTopic {
  private final String bootstrap;

  public HostEntriesTopic(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** The next offset to be written on each partition. */
  public Map<Integer, Long> endOffsets() {
    try (KafkaConsumer<String, String> consumer = consumer()) {
      Map<Integer, Long> end = new TreeMap<>();
      consumer
          .endOffsets(partitions(consumer))
          .forEach((tp, offset) -> end.put(tp.partition(), offset));
      return end;
    }
  }

  /**
   * The entries a host holds once it has applied every record below {@code positions} (partition →
   * next offset) and nothing beyond: last record per key wins, a tombstone removes the key.
   */
  public Set<HostEntry> entriesBelow(Map<Integer, Long> positions) {
    Map<String, String> lastPerKey = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      for (TopicPartition tp : partitions) {
        long until = positions.getOrDefault(tp.partition(), 0L);
        consumer.pause(partitions.stream().filter(p -> !p.equals(tp)).toList());
        consumer.resume(List.of(tp));
        while (consumer.position(tp) < until) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.partition() == tp.partition() && r.offset() < until) {
              lastPerKey.put(r.key(), r.value());
            }
          }
        }
      }
    }
    Set<HostEntry> entries = new HashSet<>();
    lastPerKey.values().stream()
        .filter(v -> v != null)
        .forEach(v -> entries.add(EntryCodec.parse(v)));
    return entries;
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
    return consumer.partitionsFor(Topics.HOST_ENTRIES.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }

  private KafkaConsumer<String, String> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            2000,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class));
  }
}
