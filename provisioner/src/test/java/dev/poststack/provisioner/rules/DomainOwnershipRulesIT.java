package dev.poststack.provisioner.rules;

import static dev.poststack.provisioner.Rows.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.app.RuleFixture;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.domain.Ownership;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.DomainStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a domain keeps of its ownership proof: the claim's token, each DNS check's findings, since
 * when a required record has been missing, and whether DNS or the operator verified it.
 */
class DomainOwnershipRulesIT {
  @RegisterExtension static final RuleFixture fixture = new RuleFixture();

  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  private final TestEvents events = TestEvents.forTeam(TEAM);

  @Test
  void aClaimKeepsItsTokenAndAVerificationByDnsKeepsWhatWasFound() {
    var given =
        fixture.given(
            events.domainClaimed(1, "owned.example", TOKEN),
            events.domainChecked(1, DomainStatus.failed, "mx"),
            events.domainChecked(1, DomainStatus.verified, "mx", "verification", "spf"));
    Ownership ownership = given.domain(1).ownership();
    assertThat(ownership.verificationToken()).isEqualTo(TOKEN);
    assertThat(ownership.found()).containsExactly("mx", "verification", "spf");
    assertThat(ownership.checkedAt()).isNotNull();
    assertThat(ownership.missingSince()).isNull();
    assertThat(ownership.verifiedBy()).isEqualTo(Ownership.BY_DNS);
  }

  @Test
  void aForceVerifyWithoutACheckIsTheOperatorsAndIsNotRechecked() {
    var given =
        fixture.given(events.domainClaimed(1, "dev.example", TOKEN), events.domainVerified(1));
    assertThat(given.domain(1).ownership().verifiedBy()).isEqualTo(Ownership.BY_OPERATOR);
  }

  @Test
  void aRecheckMissingARecordKeepsTheDomainVerifiedAndRemembersSinceWhen() {
    var first = events.domainChecked(1, null, "mx");
    var given =
        fixture.given(
            events.domainClaimed(1, "owned.example", TOKEN),
            events.domainChecked(1, DomainStatus.verified, "mx", "verification"),
            first,
            events.domainChecked(1, null, "verification"));
    Domain domain = given.domain(1);
    assertThat(domain.status()).isEqualTo(DomainStatus.verified);
    assertThat(domain.ownership().found()).containsExactly("verification");
    assertThat(domain.ownership().missingSince())
        .as("the spell started at the first check that missed a record")
        .isEqualTo(first.getEnvelope().getOccurredAt());

    Domain back =
        fixture
            .given(
                events.domainClaimed(1, "owned.example", TOKEN),
                events.domainChecked(1, DomainStatus.verified, "mx", "verification"),
                first,
                events.domainChecked(1, null, "mx", "verification"))
            .domain(1);
    assertThat(back.ownership().missingSince()).as("records back: no spell").isNull();
  }

  @Test
  void aRecheckPastTheGraceFailsTheDomainAndNobodyVouchesForItAnyMore() {
    Domain failed =
        fixture
            .given(
                events.domainClaimed(1, "owned.example", TOKEN),
                events.domainChecked(1, DomainStatus.verified, "mx", "verification"),
                events.domainChecked(1, null, "mx"),
                events.domainChecked(1, DomainStatus.failed, "mx"))
            .domain(1);
    assertThat(failed.status()).isEqualTo(DomainStatus.failed);
    assertThat(failed.verifiedAt()).isNull();
    assertThat(failed.ownership().verifiedBy()).isNull();
    assertThat(failed.ownership().missingSince()).isNull();
  }

  @Test
  void aMalformedTokenOrPurposeIsRefused() {
    fixture
        .given()
        .when(events.domainClaimed(1, "owned.example", "NOT A TOKEN"))
        .thenRejected(RejectionCode.VALIDATION_ERROR);
    fixture
        .given(events.domainClaimed(1, "owned.example", TOKEN))
        .when(events.domainChecked(1, DomainStatus.verified, "mx", "Verification!"))
        .thenRejected(RejectionCode.VALIDATION_ERROR);
  }
}
