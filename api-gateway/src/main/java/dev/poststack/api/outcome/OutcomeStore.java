package dev.poststack.api.outcome;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.Purge;
import dev.poststack.controlplane.outcome.AuditOutcomes;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads outcomes from the provisioner's audit log, and the API's own list of 202-answered events.
 */
@Component
class OutcomeStore implements Purge {
  private final DatabaseClient db;
  private final Duration pendingRetention;

  public OutcomeStore(DatabaseClient db, ApiProperties properties) {
    this.db = db;
    this.pendingRetention = properties.pendingOperationRetention();
  }

  @Override
  public String name() {
    return "pending operation";
  }

  /**
   * Rows whose event was decided (the audit log answers for it now) and rows past {@code
   * poststack.pending-operation-retention} (an event the provisioner never decided).
   */
  @Override
  public Mono<Long> purge() {
    return db.sql(
            "delete from pending_operation p"
                + " where p.created_at < now() - make_interval(secs => :retention)"
                + " or exists (select 1 from audit_event a where a.event_id = p.event_id)")
        .bind("retention", (double) pendingRetention.toSeconds())
        .fetch()
        .rowsUpdated();
  }

  /** The decided outcome, or empty while the provisioner has not applied the event. */
  public Mono<Outcome> find(UUID eventId) {
    return db.sql(AuditOutcomes.BY_EVENT_ID)
        .bind("id", eventId)
        .map(row -> outcome(eventId, row))
        .one();
  }

  /** The decided outcomes among these events (at most one query for any number of them). */
  public Flux<Outcome> findAll(Collection<UUID> eventIds) {
    return db.sql(
            "select event_id, outcome, rejection_code, rejection_message from audit_event"
                + " where event_id = any(:ids)")
        .bind("ids", eventIds.toArray(UUID[]::new))
        .map(row -> outcome(row.get("event_id", UUID.class), row))
        .all();
  }

  /** An audit row's outcome columns as what became of the event. */
  private static Outcome outcome(UUID eventId, Readable row) {
    return AuditOutcomes.applied(row.get("outcome", String.class))
        ? new Outcome.Applied(eventId)
        : new Outcome.Rejected(
            eventId,
            row.get("rejection_code", String.class),
            row.get("rejection_message", String.class));
  }

  /** Many events answered pending at once, each with its domain: one statement. */
  Mono<Void> rememberPendingAll(long teamId, List<Long> domainIds, List<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Mono.empty();
    }
    return db.sql(
            "insert into pending_operation (event_id, team_id, domain_id)"
                + " select e, :team, d from unnest(:events, :domains) as t(e, d)"
                + " on conflict do nothing")
        .bind("events", eventIds.toArray(UUID[]::new))
        .bind("team", teamId)
        .bind("domains", domainIds.toArray(Long[]::new))
        .fetch()
        .rowsUpdated()
        .then();
  }

  /** An outcome and the domain its event concerns (null only for pending rows from before V2). */
  record Scoped(Outcome outcome, Long domainId) {}

  /** Team-scoped: another team's event id reads as unknown. */
  Mono<Scoped> findForTeam(long teamId, UUID eventId) {
    Mono<Scoped> decided =
        db.sql("select domain_id from audit_event where event_id = :id and team_id = :team")
            .bind("id", eventId)
            .bind("team", teamId)
            .map(row -> row.get("domain_id", Long.class))
            .one()
            .flatMap(domain -> find(eventId).map(outcome -> new Scoped(outcome, domain)));
    Mono<Scoped> pending =
        db.sql("select domain_id from pending_operation where event_id = :id and team_id = :team")
            .bind("id", eventId)
            .bind("team", teamId)
            .map(row -> new Scoped(new Outcome.Pending(eventId), row.get("domain_id", Long.class)))
            .one();
    return decided.switchIfEmpty(pending);
  }

  Mono<Void> rememberPending(long teamId, long domainId, UUID eventId) {
    return db.sql(
            "insert into pending_operation (event_id, team_id, domain_id)"
                + " values (:id, :team, :domain) on conflict do nothing")
        .bind("id", eventId)
        .bind("team", teamId)
        .bind("domain", domainId)
        .fetch()
        .rowsUpdated()
        .then();
  }
}
