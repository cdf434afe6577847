package dev.poststack.api.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.poststack.api.http.Timestamps;
import dev.poststack.controlplane.apikey.ApiKeySecret;
import io.r2dbc.spi.Row;
import java.time.Instant;

/** A key as the SDK reads it; {@code key} (the plaintext) only in the create and rotate answers. */
public record ApiKeyView(
    long id,
    String name,
    String keyPrefix,
    String permission,
    String mode,
    Long domainId,
    String lastUsedAt,
    String createdAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

  static ApiKeyView of(Row row) {
    return new ApiKeyView(
        row.get("id", Long.class),
        row.get("name", String.class),
        row.get("key_prefix", String.class),
        row.get("permission", String.class),
        row.get("mode", String.class),
        row.get("domain_id", Long.class),
        Timestamps.format(row.get("last_used_at", Instant.class)),
        Timestamps.format(row.get("created_at", Instant.class)),
        null);
  }

  ApiKeyView withSecret(ApiKeySecret secret) {
    return new ApiKeyView(
        id, name, keyPrefix, permission, mode, domainId, lastUsedAt, createdAt, secret.plaintext());
  }

  ApiKeyView withoutSecret() {
    return new ApiKeyView(
        id, name, keyPrefix, permission, mode, domainId, lastUsedAt, createdAt, null);
  }

  @Override
  public String toString() {
    return "ApiKeyView[" + id + ", " + keyPrefix + "…]";
  }
}
