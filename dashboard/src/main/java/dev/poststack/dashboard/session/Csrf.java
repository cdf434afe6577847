package dev.poststack.dashboard.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Tokens that prove a write came from one of our own pages. A signed-in page carries a token
 * derived from the session's secret (which lives in an HttpOnly cookie no other site can read), so
 * every API instance can check it without storing anything. The sign-in form, before any session,
 * uses a random value kept in a cookie of its own and repeated in the form (double submit).
 */
public final class Csrf {
  public static final String FIELD = "_csrf";
  public static final String HEADER = "X-CSRF-Token";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Csrf() {}

  /** The token of the pages of a session. */
  public static String forSession(String sessionToken) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("poststack-dashboard-csrf\0" + sessionToken).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** A fresh random token for the sign-in form. */
  public static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Constant-time: how much of a guess is right does not show in the time taken. */
  public static boolean matches(String expected, String given) {
    return expected != null
        && given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
