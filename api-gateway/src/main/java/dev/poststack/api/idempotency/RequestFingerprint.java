package dev.poststack.api.idempotency;

import dev.poststack.api.http.JsonBody;
import org.springframework.http.server.reactive.ServerHttpRequest;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What "the same request" means for a key: method, path, query and the whole body, password and
 * all, so a retry that changes, leaves out or adds any member is another request. Stored only as a
 * keyed hash under {@link ClientKeys}: a plain hash over a body holding a password would make that
 * password cheap to guess from a table dump; this one cannot be computed without the client's keys.
 */
final class RequestFingerprint {
  // members sorted by name: a client that serialises its retry in another order sends the same body
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

  private RequestFingerprint() {}

  static String of(ServerHttpRequest request, JsonBody body, ClientKeys keys) {
    return keys.fingerprint(
        canonical(
            request.getMethod().name(),
            request.getURI().getRawPath(),
            request.getURI().getRawQuery(),
            body));
  }

  static String canonical(String method, String rawPath, String rawQuery, JsonBody body) {
    return method
        + "\n"
        + rawPath
        + "?"
        + (rawQuery == null ? "" : rawQuery)
        + "\n"
        + JSON.writeValueAsString(body.root());
  }
}
