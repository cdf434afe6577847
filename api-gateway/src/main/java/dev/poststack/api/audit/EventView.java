package dev.poststack.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.poststack.api.http.Timestamps;
import io.r2dbc.spi.Row;
import java.time.Instant;
import java.util.Map;

/**
 * One audit row as the API shows it: who (the key's id and name, never its secret or hash), what,
 * when, from which request and where, with what outcome and which fields changed. The row's {@code
 * details} (the event's own fields) are never shown.
 */
record EventView(
    String id,
    String type,
    String occurredAt,
    Actor actor,
    String requestId,
    String clientRequestId,
    String sourceIp,
    String userAgent,
    Long domainId,
    Long mailboxId,
    Long aliasId,
    String outcome,
    Rejection rejection,
    Map<String, Object> changes) {

  /**
   * {@code api_key} with the key's id and name; {@code member} (signed in to the dashboard) with
   * the member's id and email as its name; {@code operator} or {@code system} with an id.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Actor(String kind, Long keyId, String name, String id) {
    static final String API_KEY = "api_key";
    static final String MEMBER = "member";

    static Actor of(String kind, String actorId, String keyName) {
      if (MEMBER.equals(kind)) {
        return new Actor(kind, null, keyName, actorId);
      }
      if (!API_KEY.equals(kind)) {
        return new Actor(kind, null, null, actorId);
      }
      Long keyId = null;
      try {
        keyId = Long.parseLong(actorId);
      } catch (NumberFormatException e) {
        // an api_key actor's id is always the key's number (Caller.actorId); nothing else to show
      }
      return new Actor(kind, keyId, keyName, null);
    }
  }

  record Rejection(String code, String message) {}

  static EventView of(Row row) {
    String code = row.get("rejection_code", String.class);
    return new EventView(
        row.get("event_id", java.util.UUID.class).toString(),
        row.get("event_type", String.class),
        Timestamps.format(row.get("occurred_at", Instant.class)),
        Actor.of(
            row.get("actor_kind", String.class),
            row.get("actor_id", String.class),
            row.get("key_name", String.class)),
        row.get("request_id", String.class),
        row.get("client_request_id", String.class),
        row.get("source_ip", String.class),
        row.get("user_agent", String.class),
        row.get("domain_id", Long.class),
        row.get("mailbox_id", Long.class),
        row.get("alias_id", Long.class),
        row.get("outcome", String.class),
        code == null ? null : new Rejection(code, row.get("rejection_message", String.class)),
        AuditChanges.parse(row.get("changes", String.class)));
  }
}
