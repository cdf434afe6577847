package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.schemas.Events;
import dev.poststack.testing.TestDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A poll's records are applied in one transaction. Each test publishes its events before its
 * provisioner (fresh database, fresh group) starts, so they arrive in one poll; audit rows of one
 * transaction share {@code recorded_at} (PostgreSQL's transaction time), which shows the batch.
 * Every test's domain has its own key; the log also holds the other tests' events, which a fresh
 * group applies as well, so assertions name their own ids.
 */
class BatchApplyIT {
  @RegisterExtension static final ProvisionerStack stack = ProvisionerStack.brokerOnly();

  @Test
  void twoCreatesOfOneAddressInOneBatchApplyTheFirstAndRejectTheSecond() throws Exception {
    TestEvents team = TestEvents.forTeam(51);
    var first = team.mailboxCreated(5101, 501, "twin");
    var second = team.mailboxCreated(5102, 501, "twin");
    List<SpecificRecord> events =
        List.of(team.domainCreated(501, "twins.example"), team.domainVerified(501), first, second);
    events.forEach(stack.log()::publish);
    try (TestDatabase testDb = migrated();
        OutcomeNotifications outcomes = new OutcomeNotifications(testDb);
        ConfigurableApplicationContext provisioner = start(testDb, "batch-twins")) {
      outcomes.awaitAll(ids(events));
      Database db = new Database(testDb);

      assertThat(db.rows("select id from mailbox where domain_id = 501"))
          .containsExactly(Map.of("id", 5101L));
      assertThat(
              db.row(
                  "select outcome, rejection_code from audit_event where event_id = ?",
                  eventId(second)))
          .containsEntry("outcome", "rejected")
          .containsEntry("rejection_code", "address_taken");
      assertThat(
              db.count("select count(distinct recorded_at) from audit_event where domain_id = 501"))
          .as("all four in one transaction")
          .isOne();
      for (SpecificRecord event : events) {
        assertThat(outcomes.timesReceived(eventId(event))).isOne();
      }
    }
  }

  @Test
  void
      aBatchMixingAnUndecodableRecordARejectionAndAppliedEventsCommitsTheEventsAndDeadLettersThePoison()
          throws Exception {
    TestEvents team = TestEvents.forTeam(52);
    var domain = team.domainCreated(502, "mixed.example");
    var verified = team.domainVerified(502);
    var anna = team.mailboxCreated(5201, 502, "anna");
    var annaAgain = team.mailboxCreated(5202, 502, "anna");
    var alias = team.aliasCreated(5301, 502, "info", 5201);
    var bob = team.mailboxCreated(5203, 502, "bob");
    byte[] garbage = "mixed: not avro".getBytes(StandardCharsets.UTF_8);
    stack.log().publishAll(domain, verified, anna);
    RecordMetadata poison = stack.log().publishRaw("502", garbage);
    stack.log().publishAll(annaAgain, alias, bob);
    List<SpecificRecord> events = List.of(domain, verified, anna, annaAgain, alias, bob);
    try (TestDatabase testDb = migrated();
        OutcomeNotifications outcomes = new OutcomeNotifications(testDb);
        ConfigurableApplicationContext provisioner = start(testDb, "batch-mixed")) {
      outcomes.awaitAll(ids(events));
      Database db = new Database(testDb);

      assertThat(
              db.rows(
                  "select event_id, outcome, rejection_code from audit_event where domain_id = 502"
                      + " order by kafka_offset"))
          .extracting(r -> r.get("event_id"), r -> r.get("outcome"), r -> r.get("rejection_code"))
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(eventId(domain), "applied", null),
              org.assertj.core.groups.Tuple.tuple(eventId(verified), "applied", null),
              org.assertj.core.groups.Tuple.tuple(eventId(anna), "applied", null),
              org.assertj.core.groups.Tuple.tuple(eventId(annaAgain), "rejected", "address_taken"),
              org.assertj.core.groups.Tuple.tuple(eventId(alias), "applied", null),
              org.assertj.core.groups.Tuple.tuple(eventId(bob), "applied", null));
      assertThat(
              db.count("select count(distinct recorded_at) from audit_event where domain_id = 502"))
          .isOne();
      assertThat(db.rows("select id from mailbox where domain_id = 502 order by id"))
          .containsExactly(Map.of("id", 5201L), Map.of("id", 5203L));
      // the alias saw the mailbox written earlier in the same transaction; its entries are queued
      assertThat(
              db.count("select count(*) from host_entry_outbox where event_id = ?", eventId(alias)))
          .isPositive();
      assertThat(
              db.count(
                  "select count(*) from host_entry_outbox where event_id = ?", eventId(annaAgain)))
          .isZero();
      // (other tests' fresh groups read this record too, and dead-letter it again)
      await().atMost(Duration.ofSeconds(20)).until(() -> !deadLettered(poison).isEmpty());
      ConsumerRecord<String, byte[]> dead = deadLettered(poison).get(0);
      assertThat(dead.value()).isEqualTo(garbage);
      assertThat(header(dead, "kafka_dlt-exception-message"))
          .contains("not an Avro single-object encoded record");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> stack.log().consumedToTheEnd("batch-mixed"));
      for (SpecificRecord event : events) {
        assertThat(outcomes.timesReceived(eventId(event))).isOne();
      }
    }
  }

  @Test
  void
      aBatchWhoseTransactionFailsMidwayIsRetriedAndAppliedOnceWithoutHoldingBackTheRecordsBeforeTheFault()
          throws Exception {
    TestEvents team = TestEvents.forTeam(53);
    var domain = team.domainCreated(503, "fault.example");
    var verified = team.domainVerified(503);
    var before = team.mailboxCreated(5301, 503, "before");
    var faulty = team.mailboxCreated(5302, 503, "faulty");
    var after = team.mailboxCreated(5303, 503, "after");
    List<SpecificRecord> events = List.of(domain, verified, before, faulty, after);
    List<RecordMetadata> positions = events.stream().map(stack.log()::publish).toList();
    RecordMetadata beforeAt = positions.get(2);
    RecordMetadata faultyAt = positions.get(3);
    try (TestDatabase testDb = migrated();
        OutcomeNotifications outcomes = new OutcomeNotifications(testDb)) {
      Database db = new Database(testDb);
      // the database refuses the mailbox "faulty" until the test lifts the fault
      db.execute("create table injected_fault (local_part text primary key)");
      db.execute("insert into injected_fault values ('faulty')");
      db.execute(
          "create function refuse_faulty() returns trigger language plpgsql as $$ begin if exists"
              + " (select 1 from injected_fault f where f.local_part = new.local_part) then raise"
              + " exception 'injected fault for %', new.local_part; end if; return new; end $$");
      db.execute(
          "create trigger refuse_faulty before insert on mailbox for each row execute function"
              + " refuse_faulty()");
      // attempts enough never to give up on it here (PoisonEventsIT covers the give-up)
      try (ConfigurableApplicationContext provisioner =
          Provisioners.start(
              stack.brokers(),
              testDb,
              "batch-fault",
              "poststack.provisioner.retry.attempts=1000")) {
        // the batch failed as a whole, then record by record: what precedes the fault committed
        outcomes.awaitAll(eventId(domain), eventId(verified), eventId(before));
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    stack.log().committedOffset("batch-fault", beforeAt.partition())
                        == faultyAt.offset());
        assertThat(
                db.count(
                    "select count(*) from audit_event where event_id in (?, ?)",
                    eventId(faulty),
                    eventId(after)))
            .isZero();
        Thread.sleep(1000); // a few retries of the failing record
        assertThat(db.count("select count(*) from audit_event where event_id = ?", eventId(faulty)))
            .isZero();
        assertThat(stack.log().committedOffset("batch-fault", faultyAt.partition()))
            .isEqualTo(faultyAt.offset());

        db.execute("delete from injected_fault");
        outcomes.awaitAll(ids(events));
      }
      assertThat(db.rows("select id from mailbox where domain_id = 503 order by id"))
          .containsExactly(Map.of("id", 5301L), Map.of("id", 5302L), Map.of("id", 5303L));
      for (SpecificRecord event : events) {
        assertThat(db.count("select count(*) from audit_event where event_id = ?", eventId(event)))
            .isOne();
        assertThat(
                db.count("select count(*) from processed_event where event_id = ?", eventId(event)))
            .isOne();
        assertThat(outcomes.timesReceived(eventId(event))).isOne();
      }
      assertThat(
              db.count(
                  "select count(*) from audit_event where domain_id = 503 and outcome = 'applied'"))
          .isEqualTo(5);
    }
  }

  private ConfigurableApplicationContext start(TestDatabase db, String group) {
    return Provisioners.start(stack.brokers(), db, group);
  }

  private static TestDatabase migrated() {
    TestDatabase db = TestDatabase.create();
    ProvisionerSchema.migrate(db.jdbcUrl(), db.user(), db.password());
    return db;
  }

  private List<ConsumerRecord<String, byte[]>> deadLettered(RecordMetadata original) {
    return stack.log().deadLetters().stream()
        .filter(
            r ->
                ByteBuffer.wrap(r.headers().lastHeader("kafka_dlt-original-offset").value())
                            .getLong()
                        == original.offset()
                    && ByteBuffer.wrap(
                                r.headers().lastHeader("kafka_dlt-original-partition").value())
                            .getInt()
                        == original.partition())
        .toList();
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static UUID[] ids(List<SpecificRecord> events) {
    return events.stream().map(BatchApplyIT::eventId).toArray(UUID[]::new);
  }

  private static UUID eventId(SpecificRecord event) {
    return Events.envelope(event).getEventId();
  }
}
