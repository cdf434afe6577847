package dev.poststack.provisioner.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

  @Test
  void aKeyTwiceInOneBatchKeepsThePositionAndLineOfItsLastRecord() {
    List<OutboxRecord> batch =
        List.of(
            new OutboxRecord(1, "domain:a.example", "domain a.example"),
            new OutboxRecord(2, "domain:b.example", "domain b.example"),
            new OutboxRecord(3, "domain:a.example", null));
    List<RecordMetadata> positions = List.of(at(0, 7), at(2, 4), at(0, 8));
    assertThat(OutboxRelay.latestPerKey(batch, positions))
        .containsExactly(
            java.util.Map.entry("domain:a.example", new OutboxRelay.Position(0, 8, null)),
            java.util.Map.entry(
                "domain:b.example",
                new OutboxRelay.Position(2, 4, LineDigest.sha256Hex("domain b.example"))));
  }

  @Test
  void eachOwnersLastRecordOfTheBatchIsItsPositionAndUnownedRecordsMoveNoObject() {
    EntryOwner old = EntryOwner.mailbox(2);
    EntryOwner next = EntryOwner.mailbox(3);
    List<OutboxRecord> batch =
        List.of(
            new OutboxRecord(1, "mailbox:a@b.example", "mailbox a@b.example", old),
            new OutboxRecord(2, "mailbox:a@b.example", null, old),
            new OutboxRecord(3, "sender:x@b.example", null),
            new OutboxRecord(4, "mailbox:a@b.example", "mailbox a@b.example", next));
    List<RecordMetadata> positions = List.of(at(1, 10), at(1, 11), at(0, 3), at(1, 12));
    assertThat(OutboxRelay.latestPerOwner(batch, positions))
        .containsExactly(
            java.util.Map.entry(old, new OutboxRelay.OwnPosition("mailbox:a@b.example", 1, 11)),
            java.util.Map.entry(next, new OutboxRelay.OwnPosition("mailbox:a@b.example", 1, 12)));
  }

  @Test
  void anOutboxRecordNeverPrintsItsLine() {
    assertThat(new OutboxRecord(1, "mailbox:a@b.example", "mailbox a@b.example password={X}secret"))
        .asString()
        .doesNotContain("secret");
  }

  private static RecordMetadata at(int partition, long offset) {
    return new RecordMetadata(
        new TopicPartition(Topics.HOST_ENTRIES.name(), partition), offset, 0, 0L, 0, 0);
  }
}
