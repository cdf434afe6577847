package dev.poststack.provisioner.app;

import dev.poststack.provisioner.audit.AuditEntry;
import dev.poststack.provisioner.audit.AuditLog;
import dev.poststack.provisioner.audit.KafkaPosition;
import dev.poststack.provisioner.audit.ProcessedEvents;
import dev.poststack.provisioner.host.HostEntryOutbox;
import dev.poststack.provisioner.host.HostEntryPublication;
import dev.poststack.provisioner.rules.Change;
import dev.poststack.provisioner.rules.CreateRun;
import dev.poststack.provisioner.rules.Decision;
import dev.poststack.provisioner.rules.Provisioning;
import dev.poststack.provisioner.rules.Snapshot;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.RejectionCode;
import dev.poststack.values.mailbox.PasswordSchemes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A batch of events, one transaction: claim every event id, then for each event in order load,
 * decide, write and compute the changed objects' host entries; finally append every audit row, put
 * every entry change in the outbox and NOTIFY each event id. Either all of it commits or none of it
 * does; a redelivered event finds its id claimed and changes nothing.
 *
 * <p>Events are applied one after another inside the transaction, so each decision reads the state
 * its predecessors in the batch wrote (two creates of one address: the second is refused). A
 * rejection is a decision, not an error: it is audited and announced like an applied event and does
 * not disturb its neighbours. Audit rows and outbox rows are written at the end because no decision
 * reads them; host entries are computed right after their event's write, from the state as that
 * event left it.
 */
@Component
class EventProcessor {
  private final TransactionalOperator tx;
  private final ProcessedEvents processed;
  private final SnapshotLoader snapshots;
  private final ChangeWriter changes;
  private final HostEntryPublication hostEntries;
  private final HostEntryOutbox outbox;
  private final AuditLog audit;

  private final PasswordSchemes schemes;
  private final RunLoader runs;
  private final boolean createsAsSet;

  EventProcessor(
      TransactionalOperator tx,
      ProcessedEvents processed,
      SnapshotLoader snapshots,
      ChangeWriter changes,
      HostEntryPublication hostEntries,
      HostEntryOutbox outbox,
      AuditLog audit,
      PasswordSchemes schemes,
      RunLoader runs,
      @Value("${poststack.provisioner.creates-as-set:true}") boolean createsAsSet) {
    this.tx = tx;
    this.runs = runs;
    this.createsAsSet = createsAsSet;
    this.schemes = schemes;
    this.processed = processed;
    this.snapshots = snapshots;
    this.changes = changes;
    this.hostEntries = hostEntries;
    this.outbox = outbox;
    this.audit = audit;
  }

  /** One decoded record: the event and where it was read. */
  record Pending(SpecificRecord event, KafkaPosition position) {
    UUID eventId() {
      return Events.envelope(event).getEventId();
    }
  }

  /** The outcomes in the order of {@code events}, once the batch's transaction has committed. */
  Mono<List<RecordOutcome>> processAll(List<Pending> events) {
    Mono<List<RecordOutcome>> batch =
        Mono.defer(
            () -> {
              List<UUID> ids = events.stream().map(Pending::eventId).toList();
              return processed
                  .claimAll(ids)
                  .flatMap(
                      claimed -> {
                        Writes writes = new Writes();
                        return Flux.fromIterable(segments(events, claimed))
                            .concatMap(
                                segment ->
                                    segment.run()
                                        ? applyRun(segment.steps(), writes)
                                        : applyOne(segment.steps().get(0), writes).flux())
                            .collectList()
                            .flatMap(outcomes -> writes.flush().thenReturn(outcomes));
                      });
            });
    return tx.transactional(batch);
  }

  /**
   * One event of the batch: whether it applies here or is a duplicate, because its id was claimed
   * before (a redelivery) or by an earlier record of this batch (a producer retry).
   */
  private record Step(Pending pending, boolean fresh) {
    RecordOutcome duplicate() {
      return RecordOutcome.duplicate(pending.eventId(), EventType.of(pending.event()));
    }
  }

  /** Consecutive steps decided together ({@link CreateRun}), or one step on its own. */
  private record Segment(boolean run, List<Step> steps) {}

  private List<Segment> segments(List<Pending> events, Set<UUID> claimed) {
    Set<UUID> seen = new HashSet<>();
    List<Segment> segments = new ArrayList<>();
    List<Step> run = null;
    for (Pending pending : events) {
      Step step =
          new Step(pending, claimed.contains(pending.eventId()) && seen.add(pending.eventId()));
      boolean create = createsAsSet && step.fresh() && CreateRun.takes(pending.event());
      if (run != null && (create || !step.fresh())) {
        // a duplicate changes nothing, so it does not end a run
        run.add(step);
      } else if (create) {
        run = new ArrayList<>(List.of(step));
        segments.add(new Segment(true, run));
      } else {
        run = null;
        segments.add(new Segment(false, List.of(step)));
      }
    }
    return segments;
  }

  private Mono<RecordOutcome> applyOne(Step step, Writes writes) {
    return step.fresh() ? apply(step.pending(), writes) : Mono.just(step.duplicate());
  }

  /**
   * A run of creates: one set read per kind for the whole run, each event decided in order by the
   * same rules on the state its predecessors left in memory, then one insert per table. The audit
   * and outbox rows are the ones the event-by-event path would write, in the same order.
   */
  private Flux<RecordOutcome> applyRun(List<Step> steps, Writes writes) {
    // an event's bounds are checked once: its refusal decides it and keeps it out of the reads
    List<Optional<Decision>> refusals =
        steps.stream()
            .map(
                step ->
                    step.fresh()
                        ? Provisioning.refusedUnread(step.pending().event(), schemes)
                        : Optional.<Decision>empty())
            .toList();
    List<SpecificRecord> reading = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).fresh() && refusals.get(i).isEmpty()) {
        reading.add(steps.get(i).pending().event());
      }
    }
    return runs.load(CreateRun.Wanted.by(reading))
        .flatMap(
            run -> {
              List<RecordOutcome> outcomes = new ArrayList<>();
              List<Change> saves = new ArrayList<>();
              for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (!step.fresh()) {
                  outcomes.add(step.duplicate());
                  continue;
                }
                Pending pending = step.pending();
                SpecificRecord event = pending.event();
                Optional<Decision> refused = refusals.get(i);
                Snapshot before =
                    refused.isPresent() ? Snapshot.builder().build() : run.snapshotFor(event);
                Decision decision = refused.orElseGet(() -> Provisioning.apply(before, event));
                run.record(decision);
                if (decision instanceof Decision.Applied applied) {
                  saves.addAll(applied.changes());
                }
                writes.outboxRows.addAll(
                    HostEntryPublication.rowsFor(
                        decision, pending.eventId(), run::mailbox, run::liveAliasesTo));
                outcomes.add(audited(pending, before, decision, writes));
              }
              return changes.writeAll(saves).thenReturn(outcomes);
            })
        .flatMapIterable(outcomes -> outcomes);
  }

  /**
   * Records, in a transaction of its own, that the provisioner gave up on an event it could not
   * apply: its id is claimed and it is audited as rejected with {@code code}, like any refusal, so
   * the API's waiter gets an answer and a redelivery is a duplicate. The database's failure to do
   * even this fails the returned Mono: the event is then retried, never skipped.
   */
  Mono<RecordOutcome> refuse(Pending pending, RejectionCode code, String message) {
    UUID eventId = pending.eventId();
    EventType type = EventType.of(pending.event());
    Decision refusal = Decision.rejected(code, message);
    Mono<RecordOutcome> refused =
        processed
            .claimAll(List.of(eventId))
            .flatMap(
                claimed ->
                    claimed.contains(eventId)
                        ? audit
                            .appendAll(
                                List.of(
                                    AuditEntry.of(
                                        pending.event(),
                                        Snapshot.builder().build(),
                                        refusal,
                                        pending.position())))
                            .thenReturn(RecordOutcome.of(eventId, type, refusal))
                        : Mono.just(RecordOutcome.duplicate(eventId, type)));
    return tx.transactional(refused);
  }

  private Mono<RecordOutcome> apply(Pending pending, Writes writes) {
    SpecificRecord event = pending.event();
    UUID eventId = pending.eventId();
    return decideFrom(event)
        .flatMap(
            decided ->
                changes
                    .write(decided.decision())
                    .then(hostEntries.rowsFor(decided.decision(), eventId))
                    .map(
                        rows -> {
                          writes.outboxRows.addAll(rows);
                          return audited(pending, decided.before(), decided.decision(), writes);
                        }));
  }

  /** Adds the event's audit rows (one per team it touched) and answers its outcome. */
  private static RecordOutcome audited(
      Pending pending, Snapshot before, Decision decision, Writes writes) {
    SpecificRecord event = pending.event();
    writes.auditEntries.add(AuditEntry.of(event, before, decision, pending.position()));
    writes.auditEntries.addAll(
        AuditEntry.forOtherTeams(event, before, decision, pending.position()));
    return RecordOutcome.of(pending.eventId(), EventType.of(event), decision);
  }

  /**
   * Load what the event's rule reads, then decide: the one path from an event to its decision, in
   * the caller's transaction. Rule tests run it too, so their state is what production loads.
   */
  Mono<Decision> decide(SpecificRecord event) {
    return decideFrom(event).map(Decided::decision);
  }

  /**
   * The decision and the rows it was made from: the audit shows what changed between those rows and
   * the ones the decision saves. An event refused before any read was decided from nothing.
   */
  private Mono<Decided> decideFrom(SpecificRecord event) {
    return Provisioning.refusedUnread(event, schemes)
        .map(refusal -> Mono.just(new Decided(Snapshot.builder().build(), refusal)))
        .orElseGet(
            () ->
                snapshots
                    .load(event)
                    .map(current -> new Decided(current, Provisioning.apply(current, event))));
  }

  private record Decided(Snapshot before, Decision decision) {}

  /** What the batch writes after its last event: no decision of the batch reads these tables. */
  private final class Writes {
    final List<HostEntryOutbox.Row> outboxRows = new ArrayList<>();
    final List<AuditEntry> auditEntries = new ArrayList<>();

    Mono<Void> flush() {
      return outbox.enqueueAll(outboxRows).then(audit.appendAll(auditEntries));
    }
  }
}
