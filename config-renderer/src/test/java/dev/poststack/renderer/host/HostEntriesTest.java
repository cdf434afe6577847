package dev.poststack.renderer.host;

import static dev.poststack.renderer.host.Fixtures.HASH_A;
import static dev.poststack.renderer.host.Fixtures.HASH_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.renderer.testing.Golden;
import dev.poststack.values.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HostEntriesTest {

  @Test
  void rendersTheSampleStateByteForByte() {
    List<HostEntry> entries = HostEntries.render(Fixtures.sample());
    String text =
        entries.stream().map(e -> e.line() + "\n").collect(Collectors.joining())
            + "# content hash "
            + ContentHash.of(entries).hex()
            + "\n";
    Golden.assertMatches("host/sample-entries.txt", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rendersAnActiveMailboxWithItsIdInTheHome() {
    HostMailbox alice = HostMailbox.of(42, "example.test", "alice", HASH_A, "active", 300_000_000L);
    HostEntry entry = put(HostEntries.changesOf(alice, List.of()).get(0));
    assertThat(entry.key().value()).isEqualTo("mailbox:alice@example.test");
    assertThat(entry.line())
        .isEqualTo(
            "mailbox alice@example.test password="
                + HASH_A
                + " status=active home=example.test/42 quota_bytes=300000000");
    assertThat(((MailboxEntry) entry).quotaRule()).isEqualTo("*:bytes=300000000");
  }

  @Test
  void locksASuspendedMailboxsHashAndKeepsItDeliverable() {
    HostMailbox bob = HostMailbox.of(43, "example.test", "bob", HASH_B, "suspended", 1L << 30);
    MailboxEntry entry = (MailboxEntry) put(HostEntries.changesOf(bob, List.of()).get(0));
    assertThat(entry.storedPassword())
        .isEqualTo("{SHA512-CRYPT}!" + HASH_B.substring("{SHA512-CRYPT}".length()));
    assertThat(entry.columnValues())
        .containsExactly(
            "bob@example.test", entry.storedPassword(), "suspended", "example.test/43", 1L << 30);
  }

  @Test
  void aDeletedMailboxYieldsOnlyTheRemovalOfItsKeyAndOfItsAliases() {
    HostMailbox carol = HostMailbox.of(44, "example.test", "carol", HASH_A, "deleted", 1L << 30);
    HostAlias team = HostAlias.of(10, "example.test", "team", 44, false);
    assertThat(HostEntries.changesOf(carol, List.of(team)))
        .extracting(c -> c.getClass().getSimpleName() + " " + c.key())
        .containsExactly(
            "Remove mailbox:carol@example.test",
            "Remove alias:team@example.test",
            "Remove sender:team@example.test");
  }

  @Test
  void aReCreatedAddressGetsANewHome() {
    List<HostEntry> entries = HostEntries.render(Fixtures.sample());
    assertThat(entries)
        .filteredOn(e -> e instanceof MailboxEntry m && m.address().value().startsWith("carol@"))
        .extracting(e -> ((MailboxEntry) e).home())
        .containsExactly("example.test/45");
  }

  @Test
  void anAliasGrantsSendingOnlyToItsDestinationMailbox() {
    HostMailbox alice = HostMailbox.of(42, "example.test", "alice", HASH_A, "active", 1L << 30);
    List<EntryChange> changes =
        HostEntries.changesOf(HostAlias.of(7, "example.test", "info", 42, false), alice);
    assertThat(changes)
        .extracting(c -> put(c).line())
        .containsExactly(
            "alias info@example.test target=alice@example.test",
            "sender info@example.test login=alice@example.test");
  }

  @Test
  void refusesAnAliasRenderedAgainstAnotherMailbox() {
    HostMailbox alice = HostMailbox.of(42, "example.test", "alice", HASH_A, "active", 1L << 30);
    assertThatThrownBy(
            () -> HostEntries.changesOf(HostAlias.of(7, "example.test", "info", 99, false), alice))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void anInactiveDomainIsRemoved() {
    assertThat(HostEntries.changesOf(HostDomain.of(2, "old.test", false)))
        .containsExactly(new EntryChange.Remove(EntryKey.parse("domain:old.test")));
  }

  private static HostEntry put(EntryChange change) {
    return ((EntryChange.Put) change).entry();
  }
}
