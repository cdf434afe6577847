package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.schemas.event.NullableStringChange;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Events through a real broker into a real database: rows, audit rows, NOTIFYs. */
class MailboxEventsIT {
  @RegisterExtension static final ProvisionerStack stack = new ProvisionerStack();

  private final ConfigurableApplicationContext provisioner = stack.provisioner();
  private final EventLog log = stack.log();
  private final Database db = stack.db();
  private final OutcomeNotifications outcomes = stack.outcomes();

  @Test
  void createsADomainMailboxAndAliasWithTimestampsFromTheEvents() {
    TestEvents team = TestEvents.forTeam(11);
    var created = team.domainCreated(101, "life.example");
    var verified = team.domainVerified(101);
    var mailbox = team.mailboxCreated(1001, 101, "support");
    var alias = team.aliasCreated(5001, 101, "help", 1001);
    mailbox.getEnvelope().setClientRequestId("client trace/1");
    List<RecordMetadata> sent = log.publishAll(created, verified, mailbox, alias);
    awaitOutcomes(created, verified, mailbox, alias);

    Map<String, Object> domain = db.row("select * from domain where id = 101");
    assertThat(domain)
        .containsEntry("status", "verified")
        .containsEntry("team_id", 11L)
        .containsEntry("name", "life.example")
        .containsEntry("public_id", "dom_101");
    assertThat(instant(domain, "created_at")).isEqualTo(occurredAt(created));
    assertThat(instant(domain, "verified_at")).isEqualTo(occurredAt(verified));
    assertThat(instant(domain, "updated_at")).isEqualTo(occurredAt(verified));
    Map<String, Object> box = db.row("select * from mailbox where id = 1001");
    assertThat(box)
        .containsEntry("email_address", "support@life.example")
        .containsEntry("status", "active")
        .containsEntry("password_hash", TestEvents.HASH);
    assertThat(instant(box, "created_at")).isEqualTo(occurredAt(mailbox));
    assertThat(db.row("select * from alias where id = 5001"))
        .containsEntry("alias_address", "help@life.example")
        .containsEntry("destination_mailbox_id", 1001L);

    List<Map<String, Object>> audit =
        db.rows("select * from audit_event where domain_id = 101" + " order by kafka_offset");
    assertThat(audit)
        .extracting(r -> r.get("event_type"))
        .containsExactly("DomainCreated", "DomainUpdated", "MailboxCreated", "AliasCreated");
    assertThat(audit).extracting(r -> r.get("outcome")).containsOnly("applied");
    assertThat(audit)
        .extracting(r -> r.get("kafka_offset"))
        .containsExactlyElementsOf(sent.stream().map(RecordMetadata::offset).toList());
    assertThat(audit)
        .extracting(r -> r.get("kafka_topic"))
        .containsOnly(Topics.MAILBOX_EVENTS.name());
    assertThat(audit.get(2))
        .containsEntry("mailbox_id", 1001L)
        .containsEntry("actor_kind", "api_key")
        .containsEntry("request_id", Events.envelope(mailbox).getRequestId())
        .containsEntry("client_request_id", "client trace/1");
    assertThat(audit.get(3))
        .containsEntry("alias_id", 5001L)
        .containsEntry("client_request_id", null);
  }

  @Test
  void updatesAndRepasswordsAMailboxWithoutEverAuditingTheHash() {
    TestEvents team = TestEvents.forTeam(12);
    String newHash = "{SHA256-CRYPT}$5$bmV3c2FsdA$bmV3aGFzaG5ld2hhc2huZXdoYXNo";
    var setup =
        List.<SpecificRecord>of(
            team.domainCreated(102, "update.example"),
            team.domainVerified(102),
            team.mailboxCreated(1002, 102, "anna"));
    var update =
        team.mailboxUpdate(1002, 102)
            .setDisplayName(new NullableStringChange("Anna K"))
            .setQuotaBytes(2L << 30)
            .setStatus(MailboxStatus.suspended)
            .setWebhookEnabled(true)
            .build();
    var password = team.passwordChanged(1002, 102, newHash);
    setup.forEach(log::publish);
    log.publishAll(update, password);
    awaitOutcomes(update, password);

    Map<String, Object> box = db.row("select * from mailbox where id = 1002");
    assertThat(box)
        .containsEntry("display_name", "Anna K")
        .containsEntry("quota_bytes", 2L << 30)
        .containsEntry("status", "suspended")
        .containsEntry("webhook_enabled", true)
        .containsEntry("password_hash", newHash);
    assertThat(instant(box, "updated_at")).isEqualTo(occurredAt(password));
    String details =
        db.row(
                "select details::text as d from audit_event where event_id = ?",
                Events.envelope(password).getEventId())
            .get("d")
            .toString();
    assertThat(details).contains("\"passwordScheme\": \"SHA256-CRYPT\"").doesNotContain("$5$");
    assertThat(
            db.count(
                "select count(*) from audit_event where details::text like '%$6$%'"
                    + " or details::text like '%$2y$%'"))
        .isZero();
  }

  @Test
  void refusesToDeleteADomainInUseThenDeletesItOnceItsMailboxIsGone() {
    TestEvents team = TestEvents.forTeam(13);
    var tooEarly = team.domainDeleted(103);
    var mailboxGone = team.mailboxDeleted(1003, 103);
    var domainGone = team.domainDeleted(103);
    log.publishAll(
        team.domainCreated(103, "gone.example"),
        team.domainVerified(103),
        team.mailboxCreated(1003, 103, "bob"),
        team.aliasCreated(5003, 103, "robert", 1003),
        tooEarly,
        mailboxGone,
        domainGone);
    awaitOutcomes(tooEarly, mailboxGone, domainGone);

    assertThat(
            db.row(
                "select outcome, rejection_code from audit_event where event_id = ?",
                eventId(tooEarly)))
        .containsEntry("outcome", "rejected")
        .containsEntry("rejection_code", "domain_in_use");
    assertThat(db.row("select status from mailbox where id = 1003"))
        .containsEntry("status", "deleted");
    assertThat(instant(db.row("select deleted_at from alias where id = 5003"), "deleted_at"))
        .isEqualTo(occurredAt(mailboxGone));
    assertThat(instant(db.row("select deleted_at from domain where id = 103"), "deleted_at"))
        .isEqualTo(occurredAt(domainGone));
    assertThat(
            db.row(
                    "select details::text as d from audit_event where event_id = ?",
                    eventId(mailboxGone))
                .get("d")
                .toString())
        .contains("\"aliasesDeleted\": [5003]");
  }

  @Test
  void recordsARejectedEventAsACommittedAuditedOutcome() {
    TestEvents team = TestEvents.forTeam(14);
    var onPendingDomain = team.mailboxCreated(1004, 104, "early");
    log.publishAll(team.domainCreated(104, "pending.example"), onPendingDomain);
    awaitOutcomes(onPendingDomain);

    assertThat(db.row("select * from audit_event where event_id = ?", eventId(onPendingDomain)))
        .containsEntry("outcome", "rejected")
        .containsEntry("rejection_code", "domain_not_verified")
        .containsEntry("rejection_message", "domain 104 is not verified")
        .containsEntry("mailbox_id", 1004L);
    assertThat(db.count("select count(*) from mailbox where id = 1004")).isZero();
  }

  @Test
  void exposesTheConsumerLagOfTheMailboxEventsTopic() {
    MeterRegistry registry = provisioner.getBean(MeterRegistry.class);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(registry.find("kafka.consumer.fetch.manager.records.lag.max").meters())
                    .isNotEmpty());
  }

  @Test
  void domainStatusChangesClearTheVerificationTime() {
    TestEvents team = TestEvents.forTeam(15);
    var failed = team.domainUpdated(105, DomainStatus.failed, false);
    log.publishAll(team.domainCreated(105, "failing.example"), team.domainVerified(105), failed);
    awaitOutcomes(failed);

    Map<String, Object> domain = db.row("select * from domain where id = 105");
    assertThat(domain)
        .containsEntry("status", "failed")
        .containsEntry("inbound_enabled", false)
        .containsEntry("verified_at", null);
  }

  @Test
  void anEventCarryingAControlCharacterIsAuditedAsRejectedAndItsPartitionMovesOn() {
    TestEvents team = TestEvents.forTeam(19);
    var nulInName = team.domainCreated(109, "bad\u0000name.example");
    var nulInRequestId = team.domainCreated(109, "worse.example");
    nulInRequestId.getEnvelope().setRequestId("req_\u0000\u0007");
    // same domain, so same key and partition, right behind the two poisoned ones
    var good = team.domainCreated(109, "good.example");
    log.publishAll(nulInName, nulInRequestId, good);
    awaitOutcomes(nulInName, nulInRequestId, good);

    assertThat(db.rows("select * from audit_event where domain_id = 109 order by kafka_offset"))
        .extracting(
            r ->
                r.get("outcome") + " " + r.get("rejection_code") + " " + r.get("rejection_message"))
        .containsExactly(
            "rejected validation_error name: contains a control character",
            "rejected validation_error envelope.requestId: contains a control character",
            "applied null null");
    assertThat(db.row("select * from domain where id = 109")).containsEntry("name", "good.example");
    assertThat(
            db.row(
                "select request_id from audit_event where event_id = '"
                    + eventId(nulInRequestId)
                    + "'"))
        .containsEntry("request_id", "req_\uFFFD\uFFFD");
  }

  private void awaitOutcomes(SpecificRecord... events) {
    outcomes.awaitAll(
        java.util.Arrays.stream(events).map(MailboxEventsIT::eventId).toArray(UUID[]::new));
  }

  private static UUID eventId(SpecificRecord event) {
    return Events.envelope(event).getEventId();
  }

  private static Instant occurredAt(SpecificRecord event) {
    return Events.envelope(event).getOccurredAt();
  }

  private static Instant instant(Map<String, Object> row, String column) {
    return ((Timestamp) row.get(column)).toInstant();
  }
}
