package dev.poststack.provisioner.rules;

import static dev.poststack.provisioner.Rows.OTHER_TEAM;
import static dev.poststack.provisioner.Rows.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.app.RuleFixture;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.MailboxStatus;
import java.util.EnumSet;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The envelope's team must own what an event acts on: every rule answers "not found" to a team that
 * names another team's domain, mailbox or alias, whether it gives the owner's domain id or one of
 * its own, and leaves the object as it was. Ids never leak, so never "forbidden".
 */
class OwnershipRulesIT {
  @RegisterExtension static final RuleFixture fixture = new RuleFixture();

  private final TestEvents owner = TestEvents.forTeam(TEAM);
  private final TestEvents intruder = TestEvents.forTeam(OTHER_TEAM);
  private final Set<EventType> covered = EnumSet.noneOf(EventType.class);

  /** Owner: verified domain 1 with mailbox 2 and alias 3; intruder: its own verified domain 5. */
  private RuleFixture.Given bothTeams() {
    return fixture.given(
        owner.domainCreated(1, "owned.example"),
        owner.domainVerified(1),
        owner.mailboxCreated(2, 1, "anna"),
        owner.aliasCreated(3, 1, "info", 2),
        intruder.domainCreated(5, "intruder.example"),
        intruder.domainVerified(5));
  }

  @Test
  void everyRuleAnswersNotFoundToATeamThatDoesNotOwnTheObject() {
    RuleFixture.Given given = bothTeams();

    refused(given, intruder.domainVerified(1), RejectionCode.DOMAIN_NOT_FOUND);
    refused(
        given,
        intruder.domainUpdated(1, DomainStatus.failed, false),
        RejectionCode.DOMAIN_NOT_FOUND);
    refused(given, intruder.domainDeleted(1), RejectionCode.DOMAIN_NOT_FOUND);
    refused(given, intruder.domainExpired(1), RejectionCode.DOMAIN_NOT_FOUND);
    refused(given, intruder.mailboxCreated(9, 1, "bob"), RejectionCode.DOMAIN_NOT_FOUND);
    for (long domain : new long[] {1, 5}) {
      refused(
          given,
          intruder.mailboxUpdate(2, domain).setStatus(MailboxStatus.suspended).build(),
          RejectionCode.MAILBOX_NOT_FOUND);
      refused(
          given,
          intruder.mailboxUpdate(2, domain).setQuotaBytes(2L << 30).build(),
          RejectionCode.MAILBOX_NOT_FOUND);
      refused(
          given,
          intruder.passwordChanged(2, domain, TestEvents.HASH),
          RejectionCode.MAILBOX_NOT_FOUND);
      refused(given, intruder.mailboxDeleted(2, domain), RejectionCode.MAILBOX_NOT_FOUND);
      refused(given, intruder.aliasDeleted(3, domain), RejectionCode.ALIAS_NOT_FOUND);
    }
    refused(given, intruder.aliasCreated(8, 1, "sales", 2), RejectionCode.DOMAIN_NOT_FOUND);
    // its own domain, the owner's mailbox as the destination
    refused(given, intruder.aliasCreated(8, 5, "sales", 2), RejectionCode.DESTINATION_NOT_FOUND);

    java.time.Instant later = java.time.Instant.parse("2030-01-01T00:00:00Z");
    refused(given, intruder.dkimRotationStarted(1, "ps9"), RejectionCode.DOMAIN_NOT_FOUND);
    refused(given, intruder.dkimRecordSeen(1, "ps9", later), RejectionCode.DOMAIN_NOT_FOUND);
    refused(given, intruder.dkimRotationActivated(1, "ps9", later), RejectionCode.DOMAIN_NOT_FOUND);
    refused(given, intruder.dkimRotationCancelled(1, "ps9"), RejectionCode.DOMAIN_NOT_FOUND);
    refused(given, intruder.dkimKeyRetired(1, "ps9"), RejectionCode.DOMAIN_NOT_FOUND);

    // every event that names an existing object; DomainCreated names none (a taken name is
    // domain_name_taken, DomainRulesIT)
    assertThat(covered).isEqualTo(EnumSet.complementOf(EnumSet.of(EventType.DOMAIN_CREATED)));
  }

  @Test
  void theOwnerStillMayDoWhatTheIntruderWasRefused() {
    RuleFixture.Given given = bothTeams();
    assertThat(given.when(owner.passwordChanged(2, 1, TestEvents.HASH)).thenChanges()).hasSize(1);
    assertThat(given.when(owner.aliasDeleted(3, 1)).thenChanges()).hasSize(1);
    assertThat(given.when(owner.domainUpdated(1, DomainStatus.failed, false)).thenChanges())
        .hasSize(1);
  }

  private void refused(RuleFixture.Given given, SpecificRecord event, RejectionCode code) {
    given.when(event).thenRejected(code);
    covered.add(EventType.of(event));
  }
}
