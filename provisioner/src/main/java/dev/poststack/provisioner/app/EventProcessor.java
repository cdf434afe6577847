package dev.poststack.provisioner.app;

import dev.poststack.provisioner.Decision;
import dev.poststack.provisioner.Provisioning;
import dev.poststack.provisioner.audit.AuditEntry;
import dev.poststack.provisioner.audit.AuditLog;
import dev.poststack.provisioner.audit.KafkaPosition;
import dev.poststack.provisioner.audit.ProcessedEvents;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.Events;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * One event, one transaction: claim the event id, load, decide, write, audit, NOTIFY. Either all
 * of it commits or none of it does; a redelivered event finds its id claimed and changes nothing.
 */
@Component
class EventProcessor {
  private final TransactionalOperator tx;
  private final ProcessedEvents processed;
  private final SnapshotLoader snapshots;
  private final ChangeWriter changes;
  private final AuditLog audit;

  EventProcessor(TransactionalOperator tx, ProcessedEvents processed, SnapshotLoader snapshots,
      ChangeWriter changes, AuditLog audit) {
    this.tx = tx;
    this.processed = processed;
    this.snapshots = snapshots;
    this.changes = changes;
    this.audit = audit;
  }

  Mono<Outcome> process(SpecificRecord event, KafkaPosition position) {
    UUID eventId = Events.envelope(event).getEventId();
    EventType type = EventType.of(event);
    Mono<Outcome> once = processed.claim(eventId)
        .flatMap(claimed -> claimed
            ? applyAndAudit(event, position)
            : Mono.just(Outcome.duplicate(eventId, type)));
    return tx.transactional(once);
  }

  private Mono<Outcome> applyAndAudit(SpecificRecord event, KafkaPosition position) {
    UUID eventId = Events.envelope(event).getEventId();
    return snapshots.load(event).flatMap(current -> {
      Decision decision = Provisioning.apply(current, event);
      return changes.write(decision)
          .then(audit.append(AuditEntry.of(event, decision, position)))
          .thenReturn(Outcome.of(eventId, EventType.of(event), decision));
    });
  }
}
