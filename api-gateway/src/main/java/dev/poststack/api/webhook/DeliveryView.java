package dev.poststack.api.webhook;

import dev.poststack.api.http.Timestamps;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delivery as {@code getDeliveries()} reads it: {@code id, webhookId, eventType, payload (the
 * body POSTed), statusCode, responseBody, attempts, nextRetryAt, deliveredAt, createdAt}, plus our
 * {@code state} (pending | delivered | failed), which the SDK derives from the others.
 */
final class DeliveryView {
  static final String COLUMNS =
      "id, webhook_id, event_type, data, state, attempts, next_attempt_at, status_code,"
          + " response_body, delivered_at, created_at";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DeliveryView() {}

  static Map<String, Object> of(Readable row) {
    long id = row.get("id", Long.class);
    String type = row.get("event_type", String.class);
    Instant created = WebhookView.instant(row, "created_at");
    String state = row.get("state", String.class);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("webhookId", row.get("webhook_id", Long.class));
    v.put("eventType", type);
    v.put(
        "payload",
        JSON.readTree(DeliveryBody.render(id, type, created, row.get("data", String.class))));
    v.put("statusCode", row.get("status_code", Integer.class));
    v.put("responseBody", row.get("response_body", String.class));
    v.put("attempts", row.get("attempts", Integer.class));
    v.put(
        "nextRetryAt",
        "pending".equals(state)
            ? Timestamps.format(WebhookView.instant(row, "next_attempt_at"))
            : null);
    v.put("deliveredAt", Timestamps.format(WebhookView.instant(row, "delivered_at")));
    v.put("createdAt", Timestamps.format(created));
    v.put("state", state);
    return v;
  }
}
