package dev.poststack.api.host;

import dev.poststack.api.auth.BearerToken;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The operator's credential for the host registry: {@code Authorization: Bearer <token>} with the
 * token of {@code POSTSTACK_OPERATOR_TOKEN}. Compared as SHA-256 digests with {@link
 * MessageDigest#isEqual} (constant time, whatever the lengths). Unset: the operator endpoints
 * answer 404, as if they did not exist. A team key is just a wrong token: 401 with the same words,
 * so it learns nothing, and it is never looked up as a key.
 */
@Component
class OperatorToken {
  private final byte[] expected;

  OperatorToken(ApiProperties properties) {
    String token = properties.operatorToken();
    this.expected = token == null || token.isBlank() ? null : sha256(token.strip());
  }

  void require(ServerWebExchange exchange) {
    if (expected == null) {
      throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "not found");
    }
    String presented = BearerToken.of(exchange);
    if (presented == null || !MessageDigest.isEqual(expected, sha256(presented))) {
      throw ApiException.unauthorized(
          "operator token required: send Authorization: Bearer <token>");
    }
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
