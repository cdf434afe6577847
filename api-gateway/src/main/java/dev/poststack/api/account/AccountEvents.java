package dev.poststack.api.account;

import dev.poststack.api.auth.Caller;
import dev.poststack.schemas.RequestId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a change to the team's own account (API keys, members, webhooks) in {@code account_event}
 * (migration api V13), with the envelope facts a mail-state event carries: who, which request, from
 * where. Called inside the change's own transaction, so the change and its record commit together.
 * {@code changes} never holds a secret: names, permissions, URLs and states only.
 */
@Component
public class AccountEvents {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Every type this records, as {@code GET /events?type=} accepts them. */
  public static final java.util.List<String> TYPES =
      java.util.List.of(
          "ApiKeyCreated",
          "ApiKeyRotated",
          "ApiKeyRevoked",
          "MemberInvited",
          "MemberJoined",
          "MemberRemoved",
          "WebhookCreated",
          "WebhookUpdated",
          "WebhookDeleted",
          "WebhookSecretRotated");

  private final DatabaseClient db;
  private final Clock clock;

  AccountEvents(DatabaseClient db) {
    this.db = db;
    this.clock = Clock.systemUTC();
  }

  /** What changed: field → {from, to}. */
  public static Map<String, Object> change(String field, Object from, Object to) {
    Map<String, Object> change = new LinkedHashMap<>();
    Map<String, Object> fromTo = new LinkedHashMap<>();
    fromTo.put("from", from);
    fromTo.put("to", to);
    change.put(field, fromTo);
    return change;
  }

  public Mono<Void> record(
      Caller caller, RequestId request, String type, Map<String, Object> changes) {
    return record(
        caller.teamId(), caller.actorKind().name(), caller.actorId(), request, type, changes);
  }

  /** For a change made before there is a caller (an invited person accepting). */
  public Mono<Void> record(
      long teamId,
      String actorKind,
      String actorId,
      RequestId request,
      String type,
      Map<String, Object> changes) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("not an account event type: " + type);
    }
    DatabaseClient.GenericExecuteSpec insert =
        db.sql(
                "insert into account_event (event_id, team_id, event_type, occurred_at,"
                    + " actor_kind, actor_id, request_id, client_request_id, source_ip,"
                    + " user_agent, changes) values (:id, :team, :type, :at, :kind, :actor, :req,"
                    + " :client, :ip, :ua, cast(:changes as jsonb))")
            .bind("id", UUID.randomUUID())
            .bind("team", teamId)
            .bind("type", type)
            .bind("at", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
            .bind("kind", actorKind)
            .bind("actor", actorId)
            .bind("req", request.id())
            .bind("changes", JSON.writeValueAsString(changes));
    insert = nullable(insert, "client", request.clientId());
    insert = nullable(insert, "ip", request.origin().sourceIp());
    insert = nullable(insert, "ua", request.origin().userAgent());
    return insert.fetch().rowsUpdated().then();
  }

  private static DatabaseClient.GenericExecuteSpec nullable(
      DatabaseClient.GenericExecuteSpec spec, String name, String value) {
    return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
  }
}
