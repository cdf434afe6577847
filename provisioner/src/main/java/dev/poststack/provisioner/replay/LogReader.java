package dev.poststack.provisioner.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a {@link LogRange} with a plain consumer (assigned partitions, no group, nothing committed)
 * and hands it on in batches, merged across partitions by {@link TimeOrderedMerge}.
 */
final class LogReader {
  /** A partition whose buffer holds this many records waits until the others catch up. */
  private static final int PAUSE_AT = 20_000;

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STALLED = Duration.ofSeconds(60);

  private LogReader() {}

  static void read(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      LogRange range,
      int batchSize,
      Consumer<List<ConsumerRecord<String, byte[]>>> batches) {
    TimeOrderedMerge merge = new TimeOrderedMerge(range.begin(), range.end());
    List<TopicPartition> assigned = new ArrayList<>();
    range
        .end()
        .forEach(
            (p, e) -> {
              if (!merge.isReadToEnd(p)) {
                assigned.add(new TopicPartition(range.topic(), p));
              }
            });
    consumer.assign(assigned);
    assigned.forEach(tp -> consumer.seek(tp, range.begin().get(tp.partition())));
    long lastProgress = System.nanoTime();
    while (!merge.finished()) {
      List<ConsumerRecord<String, byte[]>> batch = merge.take(batchSize);
      if (batch.size() == batchSize || (!batch.isEmpty() && allRead(merge, assigned))) {
        batches.accept(batch);
        lastProgress = System.nanoTime();
        continue;
      }
      ConsumerRecords<String, byte[]> polled = consumer.poll(POLL);
      polled.forEach(merge::add);
      if (!batch.isEmpty()) {
        // taken but too few for a batch: hand them on now rather than hold them in two places
        batches.accept(batch);
      }
      if (!polled.isEmpty()) {
        lastProgress = System.nanoTime();
      }
      pauseOrFinish(consumer, merge, assigned, range.end());
      if (System.nanoTime() - lastProgress > STALLED.toNanos()) {
        throw new IllegalStateException(
            "the broker returned nothing for "
                + STALLED.toSeconds()
                + " s before the replay's end");
      }
    }
  }

  private static boolean allRead(TimeOrderedMerge merge, List<TopicPartition> assigned) {
    return assigned.stream().allMatch(tp -> merge.isReadToEnd(tp.partition()));
  }

  private static void pauseOrFinish(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      TimeOrderedMerge merge,
      List<TopicPartition> assigned,
      Map<Integer, Long> end) {
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    for (TopicPartition tp : assigned) {
      int p = tp.partition();
      if (!merge.isReadToEnd(p) && consumer.position(tp) >= end.get(p)) {
        merge.readToEnd(p);
      }
      if (merge.isReadToEnd(p) || merge.buffered(p) >= PAUSE_AT) {
        pause.add(tp);
      } else {
        resume.add(tp);
      }
    }
    consumer.pause(pause);
    consumer.resume(resume);
  }
}
