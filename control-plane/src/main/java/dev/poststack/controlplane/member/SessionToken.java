package dev.poststack.controlplane.member;

/**
 * A dashboard session's secret, {@code ses_} + 40 base62 characters, sent as {@code Authorization:
 * Bearer ses_…} like an API key. Only its SHA-256 is stored.
 */
public record SessionToken(String plaintext) {
  public static final String PREFIX = "ses_";

  public SessionToken {
    if (!looksLikeToken(plaintext)) {
      throw new IllegalArgumentException(
          "a session token is ses_ followed by 40 letters or digits");
    }
  }

  public static SessionToken generate() {
    return new SessionToken(SecretTokens.generate(PREFIX));
  }

  public static boolean looksLikeToken(String candidate) {
    return SecretTokens.looksLike(PREFIX, candidate);
  }

  public String hash() {
    return SecretTokens.sha256(plaintext);
  }

  @Override
  public String toString() {
    return "SessionToken[ses_…]";
  }
}
