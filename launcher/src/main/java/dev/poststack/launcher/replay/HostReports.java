package dev.poststack.launcher.replay;

import dev.poststack.schemas.HostReportCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.UndecodableEventException;
import dev.poststack.schemas.host.HostApplyReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the mail hosts reported on {@code poststack.host-status}: per host its last report at or
 * before an instant (any time when null), read from the topic's beginning without a group.
 */
final class HostReports {
  private HostReports() {}

  static Map<String, HostApplyReport> lastBy(String bootstrap, Instant until) {
    Map<String, HostApplyReport> last = new TreeMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "poststack-replay-render"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      var infos = consumer.partitionsFor(Topics.HOST_STATUS.name());
      if (infos == null || infos.isEmpty()) {
        return last;
      }
      List<TopicPartition> partitions =
          infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading poststack.host-status took over 60 s");
        }
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          HostApplyReport report = null;
          if (record.value() != null) {
            try {
              report = HostReportCodec.decode(record.value());
            } catch (UndecodableEventException skipped) {
              // like the provisioner: a report is a snapshot the next one supersedes
              continue;
            }
          }
          fold(last, record.key(), report, Instant.ofEpochMilli(record.timestamp()), until);
        }
      }
    }
    return last;
  }

  /**
   * One record of the status topic into {@code last} (pure): a report applied at or before {@code
   * until} replaces its host's; a tombstone (an operator removed the host, {@code report} null)
   * drops the host only if it was published at or before {@code until}, since at an earlier instant
   * the host was still there and served what it had reported.
   */
  static void fold(
      Map<String, HostApplyReport> last,
      String key,
      HostApplyReport report,
      Instant recordTime,
      Instant until) {
    if (report == null) {
      if (key != null && (until == null || !recordTime.isAfter(until))) {
        last.remove(key);
      }
      return;
    }
    if (until == null || !report.getAppliedAt().isAfter(until)) {
      last.put(report.getHostId(), report);
    }
  }
}
