package dev.poststack.provisioner.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TimeOrderedMergeTest {

  @Test
  void handsOutRecordsOfAllPartitionsByTimestampAndKeepsEachPartitionsOrder() {
    TimeOrderedMerge merge = new TimeOrderedMerge(Map.of(0, 0L, 1, 0L), Map.of(0, 3L, 1, 2L));
    merge.add(record(0, 0, 10));
    merge.add(record(0, 1, 30));
    merge.add(record(0, 2, 25)); // a late create time stays after its partition's predecessor
    merge.add(record(1, 0, 20));
    merge.add(record(1, 1, 40));
    merge.readToEnd(0);
    merge.readToEnd(1);

    assertThat(merge.take(10))
        .extracting(TimeOrderedMergeTest::name)
        .containsExactly("0@0", "1@0", "0@1", "0@2", "1@1");
    assertThat(merge.finished()).isTrue();
  }

  @Test
  void waitsForAPartitionThatMayHoldAnEarlierRecord() {
    TimeOrderedMerge merge = new TimeOrderedMerge(Map.of(0, 0L, 1, 0L), Map.of(0, 2L, 1, 1L));
    merge.add(record(0, 0, 10));
    merge.add(record(0, 1, 30));

    assertThat(merge.take(10)).isEmpty(); // partition 1 is unread: its record may be earlier

    merge.add(record(1, 0, 20));
    assertThat(merge.take(10)).extracting(TimeOrderedMergeTest::name).containsExactly("0@0", "1@0");
    merge.readToEnd(1);
    assertThat(merge.take(10)).extracting(TimeOrderedMergeTest::name).containsExactly("0@1");
  }

  @Test
  void dropsRecordsAtOrPastTheEndAndSkipsEmptyRanges() {
    TimeOrderedMerge merge = new TimeOrderedMerge(Map.of(0, 5L, 1, 0L), Map.of(0, 5L, 1, 1L));
    merge.add(record(1, 0, 10));
    merge.add(record(1, 1, 11));
    merge.readToEnd(1);

    assertThat(merge.take(10)).extracting(TimeOrderedMergeTest::name).containsExactly("1@0");
    assertThat(merge.finished()).isTrue();
  }

  private static ConsumerRecord<String, byte[]> record(int partition, long offset, long time) {
    return new ConsumerRecord<>(
        "poststack.mailbox-events",
        partition,
        offset,
        time,
        TimestampType.CREATE_TIME,
        0,
        0,
        "k",
        new byte[0],
        new RecordHeaders(),
        Optional.empty());
  }

  private static String name(ConsumerRecord<String, byte[]> r) {
    return r.partition() + "@" + r.offset();
  }
}
