package dev.poststack.provisioner.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.Rows;
import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.rules.Decision;
import dev.poststack.provisioner.rules.Provisioning;
import dev.poststack.provisioner.rules.Snapshot;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.values.mailbox.PasswordSchemes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
  private final TestEvents events = TestEvents.forTeam(Rows.TEAM);
  private final KafkaPosition at = new KafkaPosition("poststack.mailbox-events", 2, 41);
  private static final Snapshot NOTHING = Snapshot.builder().build();

  @Test
  void recordsWhoDidWhatAndTheSchemeButNeverThePasswordHash() {
    var created = events.mailboxCreated(2, 1, "anna");
    Snapshot given = Snapshot.builder().domain(Rows.verifiedDomain(1, "example.com")).build();
    AuditEntry entry = AuditEntry.of(created, given, Provisioning.apply(given, created), at);

    assertThat(entry.eventType()).isEqualTo("MailboxCreated");
    assertThat(entry.outcome()).isEqualTo("applied");
    assertThat(entry.mailboxId()).isEqualTo(2L);
    assertThat(entry.aliasId()).isNull();
    assertThat(entry.position()).isEqualTo(at);
    assertThat(entry.actorKind()).isEqualTo("api_key");
    assertThat(entry.details())
        .containsEntry("passwordScheme", "SHA512-CRYPT")
        .containsEntry("localPart", "anna")
        .doesNotContainKeys("passwordHash", "envelope");
    assertThat(entry.details().toString()).doesNotContain("$6$");
  }

  @Test
  void recordsTheRejectionCodeAndMessage() {
    var changed = events.passwordChanged(2, 1, "{SHA512-CRYPT}$6$s$h");
    AuditEntry entry =
        AuditEntry.of(
            changed,
            NOTHING,
            Decision.rejected(RejectionCode.MAILBOX_NOT_FOUND, "mailbox 2 not found"),
            at);

    assertThat(entry.outcome()).isEqualTo("rejected");
    assertThat(entry.rejectionCode()).isEqualTo("mailbox_not_found");
    assertThat(entry.rejectionMessage()).isEqualTo("mailbox 2 not found");
    assertThat(entry.details())
        .isEqualTo(Map.of("mailboxId", 2L, "domainId", 1L, "passwordScheme", "SHA512-CRYPT"));
  }

  @Test
  void keepsTheServersRequestIdAndTheClientsOneApart() {
    var created = events.domainCreated(1, "example.com");
    created.getEnvelope().setClientRequestId("trace 7/client");
    AuditEntry entry = AuditEntry.of(created, NOTHING, Decision.applied(), at);

    assertThat(entry.requestId()).isEqualTo(created.getEnvelope().getRequestId());
    assertThat(entry.clientRequestId()).isEqualTo("trace 7/client");
    assertThat(
            AuditEntry.of(events.domainDeleted(1), NOTHING, Decision.applied(), at)
                .clientRequestId())
        .isNull();
  }

  @Test
  void anEventRefusedForItsTimeIsAuditedAtTheNearestStorableOne() {
    var created = events.domainCreated(1, "example.com");
    created.getEnvelope().setOccurredAt(Instant.ofEpochMilli(Long.MAX_VALUE));
    AuditEntry entry =
        AuditEntry.of(
            created,
            NOTHING,
            Provisioning.refusedUnread(created, PasswordSchemes.defaults()).orElseThrow(),
            at);

    assertThat(entry.outcome()).isEqualTo("rejected");
    assertThat(entry.occurredAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
  }

  @Test
  void aClaimFailedByAnotherTeamsProofIsAuditedOnTheClaimantsLogWithoutNamingTheProver() {
    var verified = events.domainChecked(1, DomainStatus.verified, "mx", "verification");
    var claim =
        new Domain(
            9,
            "dom_9",
            Rows.OTHER_TEAM,
            "bigcorp.example",
            DomainStatus.pending,
            false,
            null,
            Rows.CREATED,
            Rows.CREATED,
            null);
    Snapshot given =
        Snapshot.builder()
            .domain(Rows.pendingDomain(1, "bigcorp.example"))
            .liveDomainNamed(claim)
            .build();
    Decision decision = Provisioning.apply(given, verified);

    List<AuditEntry> rows = AuditEntry.forOtherTeams(verified, given, decision, at);
    assertThat(rows).hasSize(1);
    AuditEntry row = rows.get(0);
    assertThat(row.teamId()).isEqualTo(Rows.OTHER_TEAM);
    assertThat(row.domainId()).isEqualTo(9L);
    assertThat(row.actorKind()).isEqualTo("system");
    assertThat(row.eventId()).isNotEqualTo(verified.getEnvelope().getEventId());
    assertThat(row.eventId())
        .as("a replay writes the same row")
        .isEqualTo(AuditEntry.forOtherTeams(verified, given, decision, at).get(0).eventId());
    assertThat(row.details()).containsEntry("status", "failed");
    assertThat(row.changes())
        .isEqualTo(Map.of("status", Map.of("from", "pending", "to", "failed")));
    // the prover's request is not the claimant's: no address or User-Agent of it on this row
    assertThat(row.sourceIp()).isNull();
    assertThat(row.userAgent()).isNull();
    // nothing in the claimant's row names the prover: not its team, its request or its actor
    // (the derived event id is random-looking hex, so it is checked apart, not by substring)
    assertThat(row.details().values())
        .noneMatch(v -> String.valueOf(v).equals(Long.toString(Rows.TEAM)));
    assertThat(row.actorId()).isNotEqualTo(verified.getEnvelope().getActor().getId());
    assertThat(row.toString()).doesNotContain(verified.getEnvelope().getRequestId());
    assertThat(row.requestId()).doesNotContain(verified.getEnvelope().getRequestId());
    assertThat(AuditEntry.forOtherTeams(verified, given, Decision.applied(), at)).isEmpty();
  }
}
