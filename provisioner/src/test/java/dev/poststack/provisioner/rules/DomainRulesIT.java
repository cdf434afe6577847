package dev.poststack.provisioner.rules;

import static dev.poststack.provisioner.Rows.OTHER_TEAM;
import static dev.poststack.provisioner.Rows.TEAM;
import static dev.poststack.provisioner.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.app.RuleFixture;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DomainCreated, DomainUpdated, DomainDeleted: given past events, when one more, then what. */
class DomainRulesIT {
  @RegisterExtension static final RuleFixture fixture = new RuleFixture();

  private final TestEvents events = TestEvents.forTeam(TEAM);
  private final TestEvents otherTeam = TestEvents.forTeam(OTHER_TEAM);

  @Test
  void createsAPendingDomainStampedWithTheEventTime() {
    RuleFixture.Given nothing = fixture.given();
    Instant at = events.next();
    Domain d =
        nothing
            .when(events.domainCreated(1, "example.com"))
            .thenOnly(Change.SaveDomain.class)
            .domain();
    assertThat(d)
        .isEqualTo(
            new Domain(
                1, "dom_1", TEAM, "example.com", DomainStatus.pending, true, null, at, at, null));
  }

  @Test
  void rejectsADomainNameThatALiveDomainOfAnyTeamHolds() {
    fixture
        .given(otherTeam.domainCreated(9, "example.com"), otherTeam.domainVerified(9))
        .when(events.domainCreated(1, "example.com"))
        .thenRejected(RejectionCode.DOMAIN_NAME_TAKEN);
  }

  @Test
  void rejectsADomainCreatedWhoseIdOrPublicIdExists() {
    fixture
        .given(events.domainCreated(1, "old.example"))
        .when(events.domainCreated(1, "example.com"))
        .thenRejected(RejectionCode.ID_CONFLICT);
    DomainCreated holdsPublicId1 =
        DomainCreated.newBuilder(events.domainCreated(9, "old.example"))
            .setPublicId("dom_1")
            .build();
    fixture
        .given(holdsPublicId1)
        .when(events.domainCreated(1, "example.com"))
        .thenRejected(RejectionCode.ID_CONFLICT);
  }

  @Test
  void rejectsADomainNameTheRendererRefuses() {
    RuleFixture.Given nothing = fixture.given();
    for (String bad :
        new String[] {"Example.com", "localhost", "exa mple.com", "a/b.com", "x.123"}) {
      nothing.when(events.domainCreated(1, bad)).thenRejected(RejectionCode.VALIDATION_ERROR);
    }
  }

  @Test
  void verifyingSetsVerifiedAtToTheEventTimeAndKeepsUnsetFields() {
    var created = events.domainCreated(1, "example.com");
    RuleFixture.Given pending = fixture.given(created);
    Instant at = events.next();
    Domain d = pending.when(events.domainVerified(1)).thenOnly(Change.SaveDomain.class).domain();
    assertThat(d.status()).isEqualTo(DomainStatus.verified);
    assertThat(d.verifiedAt()).isEqualTo(at);
    assertThat(d.updatedAt()).isEqualTo(at);
    assertThat(d.inboundEnabled()).isTrue();
    assertThat(d.createdAt()).isEqualTo(at(created));
  }

  @Test
  void disablingInboundLeavesTheVerificationAlone() {
    var created = events.domainCreated(1, "example.com");
    var verified = events.domainVerified(1);
    Domain d =
        fixture
            .given(created, verified)
            .when(events.domainUpdated(1, null, false))
            .thenOnly(Change.SaveDomain.class)
            .domain();
    assertThat(d.inboundEnabled()).isFalse();
    assertThat(d.status()).isEqualTo(DomainStatus.verified);
    assertThat(d.verifiedAt()).isEqualTo(at(verified));
  }

  @Test
  void rejectsUpdatesAndDeletesOfUnknownDeletedOrOtherTeamsDomains() {
    RuleFixture.Given nothing = fixture.given();
    nothing.when(events.domainVerified(1)).thenRejected(RejectionCode.DOMAIN_NOT_FOUND);
    nothing.when(events.domainDeleted(1)).thenRejected(RejectionCode.DOMAIN_NOT_FOUND);

    RuleFixture.Given gone =
        fixture.given(
            events.domainCreated(1, "example.com"),
            events.domainVerified(1),
            events.domainDeleted(1));
    gone.when(events.domainVerified(1)).thenRejected(RejectionCode.DOMAIN_NOT_FOUND);
    gone.when(events.domainDeleted(1)).thenRejected(RejectionCode.DOMAIN_NOT_FOUND);

    RuleFixture.Given live =
        fixture.given(events.domainCreated(1, "example.com"), events.domainVerified(1));
    live.when(otherTeam.domainVerified(1)).thenRejected(RejectionCode.DOMAIN_NOT_FOUND);
    live.when(otherTeam.domainDeleted(1)).thenRejected(RejectionCode.DOMAIN_NOT_FOUND);
  }

  @Test
  void rejectsDeletingADomainThatLiveMailboxesOrAliasesUse() {
    fixture
        .given(
            events.domainCreated(1, "example.com"),
            events.domainVerified(1),
            events.mailboxCreated(2, 1, "anna"))
        .when(events.domainDeleted(1))
        .thenRejected(RejectionCode.DOMAIN_IN_USE);
    // an alias always has a live mailbox beside it: no event sequence leaves an alias alone
    fixture
        .given(
            events.domainCreated(1, "example.com"),
            events.domainVerified(1),
            events.mailboxCreated(2, 1, "anna"),
            events.aliasCreated(3, 1, "info", 2))
        .when(events.domainDeleted(1))
        .thenRejected(RejectionCode.DOMAIN_IN_USE);
  }

  @Test
  void deletesAnUnusedDomainAtTheEventTime() {
    RuleFixture.Given unused =
        fixture.given(events.domainCreated(1, "example.com"), events.domainVerified(1));
    Instant at = events.next();
    Domain d = unused.when(events.domainDeleted(1)).thenOnly(Change.SaveDomain.class).domain();
    assertThat(d.deletedAt()).isEqualTo(at);
    assertThat(d.updatedAt()).isEqualTo(at);
  }
}
