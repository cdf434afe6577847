package dev.poststack.provisioner.audit;

import dev.poststack.provisioner.tx.MandatoryTransaction;
import dev.poststack.schemas.Channels;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to {@code audit_event} and announces the outcome on channel {@value #CHANNEL} with the
 * event id as payload. Both happen in the caller's transaction, so the NOTIFY is delivered only
 * once the row it announces is committed and visible. Refuses to run outside a transaction: an
 * outcome must never be announced apart from the change it reports.
 */
@Component
public class AuditLog {
  public static final String CHANNEL = Channels.OUTCOME;

  private final DatabaseClient db;
  private final JsonMapper json = JsonMapper.builder().build();

  public AuditLog(DatabaseClient db) {
    this.db = db;
  }

  /**
   * All of a batch's rows in one statement, in the given order, and one NOTIFY per event id (the
   * payload), in the caller's transaction.
   */
  public Mono<Void> appendAll(List<AuditEntry> entries) {
    return MandatoryTransaction.require("the audit log", Mono.defer(() -> append(entries)));
  }

  private Mono<Void> append(List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return Mono.empty();
    }
    int n = entries.size();
    String[] eventIds = new String[n];
    String[] eventTypes = new String[n];
    Long[] teamIds = new Long[n];
    String[] occurredAt = new String[n];
    String[] actorKinds = new String[n];
    String[] actorIds = new String[n];
    String[] requestIds = new String[n];
    String[] clientRequestIds = new String[n];
    String[] sourceIps = new String[n];
    String[] userAgents = new String[n];
    Long[] domainIds = new Long[n];
    Long[] mailboxIds = new Long[n];
    Long[] aliasIds = new Long[n];
    String[] outcomes = new String[n];
    String[] codes = new String[n];
    String[] messages = new String[n];
    String[] topics = new String[n];
    Integer[] partitions = new Integer[n];
    Long[] offsets = new Long[n];
    String[] details = new String[n];
    String[] changes = new String[n];
    for (int i = 0; i < n; i++) {
      AuditEntry e = entries.get(i);
      eventIds[i] = e.eventId().toString();
      eventTypes[i] = e.eventType();
      teamIds[i] = e.teamId();
      occurredAt[i] = e.occurredAt().toString();
      actorKinds[i] = e.actorKind();
      actorIds[i] = e.actorId();
      requestIds[i] = e.requestId();
      clientRequestIds[i] = e.clientRequestId();
      sourceIps[i] = e.sourceIp();
      userAgents[i] = e.userAgent();
      domainIds[i] = e.domainId();
      mailboxIds[i] = e.mailboxId();
      aliasIds[i] = e.aliasId();
      outcomes[i] = e.outcome();
      codes[i] = e.rejectionCode();
      messages[i] = e.rejectionMessage();
      topics[i] = e.position().topic();
      partitions[i] = e.position().partition();
      offsets[i] = e.position().offset();
      details[i] = json.writeValueAsString(e.details());
      changes[i] = json.writeValueAsString(e.changes());
    }
    // the insert runs in full before the select returns; one NOTIFY per inserted row
    return db.sql(
            "with inserted as (insert into audit_event (event_id, event_type, team_id, occurred_at,"
                + " actor_kind, actor_id, request_id, client_request_id, source_ip, user_agent,"
                + " domain_id, mailbox_id, alias_id, outcome, rejection_code, rejection_message,"
                + " kafka_topic, kafka_partition, kafka_offset, details, changes) select"
                + " u.event_id::uuid, u.event_type, u.team_id, u.occurred_at::timestamptz,"
                + " u.actor_kind, u.actor_id, u.request_id, u.client_request_id, u.source_ip,"
                + " u.user_agent, u.domain_id, u.mailbox_id, u.alias_id, u.outcome, u.code,"
                + " u.message, u.topic, u.part, u.off, u.details::jsonb, u.changes::jsonb from"
                + " unnest(:eventIds::text[], :eventTypes::text[], :teamIds::int8[],"
                + " :occurredAt::text[], :actorKinds::text[], :actorIds::text[],"
                + " :requestIds::text[], :clientRequestIds::text[], :sourceIps::text[],"
                + " :userAgents::text[], :domainIds::int8[], :mailboxIds::int8[],"
                + " :aliasIds::int8[], :outcomes::text[], :codes::text[], :messages::text[],"
                + " :topics::text[], :partitions::int4[], :offsets::int8[], :details::text[],"
                + " :changes::text[]) with ordinality as u(event_id, event_type, team_id,"
                + " occurred_at, actor_kind, actor_id, request_id, client_request_id, source_ip,"
                + " user_agent, domain_id, mailbox_id, alias_id, outcome, code, message, topic,"
                + " part, off, details, changes, n) order by u.n returning event_id) select"
                + " pg_notify('"
                + CHANNEL
                + "', event_id::text) from inserted")
        .bind("eventIds", eventIds)
        .bind("eventTypes", eventTypes)
        .bind("teamIds", teamIds)
        .bind("occurredAt", occurredAt)
        .bind("actorKinds", actorKinds)
        .bind("actorIds", actorIds)
        .bind("requestIds", requestIds)
        .bind("clientRequestIds", clientRequestIds)
        .bind("sourceIps", sourceIps)
        .bind("userAgents", userAgents)
        .bind("domainIds", domainIds)
        .bind("mailboxIds", mailboxIds)
        .bind("aliasIds", aliasIds)
        .bind("outcomes", outcomes)
        .bind("codes", codes)
        .bind("messages", messages)
        .bind("topics", topics)
        .bind("partitions", partitions)
        .bind("offsets", offsets)
        .bind("details", details)
        .bind("changes", changes)
        .then();
  }
}
