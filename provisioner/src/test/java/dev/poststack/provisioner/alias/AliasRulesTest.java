package dev.poststack.provisioner.alias;

import static dev.poststack.provisioner.Outcomes.assertRejected;
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
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.schemas.RejectionCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AliasRulesTest {
  private final TestEvents events = TestEvents.forTeam(TEAM);
  private final Domain domain = verifiedDomain(1, "example.com");
  private final Mailbox anna = mailbox(2, domain, "anna");

  private Snapshot.Builder withDestination() {
    return Snapshot.builder().domain(domain).mailbox(anna);
  }

  @Test
  void createsAnAliasToALiveMailboxOfTheDomain() {
    Instant at = events.next();
    Alias a = onlyChange(Provisioning.apply(withDestination().build(),
        events.aliasCreated(7, 1, "info", 2)), Change.SaveAlias.class).alias();
    assertThat(a).isEqualTo(new Alias(7, "al_7", TEAM, 1, "info", "info@example.com", 2, at, null));
  }

  @Test
  void rejectsAliasThatShadowsAMailbox() {
    Snapshot given = withDestination().liveMailboxAtAddress(mailbox(3, domain, "bob")).build();
    assertRejected(Provisioning.apply(given, events.aliasCreated(7, 1, "bob", 2)),
        RejectionCode.ALIAS_SHADOWS_MAILBOX);
  }

  @Test
  void rejectsAliasThatPointsToItself() {
    Snapshot given = withDestination().liveMailboxAtAddress(anna).build();
    assertRejected(Provisioning.apply(given, events.aliasCreated(7, 1, "anna", 2)),
        RejectionCode.ALIAS_POINTS_TO_ITSELF);
  }

  @Test
  void rejectsAliasAtTheAddressOfAnotherLiveAlias() {
    Snapshot given = withDestination().liveAliasAtAddress(alias(6, domain, "info", 2)).build();
    assertRejected(Provisioning.apply(given, events.aliasCreated(7, 1, "info", 2)),
        RejectionCode.ADDRESS_TAKEN);
  }

  @Test
  void rejectsAliasToAMissingDeletedOtherTeamsOrOtherDomainsMailbox() {
    Mailbox othersMailbox = new Mailbox(2, "mb_2", OTHER_TEAM, 1, "anna", "anna@example.com",
        TestEvents.HASH, null, 1L << 30, Mailbox.Status.ACTIVE, false, Instant.EPOCH,
        Instant.EPOCH, null);
    for (Snapshot given : new Snapshot[] {Snapshot.builder().domain(domain).build(),
        Snapshot.builder().domain(domain).mailbox(anna.deleted(Instant.EPOCH)).build(),
        Snapshot.builder().domain(domain).mailbox(othersMailbox).build(),
        Snapshot.builder().domain(domain).mailbox(mailbox(2, verifiedDomain(5, "o.com"), "anna")).build()}) {
      assertRejected(Provisioning.apply(given, events.aliasCreated(7, 1, "info", 2)),
          RejectionCode.DESTINATION_NOT_FOUND);
    }
  }

  @Test
  void rejectsAliasCreatedWhoseIdExists() {
    Snapshot given = withDestination().alias(alias(7, domain, "old", 2).deleted(Instant.EPOCH)).build();
    assertRejected(Provisioning.apply(given, events.aliasCreated(7, 1, "info", 2)),
        RejectionCode.ID_CONFLICT);
  }

  @Test
  void rejectsAliasOnAnUnverifiedDomainOrWithAnInvalidLocalPart() {
    Snapshot pending = Snapshot.builder().domain(pendingDomain(1, "example.com")).mailbox(anna).build();
    assertRejected(Provisioning.apply(pending, events.aliasCreated(7, 1, "info", 2)),
        RejectionCode.DOMAIN_NOT_VERIFIED);
    assertRejected(Provisioning.apply(withDestination().build(),
        events.aliasCreated(7, 1, "in fo", 2)), RejectionCode.VALIDATION_ERROR);
  }

  @Test
  void deletesALiveAliasAndRejectsDeletingAGoneOrForeignOne() {
    Alias info = alias(7, domain, "info", 2);
    Instant at = events.next();
    Alias gone = onlyChange(Provisioning.apply(Snapshot.builder().alias(info).build(),
        events.aliasDeleted(7, 1)), Change.SaveAlias.class).alias();
    assertThat(gone).isEqualTo(info.deleted(at));
    assertRejected(Provisioning.apply(Snapshot.builder().alias(gone).build(),
        events.aliasDeleted(7, 1)), RejectionCode.ALIAS_NOT_FOUND);
    assertRejected(Provisioning.apply(Snapshot.builder().alias(info).build(),
        TestEvents.forTeam(OTHER_TEAM).aliasDeleted(7, 1)), RejectionCode.ALIAS_NOT_FOUND);
    assertRejected(Provisioning.apply(Snapshot.builder().build(), events.aliasDeleted(7, 1)),
        RejectionCode.ALIAS_NOT_FOUND);
  }
}
