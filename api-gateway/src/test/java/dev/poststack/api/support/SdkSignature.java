package dev.poststack.api.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The official SDK's {@code Webhooks.verify(rawBody, header, secret)} (0.14.0,
 * src/resources/webhooks.ts), reproduced from its source: split the header on commas, keep the
 * trimmed elements that start with {@code sha256=} and whose rest is non-empty, even-length,
 * lower-cased hex; HMAC-SHA256 the body's UTF-8 with the secret's UTF-8 as key, as lower-case hex;
 * true when it equals any kept element (compared in constant time); false for no element, a missing
 * header, or no match. Written here anew for the tests; the server never uses it.
 */
public final class SdkSignature {
  private SdkSignature() {}

  public static boolean verify(String payload, String header, String secret) {
    if (header == null) {
      return false;
    }
    List<String> hexes = new ArrayList<>();
    for (String element : header.split(",", -1)) {
      String part = element.strip();
      if (!part.startsWith("sha256=")) {
        continue;
      }
      String hex = part.substring("sha256=".length()).strip().toLowerCase(Locale.ROOT);
      if (!hex.isEmpty() && hex.length() % 2 == 0 && hex.matches("[0-9a-f]+")) {
        hexes.add(hex);
      }
    }
    if (hexes.isEmpty()) {
      return false;
    }
    byte[] computed = hmacHex(payload, secret).getBytes(StandardCharsets.UTF_8);
    boolean matched = false;
    for (String hex : hexes) {
      if (MessageDigest.isEqual(computed, hex.getBytes(StandardCharsets.UTF_8))) {
        matched = true;
      }
    }
    return matched;
  }

  /** What the SDK's own tests sign with (WebCrypto HMAC-SHA256, hex). */
  public static String hmacHex(String payload, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
