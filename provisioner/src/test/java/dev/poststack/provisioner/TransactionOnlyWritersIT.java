package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.provisioner.app.ApplyRig;
import dev.poststack.provisioner.audit.AuditEntry;
import dev.poststack.provisioner.audit.AuditLog;
import dev.poststack.provisioner.audit.KafkaPosition;
import dev.poststack.provisioner.audit.ProcessedEvents;
import dev.poststack.provisioner.host.HostEntryOutbox;
import dev.poststack.provisioner.rules.Decision;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.transaction.IllegalTransactionStateException;
import reactor.core.publisher.Mono;

/**
 * The dedupe claim, the outbox and the audit log only mean something beside the state change they
 * belong to, so outside a transaction they refuse and write nothing (like TxType.MANDATORY).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionOnlyWritersIT {
  private ApplyRig rig;
  private Database db;
  private ProcessedEvents processed;
  private HostEntryOutbox outbox;
  private AuditLog audit;

  @BeforeAll
  void start() {
    TestDatabase testDb = TestDatabase.create();
    rig = ApplyRig.on(testDb);
    db = new Database(testDb);
    processed = new ProcessedEvents(rig.client());
    outbox = new HostEntryOutbox(rig.client());
    audit = new AuditLog(rig.client());
  }

  @AfterAll
  void stop() {
    rig.close();
  }

  @Test
  void theDedupeClaimRefusesToRunOutsideATransaction() {
    refusedOutsideAndWrittenInside(
        () -> processed.claimAll(List.of(UUID.randomUUID())),
        "select count(*) from processed_event");
  }

  @Test
  void theOutboxRefusesToRunOutsideATransaction() {
    EntryChange removal = new EntryChange.Remove(EntryKey.parse("domain:tx.example"));
    refusedOutsideAndWrittenInside(
        () -> outbox.enqueue(List.of(removal), null), "select count(*) from host_entry_outbox");
  }

  @Test
  void theAuditLogRefusesToRunOutsideATransaction() {
    var event = TestEvents.forTeam(7).domainCreated(1, "tx.example");
    AuditEntry entry =
        AuditEntry.of(
            event,
            dev.poststack.provisioner.rules.Snapshot.builder().build(),
            Decision.applied(),
            new KafkaPosition("t", 0, 0));
    refusedOutsideAndWrittenInside(
        () -> audit.appendAll(List.of(entry)), "select count(*) from audit_event");
  }

  private void refusedOutsideAndWrittenInside(Supplier<Mono<?>> write, String countSql) {
    assertThatThrownBy(() -> write.get().block())
        .isInstanceOf(IllegalTransactionStateException.class)
        .hasMessageContaining("only inside the transaction");
    assertThat(db.count(countSql)).as("nothing written").isZero();

    rig.tx().transactional(write.get()).block();
    assertThat(db.count(countSql)).as("written in a transaction").isOne();
  }
}
