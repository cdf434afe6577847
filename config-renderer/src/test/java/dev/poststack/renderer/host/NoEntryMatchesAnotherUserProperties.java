package dev.poststack.renderer.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.mailbox.PasswordHash;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the state, an entry answers only for the object it came from. */
class NoEntryMatchesAnotherUserProperties {
  /** No whitespace, ':', quotes, backslash, control or non-ASCII; '/' only where said below. */
  private static final String SAFE = "[A-Za-z0-9.@_$=+,{}!/-]+";

  @Property
  void aMailboxEntryIsExactlyItsOwnLiveMailbox(@ForAll("states") HostState state) {
    Set<String> homes = new HashSet<>();
    for (HostEntry e : HostEntries.render(state)) {
      if (e instanceof MailboxEntry m) {
        List<HostMailbox> owners =
            state.mailboxes().stream()
                .filter(b -> b.isLive() && b.address().equals(m.address()))
                .toList();
        assertThat(owners).hasSize(1);
        HostMailbox owner = owners.get(0);
        assertThat(m.key().name())
            .isEqualTo(owner.address().value())
            .isEqualTo(owner.address().value().toLowerCase());
        assertThat(m.mailboxId()).isEqualTo(owner.id());
        assertThat(m.home()).isEqualTo(owner.address().domain().value() + "/" + owner.id());
        assertThat(homes.add(m.home())).as("one home per mailbox").isTrue();
      }
    }
  }

  @Property
  void aliasesAndGrantsPointOnlyAtTheirLiveDestination(@ForAll("states") HostState state) {
    List<HostEntry> entries = HostEntries.render(state);
    Set<String> mailboxKeys = new HashSet<>();
    entries.stream()
        .filter(e -> e instanceof MailboxEntry)
        .forEach(e -> mailboxKeys.add(e.key().name()));
    for (HostEntry e : entries) {
      if (e instanceof AliasEntry || e instanceof SenderEntry) {
        String address = e.key().name();
        assertThat(mailboxKeys).as("an alias never shadows a mailbox").doesNotContain(address);
        HostAlias alias =
            state.aliases().stream()
                .filter(a -> a.isLive() && a.address().value().equals(address))
                .findFirst()
                .orElseThrow();
        HostMailbox destination = state.mailbox(alias.destinationMailboxId()).orElseThrow();
        assertThat(destination.isLive()).isTrue();
        String target =
            e instanceof AliasEntry a ? a.target().value() : ((SenderEntry) e).login().value();
        assertThat(target).isEqualTo(destination.address().value());
      }
    }
  }

  @Property
  void noValueCarriesASeparator(@ForAll("states") HostState state) {
    for (HostEntry e : HostEntries.render(state)) {
      for (Object v : e.columnValues()) {
        String s = v.toString();
        assertThat(s).matches(SAFE).doesNotContain(":");
        if (e instanceof MailboxEntry m && s.equals(m.home())) {
          assertThat(s).matches("[a-z0-9.-]+/[1-9][0-9]*").doesNotContain("..");
        } else if (!(e instanceof MailboxEntry m2 && s.equals(m2.storedPassword()))) {
          assertThat(s).doesNotContain("/").doesNotContain("..");
        }
      }
    }
  }

  @Property(tries = 2000)
  void hostileStoredValuesAreRefusedOrRenderSafely(
      @ForAll("hostile") String local,
      @ForAll("hostile") String domain,
      @ForAll("hostile") String hash) {
    try {
      HostMailbox m = HostMailbox.of(1, domain, local, hash, "active", 1L << 30);
      MailboxEntry e =
          (MailboxEntry) ((EntryChange.Put) HostEntries.changesOf(m, List.of()).get(0)).entry();
      assertThat(e.key().name()).matches("[a-z0-9._-]+@[a-z0-9.-]+").doesNotContain("..");
      assertThat(e.storedPassword()).matches(SAFE).doesNotContain(":");
    } catch (InvalidValueException refused) {
      assertThat(refused.field()).isIn("localPart", "name", "passwordHash", "emailAddress");
    }
  }

  @Provide
  Arbitrary<HostState> states() {
    return StateArbitraries.states();
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "alice", "example.test", Fixtures.HASH_A, new PasswordHash(Fixtures.HASH_B).value()),
        Arbitraries.strings()
            .withChars("aZ09.-_:/\\\"'` \t\n\r\0@+%;{}$!=")
            .withCharRange('\u00e0', '\u00ff')
            .withChars('\u200B', '\u202E', '\u0430')
            .ofMinLength(0)
            .ofMaxLength(40));
  }
}
