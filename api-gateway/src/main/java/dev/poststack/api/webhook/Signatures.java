package dev.poststack.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-PostStack-Signature} value the official SDK's {@code Webhooks.verify(rawBody,
 * header, secret)} checks: {@code sha256=<lower-case hex HMAC-SHA256(raw body)>} keyed by the
 * secret's UTF-8 bytes, one element per secret, comma-separated (the current secret first, then the
 * previous one while a rotation's grace window is open).
 */
public final class Signatures {
  public static final String HEADER = "X-PostStack-Signature";
  public static final String DELIVERY_HEADER = "X-PostStack-Delivery";
  public static final String EVENT_HEADER = "X-PostStack-Event";

  private Signatures() {}

  public static String header(byte[] body, List<String> secrets) {
    return secrets.stream().map(s -> "sha256=" + hmacHex(body, s)).collect(Collectors.joining(","));
  }

  public static String hmacHex(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
