package dev.poststack.provisioner.audit;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Parameters;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to {@code audit_event} and announces the outcome on channel {@value #CHANNEL} with the
 * event id as payload. Both happen in the caller's transaction, so the NOTIFY is delivered only
 * once the row it announces is committed and visible.
 */
@Component
public class AuditLog {
  public static final String CHANNEL = "poststack_outcome";

  private final DatabaseClient db;
  private final JsonMapper json = JsonMapper.builder().build();

  public AuditLog(DatabaseClient db) {
    this.db = db;
  }

  public Mono<Void> append(AuditEntry e) {
    Mono<Void> insert = db.sql("insert into audit_event (event_id, event_type, team_id,"
            + " occurred_at, actor_kind, actor_id, request_id, domain_id, mailbox_id, alias_id,"
            + " outcome, rejection_code, rejection_message, kafka_topic, kafka_partition,"
            + " kafka_offset, details) values (:eventId, :eventType, :teamId, :occurredAt,"
            + " :actorKind, :actorId, :requestId, :domainId, :mailboxId, :aliasId, :outcome,"
            + " :code, :message, :topic, :partition, :offset, :details)")
        .bind("eventId", e.eventId())
        .bind("eventType", e.eventType())
        .bind("teamId", e.teamId())
        .bind("occurredAt", e.occurredAt())
        .bind("actorKind", e.actorKind())
        .bind("actorId", e.actorId())
        .bind("requestId", e.requestId())
        .bind("domainId", e.domainId())
        .bind("mailboxId", nullable(e.mailboxId(), Long.class))
        .bind("aliasId", nullable(e.aliasId(), Long.class))
        .bind("outcome", e.outcome())
        .bind("code", nullable(e.rejectionCode(), String.class))
        .bind("message", nullable(e.rejectionMessage(), String.class))
        .bind("topic", e.position().topic())
        .bind("partition", e.position().partition())
        .bind("offset", e.position().offset())
        .bind("details", Json.of(json.writeValueAsString(e.details())))
        .then();
    Mono<Void> notify = db.sql("select pg_notify('" + CHANNEL + "', :payload)")
        .bind("payload", e.eventId().toString()).then();
    return insert.then(notify);
  }

  private static Object nullable(Object value, Class<?> type) {
    return value == null ? Parameters.in(type) : value;
  }
}
