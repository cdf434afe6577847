package dev.poststack.dashboard.webhook;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A webhook as the pages show it. The API says {@code active} (switched on and not disabled after
 * failures) and {@code disabledAt}; a webhook that is not active without {@code disabledAt} was
 * switched off by someone.
 */
record WebhookRow(
    long id,
    String url,
    List<String> events,
    boolean active,
    boolean includeBodies,
    String createdAt,
    String secretRotatedAt,
    String previousSecretExpiresAt,
    int consecutiveFailures,
    String disabledAt,
    String disabledReason,
    String lastDeliveryAt,
    String lastDeliveryStatus) {

  static WebhookRow of(JsonNode w) {
    List<String> events = new ArrayList<>();
    w.path("events").forEach(e -> events.add(e.asString("")));
    return new WebhookRow(
        w.path("id").asLong(),
        w.path("url").asString(""),
        events,
        w.path("active").asBoolean(false),
        w.path("includeBodies").asBoolean(false),
        text(w.path("createdAt")),
        text(w.path("secretRotatedAt")),
        text(w.path("previousSecretExpiresAt")),
        w.path("consecutiveFailures").asInt(0),
        text(w.path("disabledAt")),
        text(w.path("disabledReason")),
        text(w.path("lastDeliveryAt")),
        text(w.path("lastDeliveryStatus")));
  }

  /** What the status badge says. */
  public String status() {
    if (active) {
      return "active";
    }
    return disabledAt.isEmpty() ? "off" : "disabled";
  }

  /** Why it is not sending, when the API disabled it after failures. */
  public String statusReason() {
    if (active || disabledAt.isEmpty()) {
      return "";
    }
    return disabledReason.isEmpty() ? "disabled after failed deliveries" : disabledReason;
  }

  static String text(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() ? "" : n.asString("");
  }
}
