package dev.poststack.dashboard.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One audit event of a mailbox as its history table shows it: what happened, when, who did it (the
 * member's email, the API key's name, the operator or the system), from where, and what changed (a
 * password only ever as "changed": the API never shows more).
 */
public record HistoryRow(
    String type, String when, String actor, String from, String outcome, String changes) {

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("MailboxCreated", "Created"),
          Map.entry("MailboxUpdated", "Updated"),
          Map.entry("PasswordChanged", "Password changed"),
          Map.entry("MailboxDeleted", "Deleted"),
          Map.entry("AliasCreated", "Alias created"),
          Map.entry("AliasDeleted", "Alias deleted"),
          Map.entry("DomainCreated", "Domain added"),
          Map.entry("DomainUpdated", "Domain updated"),
          Map.entry("DomainDeleted", "Domain removed"),
          Map.entry("ApiKeyCreated", "API key created"),
          Map.entry("ApiKeyRotated", "API key rotated"),
          Map.entry("ApiKeyRevoked", "API key revoked"),
          Map.entry("MemberInvited", "Member invited"),
          Map.entry("MemberJoined", "Member joined"),
          Map.entry("MemberRemoved", "Member removed"),
          Map.entry("WebhookCreated", "Webhook created"),
          Map.entry("WebhookUpdated", "Webhook updated"),
          Map.entry("WebhookDeleted", "Webhook deleted"),
          Map.entry("WebhookSecretRotated", "Webhook secret changed"));

  public static HistoryRow of(JsonNode e) {
    String type = e.path("type").asString();
    String outcome =
        "applied".equals(e.path("outcome").asString())
            ? "applied"
            : "refused: " + e.path("rejection").path("message").asString("");
    return new HistoryRow(
        type,
        MailboxRow.when(e.path("occurredAt").asString(""), ""),
        actor(e.path("actor")),
        from(e),
        outcome,
        changes(e.path("changes")));
  }

  /** The event type as a person says it, kept in the table's data for tests and scripts. */
  public String label() {
    return TYPES.getOrDefault(type, type);
  }

  static String actor(JsonNode a) {
    String kind = a.path("kind").asString("");
    String name = a.path("name").asString("");
    return switch (kind) {
      case "member" -> name.isEmpty() ? "member #" + a.path("id").asString("") : name;
      case "api_key" ->
          "API key " + (name.isEmpty() ? "#" + a.path("keyId").asString("") : "“" + name + "”");
      case "operator" -> "operator";
      case "system" -> "PostStack (automatic)";
      default -> kind;
    };
  }

  static String from(JsonNode e) {
    String ip = e.path("sourceIp").asString("");
    String agent = e.path("userAgent").asString("");
    if (agent.length() > 60) {
      agent = agent.substring(0, 57) + "…";
    }
    if (ip.isEmpty()) {
      return agent;
    }
    return agent.isEmpty() ? ip : ip + " · " + agent;
  }

  static String changes(JsonNode c) {
    if (c.isMissingNode() || c.isNull()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (var field : c.properties()) {
      JsonNode v = field.getValue();
      if (v.isObject()) {
        parts.add(field.getKey() + ": " + show(v.path("from")) + " → " + show(v.path("to")));
      } else {
        parts.add(field.getKey() + ": " + show(v));
      }
    }
    return String.join("; ", parts);
  }

  private static String show(JsonNode v) {
    return v.isMissingNode() || v.isNull() ? "—" : v.isString() ? v.asString() : v.toString();
  }
}
