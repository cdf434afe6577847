package dev.poststack.provisioner.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.Rows;
import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.provisioner.rules.Change;
import dev.poststack.provisioner.rules.Decision;
import dev.poststack.provisioner.rules.Provisioning;
import dev.poststack.provisioner.rules.Snapshot;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.schemas.event.NullableStringChange;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Given the rows an event's rule reads, when it is decided, then the audit shows this change. */
class AuditChangesTest {
  private final TestEvents events = TestEvents.forTeam(Rows.TEAM);
  private final Domain domain = Rows.verifiedDomain(1, "example.com");
  private final Mailbox anna = Rows.mailbox(2, domain, "anna");

  @Test
  void aMailboxCreateShowsEveryShownFieldFromNullAndThatAPasswordWasSet() {
    Map<String, Object> changes =
        changes(Snapshot.builder().domain(domain), events.mailboxCreated(2, 1, "anna"));

    Map<String, Object> expected = new HashMap<>();
    expected.put("emailAddress", change(null, "anna@example.com"));
    expected.put("quotaBytes", change(null, 1L << 30));
    expected.put("status", change(null, "active"));
    expected.put("webhookEnabled", change(null, false));
    expected.put("password", "changed");
    // displayName stays null: a field that did not change is absent
    assertThat(changes).isEqualTo(expected);
  }

  @Test
  void aRenameShowsOnlyTheDisplayName() {
    var renamed =
        events
            .mailboxUpdate(2, 1)
            .setDisplayName(new NullableStringChange("Anna Smith"))
            .setQuotaBytes(1L << 30)
            .build();
    assertThat(changes(Snapshot.builder().domain(domain).mailbox(anna), renamed))
        .isEqualTo(Map.of("displayName", change(null, "Anna Smith")));
  }

  @Test
  void aPasswordChangeShowsChangedAndNeverAHashOrScheme() {
    var changed = events.passwordChanged(2, 1, "{BLF-CRYPT}$2y$05$abcdefghijklmnopqrstuv");
    Map<String, Object> changes = changes(Snapshot.builder().domain(domain).mailbox(anna), changed);

    assertThat(changes).isEqualTo(Map.of("password", "changed"));
    assertThat(changes.toString()).doesNotContain("$", "CRYPT", TestEvents.HASH);
  }

  @Test
  void aSuspensionAndAReactivationShowTheStatusChange() {
    var suspend = events.mailboxUpdate(2, 1).setStatus(MailboxStatus.suspended).build();
    assertThat(changes(Snapshot.builder().domain(domain).mailbox(anna), suspend))
        .isEqualTo(Map.of("status", change("active", "suspended")));

    Mailbox suspended =
        anna.changed(
            null,
            anna.quotaBytes(),
            dev.poststack.values.mailbox.MailboxStatus.SUSPENDED,
            false,
            Rows.CREATED);
    var reactivate = events.mailboxUpdate(2, 1).setStatus(MailboxStatus.active).build();
    assertThat(changes(Snapshot.builder().domain(domain).mailbox(suspended), reactivate))
        .isEqualTo(Map.of("status", change("suspended", "active")));
  }

  @Test
  void aDeleteShowsTheStatusGoingToDeletedAndNotTheCascadedAliases() {
    Alias info = Rows.alias(3, domain, "info", 2);
    assertThat(
            changes(
                Snapshot.builder().domain(domain).mailbox(anna).liveAliasToMailbox(info),
                events.mailboxDeleted(2, 1)))
        .isEqualTo(Map.of("status", change("active", "deleted")));
  }

  @Test
  void anAliasCreateAndDeleteShowItsAddressDestinationAndStatus() {
    Map<String, Object> created =
        changes(
            Snapshot.builder().domain(domain).mailbox(anna), events.aliasCreated(3, 1, "info", 2));
    assertThat(created)
        .isEqualTo(
            Map.of(
                "aliasAddress", change(null, "info@example.com"),
                "destinationMailboxId", change(null, 2L),
                "status", change(null, "active")));

    Alias info = Rows.alias(3, domain, "info", 2);
    assertThat(changes(Snapshot.builder().domain(domain).alias(info), events.aliasDeleted(3, 1)))
        .isEqualTo(Map.of("status", change("active", "deleted")));
  }

  @Test
  void aDomainVerificationShowsItsStatusAndWhenItWasVerified() {
    var verified = events.domainChecked(1, DomainStatus.verified, "mx", "verification");
    Map<String, Object> changes =
        changes(Snapshot.builder().domain(Rows.pendingDomain(1, "example.com")), verified);

    assertThat(changes)
        .isEqualTo(
            Map.of(
                "status", change("pending", "verified"),
                "verifiedAt",
                    change(null, TestEvents.at(verified).toString().replace("Z", ".000Z"))));
  }

  @Test
  void aDomainDeleteShowsTheStatusGoingToDeleted() {
    Domain quiet = Rows.verifiedDomain(1, "example.com");
    assertThat(changes(Snapshot.builder().domain(quiet), events.domainDeleted(1)))
        .isEqualTo(Map.of("status", change("verified", "deleted")));
  }

  @Test
  void aRejectedEventChangedNothing() {
    // no such mailbox: refused
    assertThat(
            changes(
                Snapshot.builder().domain(domain), events.passwordChanged(2, 1, TestEvents.HASH)))
        .isEmpty();
  }

  @Test
  void anotherTeamsClaimFailedByThisProofShowsItsStatusChange() {
    Domain claim =
        new Domain(
            9,
            "dom_9",
            Rows.OTHER_TEAM,
            "example.com",
            DomainStatus.pending,
            false,
            null,
            Rows.CREATED,
            Rows.CREATED,
            null);
    Snapshot given =
        Snapshot.builder()
            .domain(Rows.pendingDomain(1, "example.com"))
            .liveDomainNamed(claim)
            .build();
    Decision decision =
        Provisioning.apply(given, events.domainChecked(1, DomainStatus.verified, "mx"));
    Domain failed =
        ((Decision.Applied) decision)
            .changes().stream()
                .filter(c -> c instanceof Change.SaveDomain s && s.domain().id() == 9)
                .map(c -> ((Change.SaveDomain) c).domain())
                .findFirst()
                .orElseThrow();

    assertThat(AuditChanges.ofDomain(given, failed))
        .isEqualTo(Map.of("status", change("pending", "failed")));
  }

  private static Map<String, Object> changes(Snapshot.Builder given, SpecificRecord event) {
    Snapshot before = given.build();
    return AuditChanges.of(event, before, Provisioning.apply(before, event));
  }

  private static Map<String, Object> change(Object from, Object to) {
    Map<String, Object> change = new HashMap<>();
    change.put("from", from);
    change.put("to", to);
    return change;
  }
}
