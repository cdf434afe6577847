package dev.poststack.agent;

import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostState;
import dev.poststack.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that was off longer than the topic's tombstone retention cannot learn from the log what
 * was deleted meanwhile: compaction removed the tombstones it never read. On restart it detects
 * that and rebuilds its store from the whole compacted topic, ending equal to the expected entries.
 */
class FullResyncIT {
  /** Short on purpose: tombstones vanish within seconds instead of a day. */
  private static final Duration RETENTION = Duration.ofMillis(500);

  private static KafkaFixture kafka;

  @TempDir Path dir;

  @BeforeAll
  static void brokerThatCompactsAtOnce() {
    kafka =
        new KafkaFixture(
            Map.of("log.cleaner.backoff.ms", "100"),
            Map.of(
                "delete.retention.ms", Long.toString(RETENTION.toMillis()),
                "segment.ms", "100",
                "min.cleanable.dirty.ratio", "0.001"));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private AgentRuntime agent(Path store) {
    return kafka.agent("resync-host", store);
  }

  @Test
  void aHostOfflineLongerThanTheTombstoneRetentionRebuildsItsStoreAndEndsEqual() {
    HostState before =
        state()
            .domain(1, "resync.test")
            .mailbox(10, "alice@resync.test", "pw-a")
            .mailbox(11, "bob@resync.test", "pw-b")
            .mailbox(12, "carol@resync.test", "pw-c")
            .alias(20, "info@resync.test", 11)
            .build();
    HostState after =
        state()
            .domain(1, "resync.test")
            .mailbox(10, "alice@resync.test", "pw-a")
            .mailbox(12, "carol@resync.test", "pw-c2")
            .build();
    List<HostEntry> expected = HostEntries.render(after);
    kafka.publish(puts(before));
    Path store = dir.resolve("host.sqlite");

    try (AgentRuntime a = agent(store)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> a.store().allEntries().containsAll(HostEntries.render(before)));
      // it read to the end and said so: the time a later start compares with the retention
      await().atMost(Duration.ofSeconds(30)).until(() -> a.store().caughtUpAt().isPresent());
    }

    // while the host is off: bob and his alias are deleted, carol gets a new password
    Set<EntryKey> gone = keys(HostEntries.render(before));
    gone.removeAll(keys(expected));
    List<EntryChange> changes = new ArrayList<>(puts(after));
    gone.forEach(k -> changes.add(new EntryChange.Remove(k)));
    kafka.publish(changes);
    // compaction removes bob's records and then his tombstones: the log no longer says he existed
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              // new records in every partition roll its segment, so the cleaner runs again:
              // tombstones of keys that never existed change nothing on any host
              assertThat(kafka.publish(fillers()).stream().map(KafkaFixture.Published::partition))
                  .containsAll(List.of(0, 1, 2));
              return keysInTopic().stream().noneMatch(k -> gone.contains(EntryKey.parse(k)));
            });

    Instant restart = Instant.now();
    try (AgentRuntime a = agent(store)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(a.store().allEntries()).containsExactlyInAnyOrderElementsOf(expected));
      assertThat(a.store().contentHash()).isEqualTo(ContentHash.of(expected));
      assertThat(a.store().caughtUpAt()).hasValueSatisfying(t -> assertThat(t).isAfter(restart));
      assertThat(a.store().positions(Topics.HOST_ENTRIES.name()))
          .hasSize(Topics.HOST_ENTRIES.partitions());
    }
  }

  private static List<EntryChange> puts(HostState s) {
    return HostEntries.render(s).stream().map(e -> (EntryChange) new EntryChange.Put(e)).toList();
  }

  private static List<EntryChange> fillers() {
    List<EntryChange> fillers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      fillers.add(new EntryChange.Remove(EntryKey.parse("mailbox:filler-" + i + "@resync.test")));
    }
    return fillers;
  }

  private static Set<EntryKey> keys(List<HostEntry> entries) {
    Set<EntryKey> keys = new HashSet<>();
    entries.forEach(e -> keys.add(e.key()));
    return keys;
  }

  /** The keys of every record the topic still holds, puts and tombstones alike. */
  private static List<String> keysInTopic() {
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                kafka.bootstrap(),
                "key.deserializer",
                StringDeserializer.class.getName(),
                "value.deserializer",
                StringDeserializer.class.getName()))) {
      List<TopicPartition> tps = new ArrayList<>();
      for (PartitionInfo p : c.partitionsFor(Topics.HOST_ENTRIES.name())) {
        tps.add(new TopicPartition(p.topic(), p.partition()));
      }
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      List<String> keys = new ArrayList<>();
      while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          keys.add(r.key());
        }
      }
      return keys;
    }
  }
}
