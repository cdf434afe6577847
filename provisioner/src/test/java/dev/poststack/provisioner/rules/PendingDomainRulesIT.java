package dev.poststack.provisioner.rules;

import static dev.poststack.provisioner.Rows.OTHER_TEAM;
import static dev.poststack.provisioner.Rows.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.app.RuleFixture;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.DomainStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A name some team holds only unverified blocks nobody; the one who proves it by DNS gets it
 * verified; an unverified domain expires through DomainExpired and frees its name.
 */
class PendingDomainRulesIT {
  @RegisterExtension static final RuleFixture fixture = new RuleFixture();

  private final TestEvents events = TestEvents.forTeam(TEAM);
  private final TestEvents squatter = TestEvents.forTeam(OTHER_TEAM);

  @Test
  void anotherTeamsUnverifiedClaimDoesNotBlockTheName() {
    fixture
        .given(squatter.domainCreated(9, "bigcorp.example"))
        .when(events.domainCreated(1, "bigcorp.example"))
        .thenOnly(Change.SaveDomain.class);
    fixture
        .given(
            squatter.domainCreated(9, "bigcorp.example"),
            squatter.domainUpdated(9, DomainStatus.failed, null))
        .when(events.domainCreated(1, "bigcorp.example"))
        .thenOnly(Change.SaveDomain.class);
  }

  @Test
  void theOwnerWhoProvesTheNameGetsItVerifiedAndAnotherTeamsUnverifiedClaimFails() {
    List<Change> changes =
        fixture
            .given(
                squatter.domainCreated(9, "bigcorp.example"),
                TestEvents.forTeam(77).domainCreated(5, "bigcorp.example"),
                TestEvents.forTeam(77).domainUpdated(5, DomainStatus.failed, null),
                events.domainCreated(1, "bigcorp.example"))
            .when(events.domainChecked(1, DomainStatus.verified, "mx", "verification"))
            .thenChanges();
    assertThat(changes)
        .map(c -> ((Change.SaveDomain) c).domain())
        .extracting(Domain::id, Domain::status)
        .as("the failed claim 5 stays as it was, unchanged")
        .containsExactly(tuple(1L, DomainStatus.verified), tuple(9L, DomainStatus.failed));
  }

  @Test
  void aVerifiedNameIsTakenForEveryoneElseAndCannotBeVerifiedTwice() {
    RuleFixture.Given owned =
        fixture.given(
            squatter.domainCreated(9, "bigcorp.example"),
            events.domainCreated(1, "bigcorp.example"),
            events.domainVerified(1));
    owned.when(squatter.domainVerified(9)).thenRejected(RejectionCode.DOMAIN_NAME_TAKEN);
    owned
        .when(TestEvents.forTeam(77).domainCreated(5, "bigcorp.example"))
        .thenRejected(RejectionCode.DOMAIN_NAME_TAKEN);
  }

  @Test
  void anUnverifiedClaimOnAVerifiedNameLeavesTheOwnersHostEntryAlone() {
    var claim = squatter.domainCreated(9, "bigcorp.example");
    var verified = events.domainVerified(1);
    var failedCheck = squatter.domainUpdated(9, DomainStatus.failed, null);
    var inboundOff = squatter.domainUpdated(9, null, false);
    var expired = squatter.domainExpired(9);
    RuleFixture.Given owned =
        fixture.given(
            claim,
            events.domainCreated(1, "bigcorp.example"),
            verified,
            failedCheck,
            inboundOff,
            expired);
    assertThat(owned.enqueuedBy(verified)).containsExactly("domain bigcorp.example");
    // entries are keyed by name: before, each of these published a tombstone for the owner's entry
    assertThat(owned.enqueuedBy(failedCheck)).isEmpty();
    assertThat(owned.enqueuedBy(inboundOff)).isEmpty();
    assertThat(owned.enqueuedBy(expired)).isEmpty();
  }

  @Test
  void aTeamHoldsANameOnceWhateverItsStatus() {
    fixture
        .given(events.domainCreated(1, "example.com"))
        .when(events.domainCreated(2, "example.com"))
        .thenRejected(RejectionCode.DOMAIN_NAME_TAKEN);
  }

  @Test
  void aDomainThatFailedARecheckStillHoldsItsNameWhileItServesMailboxes() {
    fixture
        .given(
            events.domainCreated(1, "example.com"),
            events.domainVerified(1),
            events.mailboxCreated(2, 1, "anna"),
            events.domainUpdated(1, DomainStatus.failed, null))
        .when(squatter.domainCreated(9, "example.com"))
        .thenRejected(RejectionCode.DOMAIN_NAME_TAKEN);
  }

  @Test
  void anUnverifiedDomainExpiresAtTheEventTimeAndFreesItsName() {
    RuleFixture.Given pending = fixture.given(events.domainCreated(1, "example.com"));
    Instant at = events.next();
    Domain expired =
        pending.when(events.domainExpired(1)).thenOnly(Change.SaveDomain.class).domain();
    assertThat(expired.deletedAt()).isEqualTo(at);

    fixture
        .given(events.domainCreated(1, "example.com"), events.domainExpired(1))
        .when(events.domainCreated(2, "example.com"))
        .thenOnly(Change.SaveDomain.class);
  }

  @Test
  void aDomainVerifiedOrUsedSinceTheExpiryLookedStays() {
    fixture
        .given(events.domainCreated(1, "example.com"), events.domainVerified(1))
        .when(events.domainExpired(1))
        .thenRejected(RejectionCode.DOMAIN_VERIFIED);
    fixture
        .given(
            events.domainCreated(1, "example.com"),
            events.domainVerified(1),
            events.mailboxCreated(2, 1, "anna"),
            events.domainUpdated(1, DomainStatus.failed, null))
        .when(events.domainExpired(1))
        .thenRejected(RejectionCode.DOMAIN_IN_USE);
    fixture
        .given(events.domainCreated(1, "example.com"), events.domainExpired(1))
        .when(events.domainExpired(1))
        .thenRejected(RejectionCode.DOMAIN_NOT_FOUND);
  }
}
