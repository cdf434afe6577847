package dev.poststack.provisioner;

import dev.poststack.renderer.host.HostAlias;
import dev.poststack.renderer.host.HostDomain;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostMailbox;
import dev.poststack.renderer.host.HostState;
import dev.poststack.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The host-entries topic as a new mail host sees it: every record from the beginning. */
public final class HostEntriesTopic {
  private final String brokers;

  public HostEntriesTopic(String brokers) {
    this.brokers = brokers;
  }

  /** Every record so far, partition by partition, in offset order. */
  public List<ConsumerRecord<String, byte[]>> records() {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < Topics.HOST_ENTRIES.partitions(); p++) {
        partitions.add(new TopicPartition(Topics.HOST_ENTRIES.name(), p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** What compaction converges to: the last value per key, a tombstone removing the key. */
  public Map<String, String> latest() {
    Map<String, String> latest = new TreeMap<>();
    for (ConsumerRecord<String, byte[]> r : records()) {
      if (r.value() == null) {
        latest.remove(r.key());
      } else {
        latest.put(r.key(), new String(r.value(), StandardCharsets.UTF_8));
      }
    }
    return latest;
  }

  /** The values of one key in the order they were published; null for a tombstone. */
  public List<String> history(String key) {
    List<String> values = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : records()) {
      if (r.key().equals(key)) {
        values.add(r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  /**
   * The oracle: the state tables read over JDBC and rendered with {@link HostEntries#render},
   * independently of the provisioner's own conversion code.
   */
  public static Map<String, String> renderOf(Database db) {
    List<HostDomain> domains =
        db.rows("select id, name, status, inbound_enabled, deleted_at from domain").stream()
            .map(
                r ->
                    HostDomain.of(
                        (Long) r.get("id"),
                        (String) r.get("name"),
                        "verified".equals(r.get("status"))
                            && (Boolean) r.get("inbound_enabled")
                            && r.get("deleted_at") == null))
            .toList();
    List<HostMailbox> mailboxes =
        db
            .rows(
                "select m.id, d.name, m.local_part, m.password_hash,"
                    + " m.status, m.quota_bytes from mailbox m join domain d on d.id = m.domain_id")
            .stream()
            .map(
                r ->
                    HostMailbox.of(
                        (Long) r.get("id"),
                        (String) r.get("name"),
                        (String) r.get("local_part"),
                        (String) r.get("password_hash"),
                        (String) r.get("status"),
                        (Long) r.get("quota_bytes")))
            .toList();
    List<HostAlias> aliases =
        db
            .rows(
                "select a.id, d.name, a.local_part, a.destination_mailbox_id,"
                    + " a.deleted_at from alias a join domain d on d.id = a.domain_id")
            .stream()
            .map(
                r ->
                    HostAlias.of(
                        (Long) r.get("id"),
                        (String) r.get("name"),
                        (String) r.get("local_part"),
                        (Long) r.get("destination_mailbox_id"),
                        r.get("deleted_at") != null))
            .toList();
    Map<String, String> rendered = new LinkedHashMap<>();
    for (HostEntry e : HostEntries.render(new HostState(domains, mailboxes, aliases))) {
      rendered.put(e.key().value(), e.line());
    }
    return new TreeMap<>(rendered);
  }
}
