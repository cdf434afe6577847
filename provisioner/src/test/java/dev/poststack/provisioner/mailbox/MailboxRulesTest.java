package dev.poststack.provisioner.mailbox;

import static dev.poststack.provisioner.Outcomes.assertRejected;
import static dev.poststack.provisioner.Outcomes.changes;
import static dev.poststack.provisioner.Outcomes.onlyChange;
import static dev.poststack.provisioner.Rows.OTHER_TEAM;
import static dev.poststack.provisioner.Rows.TEAM;
import static dev.poststack.provisioner.Rows.alias;
import static dev.poststack.provisioner.Rows.mailbox;
import static dev.poststack.provisioner.Rows.pendingDomain;
import static dev.poststack.provisioner.Rows.verifiedDomain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.Change;
import dev.poststack.provisioner.Provisioning;
import dev.poststack.provisioner.Snapshot;
import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.schemas.event.NullableStringChange;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MailboxRulesTest {
  private final TestEvents events = TestEvents.forTeam(TEAM);
  private final Domain domain = verifiedDomain(1, "example.com");
  private final Snapshot onVerifiedDomain = Snapshot.builder().domain(domain).build();

  @Test
  void createsAnActiveMailboxOnAVerifiedInboundDomain() {
    Instant at = events.next();
    Mailbox m = onlyChange(Provisioning.apply(onVerifiedDomain, events.mailboxCreated(2, 1, "anna")),
        Change.SaveMailbox.class).mailbox();
    assertThat(m).isEqualTo(new Mailbox(2, "mb_2", TEAM, 1, "anna", "anna@example.com",
        TestEvents.HASH, null, 1L << 30, Mailbox.Status.ACTIVE, false, at, at, null));
  }

  @Test
  void rejectsAMailboxOnAMissingDeletedOrOtherTeamsDomain() {
    Domain others = new Domain(1, "dom_1", OTHER_TEAM, "example.com", domain.status(), true,
        null, Instant.EPOCH, Instant.EPOCH, null);
    for (Snapshot given : new Snapshot[] {Snapshot.builder().build(),
        Snapshot.builder().domain(domain.deleted(Instant.EPOCH)).build(),
        Snapshot.builder().domain(others).build()}) {
      assertRejected(Provisioning.apply(given, events.mailboxCreated(2, 1, "anna")),
          RejectionCode.DOMAIN_NOT_FOUND);
    }
  }

  @Test
  void rejectsAMailboxOnAnUnverifiedDomain() {
    Snapshot given = Snapshot.builder().domain(pendingDomain(1, "example.com")).build();
    assertRejected(Provisioning.apply(given, events.mailboxCreated(2, 1, "anna")),
        RejectionCode.DOMAIN_NOT_VERIFIED);
  }

  @Test
  void rejectsAMailboxOnADomainWithInboundDisabled() {
    Domain noInbound = domain.changed(domain.status(), false, domain.verifiedAt(), Instant.EPOCH);
    Snapshot given = Snapshot.builder().domain(noInbound).build();
    assertRejected(Provisioning.apply(given, events.mailboxCreated(2, 1, "anna")),
        RejectionCode.DOMAIN_INBOUND_DISABLED);
  }

  @Test
  void rejectsAnAddressTakenByALiveMailboxOrAlias() {
    Snapshot byMailbox = Snapshot.builder().domain(domain)
        .liveMailboxAtAddress(mailbox(3, domain, "anna")).build();
    Snapshot byAlias = Snapshot.builder().domain(domain)
        .liveAliasAtAddress(alias(4, domain, "anna", 3)).build();
    assertRejected(Provisioning.apply(byMailbox, events.mailboxCreated(2, 1, "anna")),
        RejectionCode.ADDRESS_TAKEN);
    assertRejected(Provisioning.apply(byAlias, events.mailboxCreated(2, 1, "anna")),
        RejectionCode.ADDRESS_TAKEN);
  }

  @Test
  void rejectsAMailboxCreatedWhoseIdExistsEvenIfDeleted() {
    Snapshot given = Snapshot.builder().domain(domain)
        .mailbox(mailbox(2, domain, "old").deleted(Instant.EPOCH)).build();
    assertRejected(Provisioning.apply(given, events.mailboxCreated(2, 1, "anna")),
        RejectionCode.ID_CONFLICT);
  }

  @Test
  void rejectsValuesTheRendererRefuses() {
    MailboxCreated valid = events.mailboxCreated(2, 1, "anna");
    for (UnaryOperator<MailboxCreated.Builder> bad : java.util.List.<UnaryOperator<MailboxCreated.Builder>>of(
        b -> b.setLocalPart("Anna"),
        b -> b.setLocalPart("postfix"),
        b -> b.setLocalPart("a:b"),
        b -> b.setPasswordHash("plaintext"),
        b -> b.setPasswordHash("{SHA512-CRYPT}$6$a b"),
        b -> b.setQuotaBytes(1),
        b -> b.setDisplayName("Anna\nBcc: x"),
        b -> b.setPublicId("mb/../2"))) {
      MailboxCreated event = bad.apply(MailboxCreated.newBuilder(valid)).build();
      assertRejected(Provisioning.apply(onVerifiedDomain, event), RejectionCode.VALIDATION_ERROR);
    }
  }

  @Test
  void updatesOnlyTheFieldsThePatchSets() {
    Mailbox before = mailbox(2, domain, "anna");
    Snapshot given = Snapshot.builder().domain(domain).mailbox(before).build();
    Instant at = events.next();
    var patch = events.mailboxUpdate(2, 1).setQuotaBytes(2L << 30).build();
    Mailbox after = onlyChange(Provisioning.apply(given, patch), Change.SaveMailbox.class).mailbox();
    assertThat(after).isEqualTo(before.changed(before.displayName(), 2L << 30, before.status(),
        before.webhookEnabled(), at));
  }

  @Test
  void setsAndClearsTheDisplayNameAndSuspendsAndReactivates() {
    Mailbox before = mailbox(2, domain, "anna");
    Snapshot given = Snapshot.builder().domain(domain).mailbox(before).build();
    var named = events.mailboxUpdate(2, 1).setDisplayName(new NullableStringChange("Anna"))
        .setStatus(MailboxStatus.suspended).build();
    Mailbox suspended = onlyChange(Provisioning.apply(given, named), Change.SaveMailbox.class).mailbox();
    assertThat(suspended.displayName()).isEqualTo("Anna");
    assertThat(suspended.status()).isEqualTo(Mailbox.Status.SUSPENDED);

    Snapshot now = Snapshot.builder().domain(domain).mailbox(suspended).build();
    var cleared = events.mailboxUpdate(2, 1).setDisplayName(new NullableStringChange(null))
        .setStatus(MailboxStatus.active).build();
    Mailbox active = onlyChange(Provisioning.apply(now, cleared), Change.SaveMailbox.class).mailbox();
    assertThat(active.displayName()).isNull();
    assertThat(active.status()).isEqualTo(Mailbox.Status.ACTIVE);
  }

  @Test
  void rejectsChangesToUnknownDeletedOtherTeamsOrOtherDomainsMailboxes() {
    Mailbox deleted = mailbox(2, domain, "anna").deleted(Instant.EPOCH);
    Mailbox inOtherDomain = mailbox(2, verifiedDomain(5, "other.com"), "anna");
    TestEvents otherTeam = TestEvents.forTeam(OTHER_TEAM);
    Snapshot live = Snapshot.builder().domain(domain).mailbox(mailbox(2, domain, "anna")).build();
    for (Snapshot given : new Snapshot[] {onVerifiedDomain,
        Snapshot.builder().domain(domain).mailbox(deleted).build(),
        Snapshot.builder().domain(domain).mailbox(inOtherDomain).build()}) {
      assertRejected(Provisioning.apply(given, events.mailboxUpdate(2, 1)
          .setStatus(MailboxStatus.active).build()), RejectionCode.MAILBOX_NOT_FOUND);
      assertRejected(Provisioning.apply(given, events.passwordChanged(2, 1, TestEvents.HASH)),
          RejectionCode.MAILBOX_NOT_FOUND);
      assertRejected(Provisioning.apply(given, events.mailboxDeleted(2, 1)),
          RejectionCode.MAILBOX_NOT_FOUND);
    }
    assertRejected(Provisioning.apply(live, otherTeam.mailboxDeleted(2, 1)),
        RejectionCode.MAILBOX_NOT_FOUND);
  }

  @Test
  void changesThePasswordHashAndRefusesAMalformedOne() {
    Snapshot given = Snapshot.builder().domain(domain).mailbox(mailbox(2, domain, "anna")).build();
    String hash = "{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    Mailbox after = onlyChange(Provisioning.apply(given, events.passwordChanged(2, 1, hash)),
        Change.SaveMailbox.class).mailbox();
    assertThat(after.passwordHash()).isEqualTo(hash);
    assertRejected(Provisioning.apply(given, events.passwordChanged(2, 1, "hunter2")),
        RejectionCode.VALIDATION_ERROR);
  }

  @Test
  void deletingAMailboxAlsoDeletesTheAliasesThatDeliverToIt() {
    Mailbox anna = mailbox(2, domain, "anna");
    Snapshot given = Snapshot.builder().domain(domain).mailbox(anna)
        .liveAliasToMailbox(alias(4, domain, "info", 2))
        .liveAliasToMailbox(alias(5, domain, "sales", 2)).build();
    Instant at = events.next();
    assertThat(changes(Provisioning.apply(given, events.mailboxDeleted(2, 1)))).containsExactly(
        new Change.SaveMailbox(anna.deleted(at)),
        new Change.SaveAlias(alias(4, domain, "info", 2).deleted(at)),
        new Change.SaveAlias(alias(5, domain, "sales", 2).deleted(at)));
    assertThat(anna.deleted(at).status()).isEqualTo(Mailbox.Status.DELETED);
  }
}
