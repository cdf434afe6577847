package dev.poststack.controlplane.member;

import dev.poststack.controlplane.PublicIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A dashboard session's secret, {@code ses_} + 40 base62 characters (238 bits), sent as {@code
 * Authorization: Bearer ses_…} like an API key. Only its SHA-256 is stored: a fast hash is enough
 * for a random secret of this size.
 */
public record SessionToken(String plaintext) {
  public static final String PREFIX = "ses_";
  private static final int LENGTH = PREFIX.length() + 40;

  public SessionToken {
    if (!looksLikeToken(plaintext)) {
      throw new IllegalArgumentException(
          "a session token is ses_ followed by 40 letters or digits");
    }
  }

  public static SessionToken generate() {
    return new SessionToken(PREFIX + PublicIds.base62(40));
  }

  public static boolean looksLikeToken(String candidate) {
    if (candidate == null || candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      char c = candidate.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  public String hash() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  @Override
  public String toString() {
    return "SessionToken[ses_…]";
  }
}
