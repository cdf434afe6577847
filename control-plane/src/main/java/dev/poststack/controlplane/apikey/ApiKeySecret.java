package dev.poststack.controlplane.apikey;

import dev.poststack.controlplane.PublicIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A key's plaintext, {@code sk_live_} + 40 base62 characters (238 bits). Only its SHA-256 is
 * stored: a fast hash is enough for a random secret of this size, and lookup stays one index probe.
 */
public record ApiKeySecret(String plaintext) {
  public static final String PREFIX = "sk_live_";
  private static final Pattern FORM = Pattern.compile("sk_live_[A-Za-z0-9]{32,128}");
  private static final int DISPLAY_PREFIX = 12;

  public ApiKeySecret {
    if (plaintext == null || !FORM.matcher(plaintext).matches()) {
      throw new IllegalArgumentException(
          "an API key is sk_live_ followed by 32 to 128 letters or digits");
    }
  }

  public static ApiKeySecret generate() {
    return new ApiKeySecret(PREFIX + PublicIds.base62(40));
  }

  public static boolean looksLikeKey(String candidate) {
    return candidate != null && FORM.matcher(candidate).matches();
  }

  public String hash() {
    return sha256(plaintext);
  }

  /** What lists show so people can tell keys apart. */
  public String displayPrefix() {
    return plaintext.substring(0, DISPLAY_PREFIX);
  }

  static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ApiKeySecret[" + displayPrefix() + "…]";
  }
}
