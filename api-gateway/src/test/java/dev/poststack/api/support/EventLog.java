package dev.poststack.api.support;

import dev.poststack.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the real topic: its end offsets (did anything get published?) and every record. */
public final class EventLog {
  private final String brokers;

  EventLog(String brokers) {
    this.brokers = brokers;
  }

  private KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            brokers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  private List<TopicPartition> partitions() {
    return partitions(Topics.MAILBOX_EVENTS);
  }

  private static List<TopicPartition> partitions(dev.poststack.schemas.TopicSpec topic) {
    List<TopicPartition> out = new ArrayList<>();
    for (int p = 0; p < topic.partitions(); p++) {
      out.add(new TopicPartition(topic.name(), p));
    }
    return out;
  }

  /** The sum of the end offsets: the number of records ever published. */
  public long endOffsetTotal() {
    try (var consumer = consumer()) {
      return consumer.endOffsets(partitions()).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public List<ConsumerRecord<String, byte[]>> all() {
    return all(Topics.MAILBOX_EVENTS);
  }

  /** Every record of the topic; none when the topic does not exist (yet). */
  public List<ConsumerRecord<String, byte[]>> all(dev.poststack.schemas.TopicSpec topic) {
    try (var consumer = consumer()) {
      if (consumer.listTopics(Duration.ofSeconds(10)).get(topic.name()) == null) {
        return List.of();
      }
      var parts = partitions(topic);
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
