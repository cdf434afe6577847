package dev.poststack.provisioner.domain;

import static dev.poststack.provisioner.Outcomes.assertRejected;
import static dev.poststack.provisioner.Outcomes.onlyChange;
import static dev.poststack.provisioner.Rows.OTHER_TEAM;
import static dev.poststack.provisioner.Rows.TEAM;
import static dev.poststack.provisioner.Rows.pendingDomain;
import static dev.poststack.provisioner.Rows.verifiedDomain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.Change;
import dev.poststack.provisioner.Provisioning;
import dev.poststack.provisioner.Snapshot;
import dev.poststack.provisioner.TestEvents;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DomainRulesTest {
  private final TestEvents events = TestEvents.forTeam(TEAM);
  private final Snapshot nothing = Snapshot.builder().build();

  @Test
  void createsAPendingDomainStampedWithTheEventTime() {
    Instant at = events.next();
    Domain d = onlyChange(Provisioning.apply(nothing, events.domainCreated(1, "example.com")),
        Change.SaveDomain.class).domain();
    assertThat(d).isEqualTo(new Domain(1, "dom_1", TEAM, "example.com", DomainStatus.pending,
        true, null, at, at, null));
  }

  @Test
  void rejectsADomainNameThatALiveDomainOfAnyTeamHolds() {
    Domain othersDomain = new Domain(9, "dom_9", OTHER_TEAM, "example.com", DomainStatus.verified,
        true, null, Instant.EPOCH, Instant.EPOCH, null);
    Snapshot given = Snapshot.builder().liveDomainNamed(othersDomain).build();
    assertRejected(Provisioning.apply(given, events.domainCreated(1, "example.com")),
        RejectionCode.DOMAIN_NAME_TAKEN);
  }

  @Test
  void rejectsADomainCreatedWhoseIdOrPublicIdExists() {
    Snapshot idTaken = Snapshot.builder().domain(pendingDomain(1, "old.example")).build();
    Snapshot publicIdTaken = Snapshot.builder().publicIdTaken(true).build();
    assertRejected(Provisioning.apply(idTaken, events.domainCreated(1, "example.com")),
        RejectionCode.ID_CONFLICT);
    assertRejected(Provisioning.apply(publicIdTaken, events.domainCreated(1, "example.com")),
        RejectionCode.ID_CONFLICT);
  }

  @Test
  void rejectsADomainNameTheRendererRefuses() {
    for (String bad : new String[] {"Example.com", "localhost", "exa mple.com", "a/b.com", "x.123"}) {
      DomainCreated event = events.domainCreated(1, bad);
      assertRejected(Provisioning.apply(nothing, event), RejectionCode.VALIDATION_ERROR);
    }
  }

  @Test
  void verifyingSetsVerifiedAtToTheEventTimeAndKeepsUnsetFields() {
    Snapshot given = Snapshot.builder().domain(pendingDomain(1, "example.com")).build();
    Instant at = events.next();
    Domain d = onlyChange(Provisioning.apply(given, events.domainVerified(1)),
        Change.SaveDomain.class).domain();
    assertThat(d.status()).isEqualTo(DomainStatus.verified);
    assertThat(d.verifiedAt()).isEqualTo(at);
    assertThat(d.updatedAt()).isEqualTo(at);
    assertThat(d.inboundEnabled()).isTrue();
    assertThat(d.createdAt()).isEqualTo(given.domain().orElseThrow().createdAt());
  }

  @Test
  void disablingInboundLeavesTheVerificationAlone() {
    Domain verified = verifiedDomain(1, "example.com");
    Snapshot given = Snapshot.builder().domain(verified).build();
    Domain d = onlyChange(Provisioning.apply(given, events.domainUpdated(1, null, false)),
        Change.SaveDomain.class).domain();
    assertThat(d.inboundEnabled()).isFalse();
    assertThat(d.status()).isEqualTo(DomainStatus.verified);
    assertThat(d.verifiedAt()).isEqualTo(verified.verifiedAt());
  }

  @Test
  void rejectsUpdatesAndDeletesOfUnknownDeletedOrOtherTeamsDomains() {
    Domain deleted = verifiedDomain(1, "example.com").deleted(Instant.EPOCH);
    TestEvents otherTeam = TestEvents.forTeam(OTHER_TEAM);
    Snapshot live = Snapshot.builder().domain(verifiedDomain(1, "example.com")).build();
    Snapshot gone = Snapshot.builder().domain(deleted).build();
    assertRejected(Provisioning.apply(nothing, events.domainVerified(1)), RejectionCode.DOMAIN_NOT_FOUND);
    assertRejected(Provisioning.apply(gone, events.domainVerified(1)), RejectionCode.DOMAIN_NOT_FOUND);
    assertRejected(Provisioning.apply(live, otherTeam.domainVerified(1)), RejectionCode.DOMAIN_NOT_FOUND);
    assertRejected(Provisioning.apply(nothing, events.domainDeleted(1)), RejectionCode.DOMAIN_NOT_FOUND);
    assertRejected(Provisioning.apply(gone, events.domainDeleted(1)), RejectionCode.DOMAIN_NOT_FOUND);
    assertRejected(Provisioning.apply(live, otherTeam.domainDeleted(1)), RejectionCode.DOMAIN_NOT_FOUND);
  }

  @Test
  void rejectsDeletingADomainThatLiveMailboxesOrAliasesUse() {
    Domain domain = verifiedDomain(1, "example.com");
    Snapshot withMailbox = Snapshot.builder().domain(domain).liveMailboxesInDomain(1).build();
    Snapshot withAlias = Snapshot.builder().domain(domain).liveAliasesInDomain(2).build();
    assertRejected(Provisioning.apply(withMailbox, events.domainDeleted(1)), RejectionCode.DOMAIN_IN_USE);
    assertRejected(Provisioning.apply(withAlias, events.domainDeleted(1)), RejectionCode.DOMAIN_IN_USE);
  }

  @Test
  void deletesAnUnusedDomainAtTheEventTime() {
    Snapshot given = Snapshot.builder().domain(verifiedDomain(1, "example.com")).build();
    Instant at = events.next();
    Domain d = onlyChange(Provisioning.apply(given, events.domainDeleted(1)),
        Change.SaveDomain.class).domain();
    assertThat(d.deletedAt()).isEqualTo(at);
    assertThat(d.updatedAt()).isEqualTo(at);
  }
}
