package dev.poststack.dashboard.webhook;

import tools.jackson.databind.JsonNode;

/** A delivery of a webhook as its page lists it; the payload stays at the API (it may be large). */
record DeliveryRow(
    long id,
    String eventType,
    String state,
    int attempts,
    String createdAt,
    String deliveredAt,
    String nextRetryAt,
    String statusCode,
    String response) {
  // enough of the receiver's answer to tell why it failed; the API keeps 4 KiB
  private static final int RESPONSE_SHOWN = 300;

  static DeliveryRow of(JsonNode d) {
    String response = WebhookRow.text(d.path("responseBody"));
    return new DeliveryRow(
        d.path("id").asLong(),
        WebhookRow.text(d.path("eventType")),
        WebhookRow.text(d.path("state")),
        d.path("attempts").asInt(0),
        WebhookRow.text(d.path("createdAt")),
        WebhookRow.text(d.path("deliveredAt")),
        WebhookRow.text(d.path("nextRetryAt")),
        WebhookRow.text(d.path("statusCode")),
        response.length() > RESPONSE_SHOWN
            ? response.substring(0, RESPONSE_SHOWN) + "…"
            : response);
  }

  public boolean pending() {
    return "pending".equals(state);
  }
}
