package dev.poststack.api.webhook;

import dev.poststack.api.http.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body a delivery POSTs, built the same way for sending and for showing ({@code payload}
 * in the deliveries list): {@code {"id", "event", "createdAt", "data"}}. {@code data} is stored as
 * the JSON text it was built as, so the bytes signed are the bytes shown.
 */
public final class DeliveryBody {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DeliveryBody() {}

  public static byte[] render(long id, String eventType, Instant createdAt, String dataJson) {
    String text =
        "{\"id\":"
            + id
            + ",\"event\":"
            + JSON.writeValueAsString(eventType)
            + ",\"createdAt\":"
            + JSON.writeValueAsString(Timestamps.format(createdAt))
            + ",\"data\":"
            + dataJson
            + "}";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code data} as JSON text (member order as given). */
  public static String data(Object value) {
    return JSON.writeValueAsString(value);
  }
}
