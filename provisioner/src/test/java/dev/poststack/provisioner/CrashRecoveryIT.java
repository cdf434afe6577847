package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.schemas.Events;
import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A provisioner killed at the two worst moments must end exactly where an uninterrupted one does:
 * same rows, same audit rows and outcomes, each event announced once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryIT {
  @RegisterExtension static final ProvisionerStack stack = ProvisionerStack.brokerOnly();

  private final List<SpecificRecord> sequence = new ArrayList<>();
  private final List<RecordMetadata> positions = new ArrayList<>();
  private String uninterrupted;

  @BeforeAll
  void publishTheSequenceAndRunItUninterrupted() {
    TestEvents a = TestEvents.forTeam(31);
    TestEvents b = TestEvents.forTeam(32);
    sequence.addAll(
        List.of(
            a.domainCreated(301, "crash-a.example"),
            b.domainCreated(302, "crash-b.example"),
            a.domainVerified(301),
            b.domainVerified(302),
            a.mailboxCreated(3001, 301, "anna"),
            b.mailboxCreated(3002, 302, "bob"),
            a.aliasCreated(3101, 301, "info", 3001),
            a.mailboxUpdate(3001, 301).setQuotaBytes(5L << 30).build(),
            b.mailboxCreated(3003, 302, "bob"),
            b.passwordChanged(3002, 302, "{SHA512-CRYPT}$6$new$bmV3"),
            a.mailboxDeleted(3001, 301),
            a.domainDeleted(301)));
    sequence.forEach(event -> positions.add(stack.log().publish(event)));
    try (TestDatabase db = TestDatabase.create()) {
      runToTheEnd(db, "uninterrupted");
      uninterrupted = new Database(db).dump();
    }
    assertThat(uninterrupted).contains("rejected", "address_taken", "applied");
  }

  @Test
  void aProvisionerKilledAfterTheCommitButBeforeTheOffsetCommitDedupesTheRedelivery()
      throws Exception {
    int k = 7; // the quota update, mid-sequence
    UUID target = Events.envelope(sequence.get(k)).getEventId();
    try (TestDatabase db = TestDatabase.create();
        OutcomeNotifications outcomes = migratedAndListening(db)) {
      Process child =
          CrashingProvisioner.start(
              stack.brokers(), db, "killed-after-commit", CrashingProvisioner.HALT_AFTER + target);
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(CrashingProvisioner.HALTED);
      // its effect is committed, its offset is not: the record will come again
      assertThat(
              new Database(db).count("select count(*) from audit_event where event_id = ?", target))
          .isOne();
      assertThat(stack.log().committedOffset("killed-after-commit", positions.get(k).partition()))
          .isLessThanOrEqualTo(positions.get(k).offset());

      runToTheEnd(db, "killed-after-commit");
      assertThat(new Database(db).dump()).isEqualTo(uninterrupted);
      assertThat(outcomes.timesReceived(target)).isOne();
    }
  }

  @Test
  void aProvisionerKilledInsideTheTransactionLeavesNothingAndTheEventIsAppliedOnce()
      throws Exception {
    int k = 9; // the password change, after its mailbox row was written
    UUID target = Events.envelope(sequence.get(k)).getEventId();
    try (TestDatabase db = TestDatabase.create();
        OutcomeNotifications outcomes = migratedAndListening(db);
        Connection holder = db.connect()) {
      try (Statement s = holder.createStatement()) {
        // the target's audit insert waits on a lock this test holds, inside the child's transaction
        s.execute(
            "create function hold_audit() returns trigger language plpgsql as $$ begin"
                + " if new.event_id = '"
                + target
                + "' then perform pg_advisory_xact_lock(4242); end if;"
                + " return new; end $$");
        s.execute(
            "create trigger hold_audit before insert on audit_event for each row"
                + " execute function hold_audit()");
        s.execute("select pg_advisory_lock(4242)");
      }
      Database rows = new Database(db);
      Process child = CrashingProvisioner.start(stack.brokers(), db, "killed-in-transaction");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  rows.count(
                          "select count(*) from pg_locks where locktype = 'advisory' and objid"
                              + " = 4242 and not granted and database = (select oid from"
                              + " pg_database where datname = current_database())")
                      == 1);
      assertThat(
              rows.count(
                  "select count(*) from pg_locks l join pg_class c on c.oid = l.relation where"
                      + " c.relname = 'mailbox' and l.mode = 'RowExclusiveLock' and l.pid = (select"
                      + " w.pid from pg_locks w where w.locktype = 'advisory' and w.objid = 4242"
                      + " and not w.granted and w.database = (select oid from pg_database where"
                      + " datname = current_database()))"))
          .as("the child's open transaction has already written the mailbox row")
          .isOne();
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      try (Statement s = holder.createStatement()) {
        s.execute("select pg_advisory_unlock(4242)");
      }
      // the server notices the dead client and rolls its transaction back
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  rows.count(
                          "select count(*) from pg_stat_activity where datname = current_database()"
                              + " and pid <> pg_backend_pid() and backend_type = 'client backend'"
                              + " and state <> 'idle'")
                      == 0);
      assertThat(rows.count("select count(*) from processed_event where event_id = ?", target))
          .isZero();
      try (Statement s = holder.createStatement()) {
        s.execute("drop trigger hold_audit on audit_event");
        s.execute("drop function hold_audit()");
      }

      runToTheEnd(db, "killed-in-transaction");
      assertThat(rows.dump()).isEqualTo(uninterrupted);
      assertThat(outcomes.timesReceived(target)).isOne();
    }
  }

  /** Runs a fresh in-process provisioner of the group until it has committed every offset. */
  private void runToTheEnd(TestDatabase db, String group) {
    try (ConfigurableApplicationContext provisioner =
        Provisioners.start(stack.brokers(), db, group, CrashingProvisioner.FAST_FAILOVER)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> stack.log().consumedToTheEnd(group));
    }
  }

  private OutcomeNotifications migratedAndListening(TestDatabase db) throws Exception {
    ProvisionerSchema.migrate(db.jdbcUrl(), db.user(), db.password());
    return new OutcomeNotifications(db);
  }
}
