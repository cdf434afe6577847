package dev.poststack.provisioner.rules;

import static dev.poststack.provisioner.Rows.OTHER_TEAM;
import static dev.poststack.provisioner.Rows.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.app.RuleFixture;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.DomainStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AliasCreated and AliasDeleted: given past events, when one more, then what. */
class AliasRulesIT {
  @RegisterExtension static final RuleFixture fixture = new RuleFixture();

  private final TestEvents events = TestEvents.forTeam(TEAM);
  private final TestEvents otherTeam = TestEvents.forTeam(OTHER_TEAM);

  /** Verified domain 1, example.com, with mailbox 2 anna@; then the given events. */
  private RuleFixture.Given withDestination(SpecificRecord... then) {
    List<SpecificRecord> given =
        new ArrayList<>(
            List.of(
                events.domainCreated(1, "example.com"),
                events.domainVerified(1),
                events.mailboxCreated(2, 1, "anna")));
    given.addAll(List.of(then));
    return fixture.given(given.toArray(SpecificRecord[]::new));
  }

  @Test
  void createsAnAliasToALiveMailboxOfTheDomain() {
    RuleFixture.Given anna = withDestination();
    Instant at = events.next();
    Alias a =
        anna.when(events.aliasCreated(7, 1, "info", 2)).thenOnly(Change.SaveAlias.class).alias();
    assertThat(a).isEqualTo(new Alias(7, "al_7", TEAM, 1, "info", "info@example.com", 2, at, null));
  }

  @Test
  void rejectsAliasThatShadowsAMailbox() {
    withDestination(events.mailboxCreated(3, 1, "bob"))
        .when(events.aliasCreated(7, 1, "bob", 2))
        .thenRejected(RejectionCode.ALIAS_SHADOWS_MAILBOX);
  }

  @Test
  void rejectsAliasThatPointsToItself() {
    withDestination()
        .when(events.aliasCreated(7, 1, "anna", 2))
        .thenRejected(RejectionCode.ALIAS_POINTS_TO_ITSELF);
  }

  @Test
  void rejectsAliasAtTheAddressOfAnotherLiveAlias() {
    withDestination(events.aliasCreated(6, 1, "info", 2))
        .when(events.aliasCreated(7, 1, "info", 2))
        .thenRejected(RejectionCode.ADDRESS_TAKEN);
  }

  @Test
  void rejectsAliasToAMissingDeletedOtherTeamsOrOtherDomainsMailbox() {
    fixture
        .given(events.domainCreated(1, "example.com"), events.domainVerified(1))
        .when(events.aliasCreated(7, 1, "info", 2))
        .thenRejected(RejectionCode.DESTINATION_NOT_FOUND);
    withDestination(events.mailboxDeleted(2, 1))
        .when(events.aliasCreated(7, 1, "info", 2))
        .thenRejected(RejectionCode.DESTINATION_NOT_FOUND);
    // another team's mailbox can only live in that team's domain
    fixture
        .given(
            events.domainCreated(1, "example.com"),
            events.domainVerified(1),
            otherTeam.domainCreated(5, "o.com"),
            otherTeam.domainVerified(5),
            otherTeam.mailboxCreated(2, 5, "anna"))
        .when(events.aliasCreated(7, 1, "info", 2))
        .thenRejected(RejectionCode.DESTINATION_NOT_FOUND);
    fixture
        .given(
            events.domainCreated(1, "example.com"),
            events.domainVerified(1),
            events.domainCreated(5, "o.com"),
            events.domainVerified(5),
            events.mailboxCreated(2, 5, "anna"))
        .when(events.aliasCreated(7, 1, "info", 2))
        .thenRejected(RejectionCode.DESTINATION_NOT_FOUND);
  }

  @Test
  void rejectsAliasCreatedWhoseIdExists() {
    withDestination(events.aliasCreated(7, 1, "old", 2), events.aliasDeleted(7, 1))
        .when(events.aliasCreated(7, 1, "info", 2))
        .thenRejected(RejectionCode.ID_CONFLICT);
  }

  @Test
  void rejectsAliasOnAnUnverifiedDomainOrWithAnInvalidLocalPart() {
    withDestination(events.domainUpdated(1, DomainStatus.pending, null))
        .when(events.aliasCreated(7, 1, "info", 2))
        .thenRejected(RejectionCode.DOMAIN_NOT_VERIFIED);
    withDestination()
        .when(events.aliasCreated(7, 1, "in fo", 2))
        .thenRejected(RejectionCode.VALIDATION_ERROR);
  }

  @Test
  void deletesALiveAliasAndRejectsDeletingAGoneOrForeignOne() {
    RuleFixture.Given info = withDestination(events.aliasCreated(7, 1, "info", 2));
    Instant at = events.next();
    Alias gone = info.when(events.aliasDeleted(7, 1)).thenOnly(Change.SaveAlias.class).alias();
    assertThat(gone).isEqualTo(info.alias(7).deleted(at));
    info.when(otherTeam.aliasDeleted(7, 1)).thenRejected(RejectionCode.ALIAS_NOT_FOUND);

    withDestination(events.aliasCreated(7, 1, "info", 2), events.aliasDeleted(7, 1))
        .when(events.aliasDeleted(7, 1))
        .thenRejected(RejectionCode.ALIAS_NOT_FOUND);
    fixture.given().when(events.aliasDeleted(7, 1)).thenRejected(RejectionCode.ALIAS_NOT_FOUND);
  }
}
