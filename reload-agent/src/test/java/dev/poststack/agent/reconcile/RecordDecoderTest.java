package dev.poststack.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One record at a time, as a full resync decodes them on several cores: the line is parsed first
 * and the key only when needed, with the same outcome (and reasons) as checking the key first.
 */
class RecordDecoderTest {
  private static final String ALICE_KEY = "mailbox:alice@example.test";
  private static final String ALICE_LINE =
      "mailbox alice@example.test password={SHA512-CRYPT}$6$abcdefgh$0123456789./ABC"
          + " status=active home=example.test/10 quota_bytes=1073741824";

  private static RecordDecoder.Decoded decode(String key, String value) {
    return RecordDecoder.decode(new EntryRecord(0, 5, key, value));
  }

  @Test
  void aValidLineOfItsOwnKeyIsAnEntryWhoseLineIsCanonical() {
    RecordDecoder.Decoded d = decode(ALICE_KEY, ALICE_LINE);

    assertThat(d).isInstanceOf(RecordDecoder.Entry.class);
    RecordDecoder.Entry e = (RecordDecoder.Entry) d;
    assertThat(e.key()).isEqualTo(EntryKey.parse(ALICE_KEY));
    assertThat(e.entry().line()).isEqualTo(ALICE_LINE);
    // so the hash of the record's own line is the entry's
    assertThat(ContentHash.ofDigests(List.of(ContentHash.digestOf(ALICE_LINE))))
        .isEqualTo(ContentHash.of(List.of(e.entry())));
  }

  @Test
  void aLineOfAnotherKeyIsRefusedAndItsRecordKeysRowGoes() {
    RecordDecoder.Decoded d = decode("mailbox:bob@example.test", ALICE_LINE);

    assertThat(d).isInstanceOf(RecordDecoder.Refused.class);
    RecordDecoder.Refused r = (RecordDecoder.Refused) d;
    assertThat(r.key()).contains(EntryKey.parse("mailbox:bob@example.test"));
    assertThat(r.refusal().reason())
        .isEqualTo(
            "line refused: line: is the entry of mailbox:alice@example.test, not of its record"
                + " key");
  }

  @Test
  void aGarbledLineIsRefusedWithItsKeyAndAGarbledKeyWithout() {
    RecordDecoder.Refused garbledLine =
        (RecordDecoder.Refused) decode(ALICE_KEY, "mailbox alice@example.test password=x");
    assertThat(garbledLine.key()).contains(EntryKey.parse(ALICE_KEY));
    assertThat(garbledLine.refusal().reason()).startsWith("line refused: ");

    RecordDecoder.Refused garbledKey = (RecordDecoder.Refused) decode("Mailbox:x", ALICE_LINE);
    assertThat(garbledKey.key()).isEqualTo(Optional.empty());
    assertThat(garbledKey.refusal().reason()).startsWith("key does not decode: ");

    RecordDecoder.Refused bothGarbled = (RecordDecoder.Refused) decode("not a key", "nonsense");
    assertThat(bothGarbled.key()).isEmpty();
    assertThat(bothGarbled.refusal().reason()).startsWith("key does not decode: ");
  }

  @Test
  void aTombstoneNeedsAValidKey() {
    assertThat(decode(ALICE_KEY, null))
        .isEqualTo(
            new RecordDecoder.Tombstone(
                new EntryRecord(0, 5, ALICE_KEY, null), EntryKey.parse(ALICE_KEY)));
    assertThat(decode("mailbox:ALICE@example.test", null))
        .isInstanceOf(RecordDecoder.Refused.class);
  }

  @Test
  void refusalsNeverRepeatTheLine() {
    String secret = ALICE_LINE.replace("status=active", "status=bogus");
    RecordDecoder.Refused r = (RecordDecoder.Refused) decode(ALICE_KEY, secret);
    assertThat(r.refusal().toString()).doesNotContain("$6$");
  }
}
