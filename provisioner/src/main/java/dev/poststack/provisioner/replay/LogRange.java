package dev.poststack.provisioner.replay;

import dev.poststack.launcher.spi.EventReplayer.Until;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The part of the log a replay reads: per partition, from its first offset to an exclusive end. Bad
 * ends are refused with a one-line {@link IllegalArgumentException}.
 */
record LogRange(String topic, Map<Integer, Long> begin, Map<Integer, Long> end) {

  LogRange {
    begin = Map.copyOf(begin);
    end = Map.copyOf(end);
  }

  long total() {
    return end.entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
  }

  /**
   * {@code until.instant()}: per partition, the first record whose timestamp (the producer's create
   * time) is after the instant ends the range, so the last record at or before it is the last one
   * read.
   */
  static LogRange resolve(Consumer<?, ?> consumer, String topic, Until until) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("topic " + topic + " does not exist on this broker");
    }
    List<TopicPartition> partitions =
        infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    Map<Integer, Long> begin = byPartition(consumer.beginningOffsets(partitions));
    Map<Integer, Long> latest = byPartition(consumer.endOffsets(partitions));
    Map<Integer, Long> end;
    if (until.offsets() != null) {
      end = checkedOffsets(topic, until.offsets(), begin, latest);
    } else if (until.instant() != null) {
      end = atInstant(consumer, partitions, until.instant(), latest);
      requireEventAtOrBefore(consumer, partitions, until.instant(), begin, end, latest);
    } else {
      end = latest;
    }
    return new LogRange(topic, begin, end);
  }

  private static Map<Integer, Long> checkedOffsets(
      String topic, Map<Integer, Long> asked, Map<Integer, Long> begin, Map<Integer, Long> latest) {
    String known = "partitions " + new TreeSet<>(latest.keySet());
    for (var e : new TreeMap<>(asked).entrySet()) {
      int p = e.getKey();
      if (!latest.containsKey(p)) {
        throw new IllegalArgumentException(
            "partition " + p + " does not exist: " + topic + " has " + known);
      }
      long o = e.getValue();
      if (o < begin.get(p) || o > latest.get(p)) {
        throw new IllegalArgumentException(
            "offset "
                + o
                + " of partition "
                + p
                + " is outside the log (offsets "
                + begin.get(p)
                + " to "
                + latest.get(p)
                + ")");
      }
    }
    TreeSet<Integer> missing = new TreeSet<>(latest.keySet());
    missing.removeAll(asked.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "--until-offsets must name every partition of "
              + topic
              + " ("
              + known
              + "); missing "
              + missing);
    }
    return asked;
  }

  private static Map<Integer, Long> atInstant(
      Consumer<?, ?> consumer,
      List<TopicPartition> partitions,
      Instant until,
      Map<Integer, Long> latest) {
    long after = until.toEpochMilli() + 1;
    Map<TopicPartition, Long> query =
        partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> after));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    Map<Integer, Long> end = new TreeMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp first = found.get(tp);
      end.put(tp.partition(), first == null ? latest.get(tp.partition()) : first.offset());
    }
    return end;
  }

  private static void requireEventAtOrBefore(
      Consumer<?, ?> consumer,
      List<TopicPartition> partitions,
      Instant until,
      Map<Integer, Long> begin,
      Map<Integer, Long> end,
      Map<Integer, Long> latest) {
    boolean anything = end.entrySet().stream().anyMatch(e -> e.getValue() > begin.get(e.getKey()));
    if (anything) {
      return;
    }
    boolean empty =
        latest.entrySet().stream().allMatch(e -> e.getValue().equals(begin.get(e.getKey())));
    if (empty) {
      throw new IllegalArgumentException("the event log is empty: nothing happened by " + until);
    }
    Map<TopicPartition, Long> fromStart =
        partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> 0L));
    long first =
        consumer.offsetsForTimes(fromStart).values().stream()
            .filter(java.util.Objects::nonNull)
            .mapToLong(OffsetAndTimestamp::timestamp)
            .min()
            .orElseThrow();
    throw new IllegalArgumentException(
        until + " is before the first event (" + Instant.ofEpochMilli(first) + ")");
  }

  private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
    Map<Integer, Long> m = new TreeMap<>();
    offsets.forEach((tp, o) -> m.put(tp.partition(), o));
    return m;
  }
}
