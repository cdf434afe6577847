package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.event.MailboxCreated;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of bad event, produced straight to the topic (raw bytes where it cannot be decoded,
 * the Avro codec otherwise) on one domain's key, so on one partition, each followed by a good event
 * on the same key: the bad one is refused and audited, or dead-lettered with its reason, and the
 * partition moves on to apply the good one. Nothing is retried forever.
 */
class PoisonEventsIT {
  // a quick give-up, so that the record the database keeps refusing does not slow the test
  @RegisterExtension
  static final ProvisionerStack stack =
      new ProvisionerStack(
          "poststack.provisioner.retry.attempts=3",
          "poststack.provisioner.retry.initial-backoff=100ms",
          "poststack.provisioner.retry.max-backoff=500ms");

  private static final long DOMAIN = 601;
  private static final long MAILBOX = 6001;

  private final EventLog log = stack.log();
  private final Database db = stack.db();
  private final OutcomeNotifications outcomes = stack.outcomes();
  private final EventCodec codec = new EventCodec();
  private final TestEvents team = TestEvents.forTeam(61);
  private final TestEvents otherTeam = TestEvents.forTeam(62);
  private long nextMailbox = MAILBOX + 1;

  @Test
  void everyKindOfBadEventIsRefusedOrDeadLetteredAndTheNextGoodEventOnItsPartitionIsApplied()
      throws Exception {
    publishAndAwait(
        team.domainCreated(DOMAIN, "poisoned.example"),
        team.domainVerified(DOMAIN),
        team.mailboxCreated(MAILBOX, DOMAIN, "anna"));
    // a database that refuses one value (as it would one it cannot store): the mailbox "faulty"
    db.execute(
        "create function refuse_faulty() returns trigger language plpgsql as $$ begin if"
            + " new.local_part = 'faulty' then raise exception 'cannot store %', new.local_part;"
            + " end if; return new; end $$");
    db.execute(
        "create trigger refuse_faulty before insert on mailbox for each row execute function"
            + " refuse_faulty()");

    Map<String, SpecificRecord> refused = new LinkedHashMap<>();
    refused.put("validation_error localPart: contains a control character", mailbox("an\u0000na"));
    var escape = team.mailboxUpdate(MAILBOX, DOMAIN).setQuotaBytes(2L << 30).build();
    escape.getEnvelope().getActor().setId("key\u001b[2J");
    refused.put("validation_error envelope.actor.id: contains a control character", escape);
    refused.put(
        "validation_error passwordHash: must be one of ",
        team.passwordChanged(MAILBOX, DOMAIN, "{PLAIN}hunter2"));
    refused.put(
        "validation_error passwordHash: rounds must be between 1000 and 100000",
        team.passwordChanged(MAILBOX, DOMAIN, "{SHA512-CRYPT}$6$rounds=999999999$salt$aGFzaA"));
    var farFuture = mailbox("later");
    farFuture.getEnvelope().setOccurredAt(Instant.ofEpochMilli(Long.MAX_VALUE));
    refused.put(
        "validation_error envelope.occurredAt: must be between 1970-01-01T00:00:00Z and"
            + " 9999-12-31T23:59:59.999Z",
        farFuture);
    var longClientId = mailbox("traced");
    longClientId.getEnvelope().setClientRequestId("c".repeat(200));
    refused.put(
        "validation_error envelope.clientRequestId: must be 1 to 128 printable ASCII characters",
        longClientId);
    refused.put(
        "mailbox_not_found mailbox 6001 not found",
        otherTeam.passwordChanged(MAILBOX, DOMAIN, TestEvents.HASH));
    refused.put("domain_not_found domain 601 not found", otherTeam.domainDeleted(DOMAIN));
    refused.put(
        "apply_failed the provisioner gave up after 3 failed attempts (", mailbox("faulty"));

    byte[] garbage = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
    byte[] unknownSchema = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42};
    byte[] truncated = Arrays.copyOf(codec.encode(mailbox("cut")), 14);

    List<UUID> goodOnes = new ArrayList<>();
    List<RecordMetadata> positions = new ArrayList<>();
    for (byte[] raw : List.of(garbage, unknownSchema, truncated)) {
      positions.add(log.publishRaw(Long.toString(DOMAIN), raw));
      goodOnes.add(publishGood(positions));
    }
    for (SpecificRecord bad : refused.values()) {
      positions.add(log.publish(bad));
      goodOnes.add(publishGood(positions));
    }
    outcomes.awaitAll(refused.values().stream().map(PoisonEventsIT::eventId).toArray(UUID[]::new));
    outcomes.awaitAll(goodOnes.toArray(UUID[]::new));

    assertThat(positions)
        .extracting(RecordMetadata::partition)
        .containsOnly(positions.get(0).partition());
    for (var expected : refused.entrySet()) {
      Map<String, Object> audit =
          db.row(
              "select outcome, rejection_code, rejection_message from audit_event"
                  + " where event_id = ?",
              eventId(expected.getValue()));
      assertThat(audit.get("outcome")).isEqualTo("rejected");
      assertThat(audit.get("rejection_code") + " " + audit.get("rejection_message"))
          .startsWith(expected.getKey());
    }
    for (UUID good : goodOnes) {
      assertThat(
              db.count(
                  "select count(*) from audit_event where event_id = ? and outcome = 'applied'",
                  good))
          .isOne();
    }
    // the good events were applied in order, each after the bad one before it
    assertThat(db.row("select quota_bytes from mailbox where id = ?", MAILBOX))
        .containsEntry("quota_bytes", (long) goodOnes.size() << 20);
    assertThat(db.count("select count(*) from mailbox where domain_id = ?", DOMAIN)).isOne();
    // stored at the nearest bound, so that the refusal itself could be recorded
    assertThat(
            ((Timestamp)
                    db.row(
                            "select occurred_at from audit_event where event_id = ?",
                            eventId(farFuture))
                        .get("occurred_at"))
                .toInstant())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));

    List<ConsumerRecord<String, byte[]>> dead = log.deadLetters();
    assertThat(reasonAt(dead, positions.get(0)))
        .contains("not an Avro single-object encoded record");
    assertThat(reasonAt(dead, positions.get(1))).contains("unknown schema fingerprint");
    assertThat(reasonAt(dead, positions.get(2))).contains("corrupt MailboxCreated record");
    RecordMetadata faulty = positions.get(positions.size() - 1);
    assertThat(reasonAt(dead, faulty))
        .contains("gave up after 3 failed attempts")
        .contains("cannot store faulty");
    assertThat(dead.stream().filter(r -> Long.toString(DOMAIN).equals(r.key()))).hasSize(4);
  }

  @Test
  void aDatabaseOutageOutlastingEveryAttemptIsWaitedOutNeverGivenUp() {
    MeterRegistry registry = stack.provisioner().getBean(MeterRegistry.class);
    TestEvents outage = TestEvents.forTeam(63);
    var event = outage.domainCreated(602, "outage.example");
    double failuresBefore = listenerFailures(registry);
    int deadBefore = log.deadLetters().size();
    // the dedupe table is gone: no event can be applied, and no give-up can be recorded either
    db.execute("alter table processed_event rename to processed_event_away");
    try {
      log.publish(event);
      // three rounds of 3 attempts, each ended by a give-up the database refused
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> listenerFailures(registry) >= failuresBefore + 9);
    } finally {
      db.execute("alter table processed_event_away rename to processed_event");
    }
    outcomes.awaitAll(eventId(event));

    assertThat(db.row("select outcome from audit_event where event_id = ?", eventId(event)))
        .containsEntry("outcome", "applied");
    assertThat(db.row("select name from domain where id = 602"))
        .containsEntry("name", "outage.example");
    assertThat(log.deadLetters()).hasSize(deadBefore);
  }

  /** Failed listener invocations, as spring-kafka's listener timer counts them. */
  private static double listenerFailures(MeterRegistry registry) {
    return registry.find("spring.kafka.listener").tag("result", "failure").timers().stream()
        .mapToDouble(t -> t.count())
        .sum();
  }

  private MailboxCreated mailbox(String localPart) {
    return team.mailboxCreated(nextMailbox++, DOMAIN, localPart);
  }

  /** A good event right behind the last bad one, on the same key: the n-th sets quota n MiB. */
  private UUID publishGood(List<RecordMetadata> positions) {
    long n = positions.size();
    var good = team.mailboxUpdate(MAILBOX, DOMAIN).setQuotaBytes(n << 20).build();
    log.publish(good);
    return eventId(good);
  }

  private static String reasonAt(List<ConsumerRecord<String, byte[]>> dead, RecordMetadata at) {
    return dead.stream()
        .filter(
            r ->
                ByteBuffer.wrap(r.headers().lastHeader("kafka_dlt-original-offset").value())
                            .getLong()
                        == at.offset()
                    && ByteBuffer.wrap(
                                r.headers().lastHeader("kafka_dlt-original-partition").value())
                            .getInt()
                        == at.partition()
                    && Topics.MAILBOX_EVENTS
                        .name()
                        .equals(
                            new String(
                                r.headers().lastHeader("kafka_dlt-original-topic").value(),
                                StandardCharsets.UTF_8)))
        .map(
            r ->
                new String(
                    r.headers().lastHeader("kafka_dlt-exception-message").value(),
                    StandardCharsets.UTF_8))
        .findFirst()
        .orElse("(not dead-lettered)");
  }

  private void publishAndAwait(SpecificRecord... events) {
    log.publishAll(events);
    outcomes.awaitAll(Arrays.stream(events).map(PoisonEventsIT::eventId).toArray(UUID[]::new));
  }

  private static UUID eventId(SpecificRecord event) {
    return Events.envelope(event).getEventId();
  }
}
