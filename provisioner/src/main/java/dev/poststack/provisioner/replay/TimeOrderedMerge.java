package dev.poststack.provisioner.replay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Merges the partitions' records into one sequence by record timestamp (then partition), the order
 * in which the live provisioner most likely applied them. Within a partition the log's order is
 * kept whatever the timestamps say. Order across partitions matters where one decision reads
 * another domain's writes (a team's limit counts every domain's mailboxes); the live run's exact
 * interleaving is not in the log, the create times are the closest record of it.
 *
 * <p>A record is handed out only when every partition that may still hold an earlier one has a
 * record buffered or has been read to its end.
 */
final class TimeOrderedMerge {
  private final Map<Integer, Long> end;
  private final Map<Integer, ArrayDeque<ConsumerRecord<String, byte[]>>> buffers = new TreeMap<>();
  private final Set<Integer> readToEnd = new HashSet<>();

  /** {@code begin} and exclusive {@code end} offsets per partition. */
  TimeOrderedMerge(Map<Integer, Long> begin, Map<Integer, Long> end) {
    this.end = Map.copyOf(end);
    end.forEach(
        (p, e) -> {
          buffers.put(p, new ArrayDeque<>());
          if (e <= begin.get(p)) {
            readToEnd.add(p);
          }
        });
  }

  /** A polled record; those at or past their partition's end are dropped. */
  void add(ConsumerRecord<String, byte[]> record) {
    if (record.offset() < end.get(record.partition())) {
      buffers.get(record.partition()).add(record);
    }
  }

  /** Nothing more will be added for {@code partition}. */
  void readToEnd(int partition) {
    readToEnd.add(partition);
  }

  boolean isReadToEnd(int partition) {
    return readToEnd.contains(partition);
  }

  int buffered(int partition) {
    return buffers.get(partition).size();
  }

  boolean finished() {
    return readToEnd.size() == buffers.size()
        && buffers.values().stream().allMatch(ArrayDeque::isEmpty);
  }

  /** Up to {@code max} records in merged order; fewer when a partition must be read first. */
  List<ConsumerRecord<String, byte[]>> take(int max) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    while (out.size() < max) {
      ArrayDeque<ConsumerRecord<String, byte[]>> next = null;
      for (var e : buffers.entrySet()) {
        ArrayDeque<ConsumerRecord<String, byte[]>> buffer = e.getValue();
        if (buffer.isEmpty()) {
          if (!readToEnd.contains(e.getKey())) {
            return out; // this partition may hold an earlier record: read it first
          }
          continue;
        }
        if (next == null || buffer.peek().timestamp() < next.peek().timestamp()) {
          next = buffer;
        }
      }
      if (next == null) {
        return out;
      }
      out.add(next.poll());
    }
    return out;
  }
}
