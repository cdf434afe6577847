package dev.poststack.api.idempotency;

import dev.poststack.api.http.JsonBody;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.http.server.reactive.ServerHttpRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What "the same request" means for a key: method, path, query and the body without its password. A
 * fast hash over a body holding a password would make that password cheap to guess from a table
 * dump; the password is compared against the stored crypt hash instead.
 */
final class RequestFingerprint {
  static final String SECRET_MEMBER = "password";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RequestFingerprint() {}

  static String of(ServerHttpRequest request, JsonBody body) {
    ObjectNode withoutSecret = ((ObjectNode) body.root()).deepCopy();
    withoutSecret.remove(SECRET_MEMBER);
    String canonical =
        request.getMethod().name()
            + "\n"
            + request.getURI().getRawPath()
            + "?"
            + (request.getURI().getRawQuery() == null ? "" : request.getURI().getRawQuery())
            + "\n"
            + JSON.writeValueAsString(withoutSecret);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String secretOf(JsonBody body) {
    var node = body.root().get(SECRET_MEMBER);
    return node != null && node.isString() ? node.stringValue() : null;
  }
}
