package dev.poststack.provisioner.host;

import static dev.poststack.provisioner.Outcomes.changes;
import static dev.poststack.provisioner.Rows.alias;
import static dev.poststack.provisioner.Rows.mailbox;
import static dev.poststack.provisioner.Rows.pendingDomain;
import static dev.poststack.provisioner.Rows.verifiedDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.provisioner.Rows;
import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.provisioner.rules.Change;
import dev.poststack.provisioner.rules.Provisioning;
import dev.poststack.provisioner.rules.Snapshot;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.MailboxStatus;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Given the current rows, when an event is applied, expect these host-entry changes. */
class HostEntryChangesTest {
  private static final String NEW_HASH = "{SHA512-CRYPT}$6$new$bmV3aGFzaA";
  private static final String ANNA =
      "mailbox anna@example.com password="
          + TestEvents.HASH
          + " status=active home=example.com/2 quota_bytes=1073741824";

  private final TestEvents events = TestEvents.forTeam(Rows.TEAM);
  private final Domain domain = verifiedDomain(1, "example.com");
  private final Mailbox anna = mailbox(2, domain, "anna");
  private final Alias help = alias(3, domain, "help", 2);

  @Test
  void aCreatedDomainIsPendingSoItsEntryIsRemoved() {
    Snapshot given = Snapshot.builder().build();
    assertThat(entriesOf(given, events.domainCreated(1, "example.com"), AfterChange.NOTHING))
        .containsExactly("tombstone domain:example.com");
  }

  @Test
  void aVerifiedDomainGetsItsEntry() {
    Snapshot given = Snapshot.builder().domain(pendingDomain(1, "example.com")).build();
    assertThat(entriesOf(given, events.domainVerified(1), AfterChange.NOTHING))
        .containsExactly("domain example.com");
  }

  @Test
  void aDomainThatStopsAcceptingMailOrIsDeletedLosesItsEntry() {
    Snapshot given = Snapshot.builder().domain(domain).build();
    assertThat(entriesOf(given, events.domainUpdated(1, null, false), AfterChange.NOTHING))
        .containsExactly("tombstone domain:example.com");
    assertThat(
            entriesOf(
                given, events.domainUpdated(1, DomainStatus.failed, null), AfterChange.NOTHING))
        .containsExactly("tombstone domain:example.com");
    assertThat(entriesOf(given, events.domainDeleted(1), AfterChange.NOTHING))
        .containsExactly("tombstone domain:example.com");
  }

  @Test
  void aCreatedMailboxGetsItsEntryOnly() {
    Snapshot given = Snapshot.builder().domain(domain).build();
    assertThat(entriesOf(given, events.mailboxCreated(2, 1, "anna"), AfterChange.NOTHING))
        .containsExactly(ANNA);
  }

  @Test
  void aSuspendedMailboxIsRepublishedLockedWithItsAliasesEntries() {
    Snapshot given = Snapshot.builder().domain(domain).mailbox(anna).build();
    var suspend = events.mailboxUpdate(2, 1).setStatus(MailboxStatus.suspended).build();
    assertThat(entriesOf(given, suspend, aliasesOfAnna(help)))
        .containsExactly(
            "mailbox anna@example.com password={SHA512-CRYPT}!$6$salt$c2VjcmV0aGFzaA"
                + " status=suspended home=example.com/2 quota_bytes=1073741824",
            "alias help@example.com target=anna@example.com",
            "sender help@example.com login=anna@example.com");
  }

  @Test
  void aChangedPasswordIsRepublishedWithItsAliasesEntries() {
    Snapshot given = Snapshot.builder().domain(domain).mailbox(anna).build();
    assertThat(entriesOf(given, events.passwordChanged(2, 1, NEW_HASH), aliasesOfAnna(help)))
        .containsExactly(
            ANNA.replace(TestEvents.HASH, NEW_HASH),
            "alias help@example.com target=anna@example.com",
            "sender help@example.com login=anna@example.com");
  }

  @Test
  void aDeletedMailboxAndTheAliasesDeletedWithItBecomeTombstones() {
    Alias info = alias(4, domain, "info", 2);
    Snapshot given =
        Snapshot.builder()
            .domain(domain)
            .mailbox(anna)
            .liveAliasToMailbox(help)
            .liveAliasToMailbox(info)
            .build();
    // after the write the cascaded aliases are no longer live: only the decision knows them
    assertThat(entriesOf(given, events.mailboxDeleted(2, 1), aliasesOfAnna()))
        .containsExactly(
            "tombstone mailbox:anna@example.com",
            "tombstone alias:help@example.com",
            "tombstone sender:help@example.com",
            "tombstone alias:info@example.com",
            "tombstone sender:info@example.com");
  }

  @Test
  void aCreatedAliasGetsItsEntryAndItsOwnersSendingGrant() {
    Snapshot given = Snapshot.builder().domain(domain).mailbox(anna).build();
    AfterChange after = new AfterChange(Map.of(2L, anna), Map.of());
    assertThat(entriesOf(given, events.aliasCreated(3, 1, "help", 2), after))
        .containsExactly(
            "alias help@example.com target=anna@example.com",
            "sender help@example.com login=anna@example.com");
  }

  @Test
  void aDeletedAliasBecomesTombstones() {
    Snapshot given = Snapshot.builder().domain(domain).alias(help).build();
    AfterChange after = new AfterChange(Map.of(2L, anna), Map.of());
    assertThat(entriesOf(given, events.aliasDeleted(3, 1), after))
        .containsExactly("tombstone alias:help@example.com", "tombstone sender:help@example.com");
  }

  @Test
  void aMailboxOwnsItsOwnEntryAndEachAliasItsAliasEntryButNobodyOwnsSenderGrants() {
    Snapshot given =
        Snapshot.builder().domain(domain).mailbox(anna).liveAliasToMailbox(help).build();
    List<Change> deleted = changes(Provisioning.apply(given, events.mailboxDeleted(2, 1)));
    Map<EntryKey, EntryOwner> owners = HostEntryChanges.owners(deleted, aliasesOfAnna(help));

    assertThat(owners)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                EntryKey.parse("mailbox:anna@example.com"), EntryOwner.mailbox(2),
                EntryKey.parse("alias:help@example.com"), EntryOwner.alias(3)));
    assertThat(HostEntryChanges.of(deleted, aliasesOfAnna(help)))
        .extracting(EntryChange::key)
        .containsAll(owners.keySet())
        .contains(EntryKey.parse("sender:help@example.com"));
    assertThat(
            HostEntryChanges.owners(
                List.of(new Change.SaveAlias(help)), new AfterChange(Map.of(2L, anna), Map.of())))
        .containsExactly(Map.entry(EntryKey.parse("alias:help@example.com"), EntryOwner.alias(3)));
  }

  @Test
  void refusesToGuessAnAliasDestinationThatWasNotLoaded() {
    List<Change> changes = List.of(new Change.SaveAlias(help));
    assertThatThrownBy(() -> HostEntryChanges.of(changes, AfterChange.NOTHING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("destination mailbox 2");
  }

  private AfterChange aliasesOfAnna(Alias... live) {
    return new AfterChange(Map.of(), Map.of(2L, List.of(live)));
  }

  private static List<String> entriesOf(Snapshot given, SpecificRecord event, AfterChange after) {
    return describe(HostEntryChanges.of(changes(Provisioning.apply(given, event)), after));
  }

  static List<String> describe(List<EntryChange> changes) {
    return changes.stream()
        .map(
            c ->
                c instanceof EntryChange.Put put
                    ? put.entry().line()
                    : "tombstone " + c.key().value())
        .toList();
  }
}
