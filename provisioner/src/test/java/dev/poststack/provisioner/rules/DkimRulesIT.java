package dev.poststack.provisioner.rules;

import static dev.poststack.provisioner.Rows.OTHER_TEAM;
import static dev.poststack.provisioner.Rows.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.app.RuleFixture;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.DkimRotationActivated;
import dev.poststack.schemas.event.DkimRotationStarted;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainUpdated;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DKIM keys: created with the domain, on the hosts only while it is verified, rotated as the SDK
 * drives it (started → record seen → activated → the old key retired), cancelled.
 */
class DkimRulesIT {
  @RegisterExtension static final RuleFixture fixture = new RuleFixture();

  private static final String SEALED = TestEvents.dkimKey("x").getSealedKey();

  private final TestEvents events = TestEvents.forTeam(TEAM);
  private final TestEvents otherTeam = TestEvents.forTeam(OTHER_TEAM);

  private static String line(String selector, String state) {
    return "dkim "
        + selector
        + "._domainkey.example.com domain=example.com selector="
        + selector
        + " algorithm=rsa sealed_key="
        + SEALED
        + " state="
        + state;
  }

  @Test
  void aDomainsFirstKeyReachesTheHostsOnlyOnceItIsVerifiedAndLeavesWhenItFails() {
    DomainCreated created = events.domainCreatedWithKey(1, "example.com", "ps1");
    DomainUpdated verified = events.domainVerified(1);
    DomainUpdated failed =
        events.domainUpdated(1, dev.poststack.schemas.event.DomainStatus.failed, null);

    RuleFixture.Given given = fixture.given(created, verified, failed);

    assertThat(given.enqueuedBy(created))
        .contains("tombstone dkim:ps1._domainkey.example.com")
        .doesNotContain(line("ps1", "active"));
    assertThat(given.enqueuedBy(verified)).contains(line("ps1", "active"));
    assertThat(given.enqueuedBy(failed)).contains("tombstone dkim:ps1._domainkey.example.com");
  }

  @Test
  void aRotationStagesTheNewKeyThenSwitchesSigningAndRetiresTheOldOne() {
    DomainCreated created = events.domainCreatedWithKey(1, "example.com", "ps1");
    DkimRotationStarted started = events.dkimRotationStarted(1, "ps2");
    var seen = events.dkimRecordSeen(1, "ps2", Instant.parse("2030-01-01T00:00:00Z"));
    DkimRotationActivated activated =
        events.dkimRotationActivated(1, "ps2", Instant.parse("2030-01-08T00:00:00Z"));
    var retired = events.dkimKeyRetired(1, "ps1");

    RuleFixture.Given done =
        fixture.given(created, events.domainVerified(1), started, seen, activated, retired);

    assertThat(done.enqueuedBy(started)).containsExactly(line("ps2", "staged"));
    assertThat(done.enqueuedBy(seen)).containsExactly(line("ps2", "staged"));
    assertThat(done.enqueuedBy(activated))
        .containsExactly(line("ps1", "retiring"), line("ps2", "active"));
    assertThat(done.enqueuedBy(retired))
        .containsExactly("tombstone dkim:ps1._domainkey.example.com");
  }

  @Test
  void aCancelledRotationDropsOnlyTheStagedKey() {
    DkimRotationStarted started = events.dkimRotationStarted(1, "ps2");
    var cancelled = events.dkimRotationCancelled(1, "ps2");
    RuleFixture.Given given =
        fixture.given(
            events.domainCreatedWithKey(1, "example.com", "ps1"),
            events.domainVerified(1),
            started,
            cancelled);

    assertThat(given.enqueuedBy(cancelled))
        .containsExactly("tombstone dkim:ps2._domainkey.example.com");
    given
        .when(events.dkimRotationActivated(1, "ps2", Instant.parse("2030-01-08T00:00:00Z")))
        .thenRejected(RejectionCode.DKIM_ROTATION_CONFLICT);
  }

  @Test
  void oneRotationAtATimeAndOnlyStagedKeysActivate() {
    RuleFixture.Given rotating =
        fixture.given(
            events.domainCreatedWithKey(1, "example.com", "ps1"),
            events.dkimRotationStarted(1, "ps2"));

    rotating
        .when(events.dkimRotationStarted(1, "ps3"))
        .thenRejected(RejectionCode.DKIM_ROTATION_CONFLICT);
    rotating
        .when(events.dkimRotationActivated(1, "ps1", Instant.parse("2030-01-08T00:00:00Z")))
        .thenRejected(RejectionCode.DKIM_ROTATION_CONFLICT);
    rotating
        .when(events.dkimKeyRetired(1, "ps1"))
        .thenRejected(RejectionCode.DKIM_ROTATION_CONFLICT);
  }

  @Test
  void aDomainCreatedBeforeDkimTakesItsFirstRotatedKeyAsActive() {
    List<Change> changes =
        fixture
            .given(events.domainCreated(1, "example.com"), events.domainVerified(1))
            .when(events.dkimRotationStarted(1, "ps1"))
            .thenChanges();

    assertThat(changes).singleElement().isInstanceOf(Change.SaveDkimKey.class);
    Change.SaveDkimKey save = (Change.SaveDkimKey) changes.get(0);
    assertThat(save.key().state()).isEqualTo(dev.poststack.values.dkim.DkimKeyState.ACTIVE);
    assertThat(save.onHosts()).isTrue();
  }

  @Test
  void anotherTeamsDomainIsNotFound() {
    fixture
        .given(events.domainCreatedWithKey(1, "example.com", "ps1"))
        .when(otherTeam.dkimRotationStarted(1, "ps2"))
        .thenRejected(RejectionCode.DOMAIN_NOT_FOUND);
  }

  @Test
  void aDeletedDomainsKeysLeaveTheHosts() {
    var deleted = events.domainDeleted(1);
    RuleFixture.Given given =
        fixture.given(
            events.domainCreatedWithKey(1, "example.com", "ps1"),
            events.domainVerified(1),
            deleted);

    assertThat(given.enqueuedBy(deleted)).contains("tombstone dkim:ps1._domainkey.example.com");
  }

  @Test
  void refusesAKeyOfAnotherShape() {
    DomainCreated bad = events.domainCreatedWithKey(1, "example.com", "ps1");
    bad.getDkimKeys().get(0).setSealedKey("-----BEGIN PRIVATE KEY-----");
    fixture.given().when(bad).thenRejected(RejectionCode.VALIDATION_ERROR);
  }
}
