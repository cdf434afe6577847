package dev.poststack.provisioner.rules;

import static dev.poststack.provisioner.Rows.OTHER_TEAM;
import static dev.poststack.provisioner.Rows.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.app.RuleFixture;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.schemas.event.NullableStringChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MailboxCreated, MailboxUpdated, PasswordChanged, MailboxDeleted: given, when, then. */
class MailboxRulesIT {
  @RegisterExtension static final RuleFixture fixture = new RuleFixture();

  private final TestEvents events = TestEvents.forTeam(TEAM);
  private final TestEvents otherTeam = TestEvents.forTeam(OTHER_TEAM);

  /** Domain 1, example.com, verified and accepting mail; then the given events. */
  private RuleFixture.Given onVerifiedDomain(SpecificRecord... then) {
    List<SpecificRecord> given =
        new ArrayList<>(List.of(events.domainCreated(1, "example.com"), events.domainVerified(1)));
    given.addAll(List.of(then));
    return fixture.given(given.toArray(SpecificRecord[]::new));
  }

  @Test
  void createsAnActiveMailboxOnAVerifiedInboundDomain() {
    RuleFixture.Given domain = onVerifiedDomain();
    Instant at = events.next();
    Mailbox m =
        domain
            .when(events.mailboxCreated(2, 1, "anna"))
            .thenOnly(Change.SaveMailbox.class)
            .mailbox();
    assertThat(m)
        .isEqualTo(
            new Mailbox(
                2,
                "mb_2",
                TEAM,
                1,
                "anna",
                "anna@example.com",
                TestEvents.HASH,
                null,
                1L << 30,
                dev.poststack.values.mailbox.MailboxStatus.ACTIVE,
                false,
                at,
                at,
                null));
  }

  @Test
  void rejectsAMailboxOnAMissingDeletedOrOtherTeamsDomain() {
    fixture
        .given()
        .when(events.mailboxCreated(2, 1, "anna"))
        .thenRejected(RejectionCode.DOMAIN_NOT_FOUND);
    onVerifiedDomain(events.domainDeleted(1))
        .when(events.mailboxCreated(2, 1, "anna"))
        .thenRejected(RejectionCode.DOMAIN_NOT_FOUND);
    fixture
        .given(otherTeam.domainCreated(1, "example.com"), otherTeam.domainVerified(1))
        .when(events.mailboxCreated(2, 1, "anna"))
        .thenRejected(RejectionCode.DOMAIN_NOT_FOUND);
  }

  @Test
  void rejectsAMailboxOnAnUnverifiedDomain() {
    fixture
        .given(events.domainCreated(1, "example.com"))
        .when(events.mailboxCreated(2, 1, "anna"))
        .thenRejected(RejectionCode.DOMAIN_NOT_VERIFIED);
  }

  @Test
  void rejectsAMailboxOnADomainWithInboundDisabled() {
    onVerifiedDomain(events.domainUpdated(1, null, false))
        .when(events.mailboxCreated(2, 1, "anna"))
        .thenRejected(RejectionCode.DOMAIN_INBOUND_DISABLED);
  }

  @Test
  void rejectsAnAddressTakenByALiveMailboxOrAlias() {
    onVerifiedDomain(events.mailboxCreated(3, 1, "anna"))
        .when(events.mailboxCreated(2, 1, "anna"))
        .thenRejected(RejectionCode.ADDRESS_TAKEN);
    onVerifiedDomain(events.mailboxCreated(3, 1, "bob"), events.aliasCreated(4, 1, "anna", 3))
        .when(events.mailboxCreated(2, 1, "anna"))
        .thenRejected(RejectionCode.ADDRESS_TAKEN);
  }

  @Test
  void rejectsAMailboxCreatedWhoseIdExistsEvenIfDeleted() {
    onVerifiedDomain(events.mailboxCreated(2, 1, "old"), events.mailboxDeleted(2, 1))
        .when(events.mailboxCreated(2, 1, "anna"))
        .thenRejected(RejectionCode.ID_CONFLICT);
  }

  @Test
  void rejectsValuesTheRendererRefuses() {
    RuleFixture.Given domain = onVerifiedDomain();
    MailboxCreated valid = events.mailboxCreated(2, 1, "anna");
    for (UnaryOperator<MailboxCreated.Builder> bad :
        List.<UnaryOperator<MailboxCreated.Builder>>of(
            b -> b.setLocalPart("Anna"),
            b -> b.setLocalPart("postfix"),
            b -> b.setLocalPart("a:b"),
            b -> b.setPasswordHash("plaintext"),
            b -> b.setPasswordHash("{SHA512-CRYPT}$6$a b"),
            b -> b.setQuotaBytes(1),
            b -> b.setDisplayName("Anna\nBcc: x"),
            b -> b.setPublicId("mb/../2"))) {
      MailboxCreated event = bad.apply(MailboxCreated.newBuilder(valid)).build();
      domain.when(event).thenRejected(RejectionCode.VALIDATION_ERROR);
    }
  }

  @Test
  void updatesOnlyTheFieldsThePatchSets() {
    RuleFixture.Given anna = onVerifiedDomain(events.mailboxCreated(2, 1, "anna"));
    Mailbox before = anna.mailbox(2);
    Instant at = events.next();
    Mailbox after =
        anna.when(events.mailboxUpdate(2, 1).setQuotaBytes(2L << 30).build())
            .thenOnly(Change.SaveMailbox.class)
            .mailbox();
    assertThat(after)
        .isEqualTo(
            before.changed(
                before.displayName(), 2L << 30, before.status(), before.webhookEnabled(), at));
  }

  @Test
  void setsAndClearsTheDisplayNameAndSuspendsAndReactivates() {
    var created = events.mailboxCreated(2, 1, "anna");
    var named =
        events
            .mailboxUpdate(2, 1)
            .setDisplayName(new NullableStringChange("Anna"))
            .setStatus(MailboxStatus.suspended)
            .build();
    Mailbox suspended =
        onVerifiedDomain(created).when(named).thenOnly(Change.SaveMailbox.class).mailbox();
    assertThat(suspended.displayName()).isEqualTo("Anna");
    assertThat(suspended.status()).isEqualTo(dev.poststack.values.mailbox.MailboxStatus.SUSPENDED);

    var cleared =
        events
            .mailboxUpdate(2, 1)
            .setDisplayName(new NullableStringChange(null))
            .setStatus(MailboxStatus.active)
            .build();
    Mailbox active =
        onVerifiedDomain(created, named).when(cleared).thenOnly(Change.SaveMailbox.class).mailbox();
    assertThat(active.displayName()).isNull();
    assertThat(active.status()).isEqualTo(dev.poststack.values.mailbox.MailboxStatus.ACTIVE);
  }

  @Test
  void rejectsChangesToUnknownDeletedOtherTeamsOrOtherDomainsMailboxes() {
    for (int i = 0; i < 3; i++) {
      RuleFixture.Given given =
          switch (i) {
            case 0 -> onVerifiedDomain();
            case 1 ->
                onVerifiedDomain(events.mailboxCreated(2, 1, "anna"), events.mailboxDeleted(2, 1));
            default ->
                onVerifiedDomain(
                    events.domainCreated(5, "other.com"),
                    events.domainVerified(5),
                    events.mailboxCreated(2, 5, "anna"));
          };
      given
          .when(events.mailboxUpdate(2, 1).setStatus(MailboxStatus.active).build())
          .thenRejected(RejectionCode.MAILBOX_NOT_FOUND);
      given
          .when(events.passwordChanged(2, 1, TestEvents.HASH))
          .thenRejected(RejectionCode.MAILBOX_NOT_FOUND);
      given.when(events.mailboxDeleted(2, 1)).thenRejected(RejectionCode.MAILBOX_NOT_FOUND);
    }
    onVerifiedDomain(events.mailboxCreated(2, 1, "anna"))
        .when(otherTeam.mailboxDeleted(2, 1))
        .thenRejected(RejectionCode.MAILBOX_NOT_FOUND);
  }

  @Test
  void changesThePasswordHashAndRefusesAMalformedOne() {
    RuleFixture.Given anna = onVerifiedDomain(events.mailboxCreated(2, 1, "anna"));
    String hash = "{SHA256-CRYPT}$5$c2FsdA$aGFzaA";
    Mailbox after =
        anna.when(events.passwordChanged(2, 1, hash)).thenOnly(Change.SaveMailbox.class).mailbox();
    assertThat(after.passwordHash()).isEqualTo(hash);
    anna.when(events.passwordChanged(2, 1, "hunter2")).thenRejected(RejectionCode.VALIDATION_ERROR);
    anna.when(
            events.passwordChanged(2, 1, "{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA"))
        .thenRejected(RejectionCode.VALIDATION_ERROR);
  }

  @Test
  void deletingAMailboxAlsoDeletesTheAliasesThatDeliverToIt() {
    RuleFixture.Given given =
        onVerifiedDomain(
            events.mailboxCreated(2, 1, "anna"),
            events.aliasCreated(4, 1, "info", 2),
            events.aliasCreated(5, 1, "sales", 2));
    Instant at = events.next();
    assertThat(given.when(events.mailboxDeleted(2, 1)).thenChanges())
        .containsExactly(
            new Change.SaveMailbox(given.mailbox(2).deleted(at)),
            new Change.SaveAlias(given.alias(4).deleted(at)),
            new Change.SaveAlias(given.alias(5).deleted(at)));
    assertThat(given.mailbox(2).deleted(at).status())
        .isEqualTo(dev.poststack.values.mailbox.MailboxStatus.DELETED);
  }
}
