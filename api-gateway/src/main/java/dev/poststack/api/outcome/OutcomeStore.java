package dev.poststack.api.outcome;

import dev.poststack.controlplane.outcome.AuditOutcomes;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads outcomes from the provisioner's audit log, and the API's own list of 202-answered events.
 */
@Component
class OutcomeStore {
  private final DatabaseClient db;

  public OutcomeStore(DatabaseClient db) {
    this.db = db;
  }

  /** The decided outcome, or empty while the provisioner has not applied the event. */
  public Mono<Outcome> find(UUID eventId) {
    return db.sql(AuditOutcomes.BY_EVENT_ID)
        .bind("id", eventId)
        .map(
            row ->
                AuditOutcomes.applied(row.get("outcome", String.class))
                    ? (Outcome) new Outcome.Applied(eventId)
                    : new Outcome.Rejected(
                        eventId,
                        row.get("rejection_code", String.class),
                        row.get("rejection_message", String.class)))
        .one();
  }

  /** Team-scoped: another team's event id reads as unknown. */
  public Mono<Outcome> findForTeam(long teamId, UUID eventId) {
    Mono<Outcome> decided =
        db.sql("select 1 from audit_event where event_id = :id and team_id = :team")
            .bind("id", eventId)
            .bind("team", teamId)
            .map(row -> 1)
            .one()
            .flatMap(found -> find(eventId));
    Mono<Outcome> pending =
        db.sql("select 1 from pending_operation where event_id = :id and team_id = :team")
            .bind("id", eventId)
            .bind("team", teamId)
            .map(row -> (Outcome) new Outcome.Pending(eventId))
            .one();
    return decided.switchIfEmpty(pending);
  }

  public Mono<Void> rememberPending(long teamId, UUID eventId) {
    return db.sql(
            "insert into pending_operation (event_id, team_id) values (:id, :team) on conflict do"
                + " nothing")
        .bind("id", eventId)
        .bind("team", teamId)
        .fetch()
        .rowsUpdated()
        .then();
  }
}
