package dev.poststack.controlplane.member;

import dev.poststack.controlplane.PublicIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Random bearer secrets of the members' side: a prefix that says what the secret opens, then 40
 * base62 characters (238 bits). Only the SHA-256 is ever stored: a fast hash is enough for a random
 * secret of this size, and a lookup stays one index probe.
 */
final class SecretTokens {
  static final int RANDOM_LENGTH = 40;

  private SecretTokens() {}

  static String generate(String prefix) {
    return prefix + PublicIds.base62(RANDOM_LENGTH);
  }

  static boolean looksLike(String prefix, String candidate) {
    if (candidate == null
        || candidate.length() != prefix.length() + RANDOM_LENGTH
        || !candidate.startsWith(prefix)) {
      return false;
    }
    for (int i = prefix.length(); i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
