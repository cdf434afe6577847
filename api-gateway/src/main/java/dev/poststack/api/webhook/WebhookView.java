package dev.poststack.api.webhook;

import dev.poststack.api.http.Timestamps;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook object as the SDK 0.14 reads it: {@code id, url, events, active, createdAt,
 * secretRotatedAt, previousSecretExpiresAt, consecutiveFailures, disabledAt, disabledReason}, our
 * {@code includeBodies}, and in lists {@code lastDeliveryAt, lastDeliveryStatus}. Never a secret.
 */
final class WebhookView {
  static final String COLUMNS =
      "w.id, w.url, w.events, w.include_bodies, w.enabled, w.created_at, w.secret_rotated_at,"
          + " w.previous_secret_expires_at, w.consecutive_failures, w.disabled_at,"
          + " w.disabled_reason";

  private WebhookView() {}

  static Map<String, Object> of(Readable row, boolean withLastDelivery) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", row.get("id", Long.class));
    v.put("url", row.get("url", String.class));
    v.put("events", List.of(row.get("events", String[].class)));
    boolean enabled = Boolean.TRUE.equals(row.get("enabled", Boolean.class));
    Instant disabledAt = instant(row, "disabled_at");
    v.put("active", enabled && disabledAt == null);
    v.put("includeBodies", row.get("include_bodies", Boolean.class));
    v.put("createdAt", Timestamps.format(instant(row, "created_at")));
    v.put("secretRotatedAt", Timestamps.format(instant(row, "secret_rotated_at")));
    Instant previousExpires = instant(row, "previous_secret_expires_at");
    // null once the window lapsed: the SDK reads a set value as "both secrets sign now"
    v.put(
        "previousSecretExpiresAt",
        previousExpires != null && previousExpires.isAfter(Instant.now())
            ? Timestamps.format(previousExpires)
            : null);
    v.put("consecutiveFailures", row.get("consecutive_failures", Integer.class));
    v.put("disabledAt", Timestamps.format(disabledAt));
    v.put("disabledReason", row.get("disabled_reason", String.class));
    if (withLastDelivery) {
      v.put("lastDeliveryAt", Timestamps.format(instant(row, "last_delivery_at")));
      v.put("lastDeliveryStatus", row.get("last_delivery_status", Integer.class));
    }
    return v;
  }

  static Instant instant(Readable row, String column) {
    OffsetDateTime t = row.get(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
