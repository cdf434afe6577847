package dev.poststack.controlplane.member;

/**
 * An invitation's secret, {@code inv_} + 40 base62 characters: shown once to the member who
 * invited, used once by the invited person to set a password. Only its SHA-256 is stored.
 */
public record InvitationToken(String plaintext) {
  public static final String PREFIX = "inv_";

  public InvitationToken {
    if (!looksLikeToken(plaintext)) {
      throw new IllegalArgumentException(
          "an invitation token is inv_ followed by 40 letters or digits");
    }
  }

  public static InvitationToken generate() {
    return new InvitationToken(SecretTokens.generate(PREFIX));
  }

  public static boolean looksLikeToken(String candidate) {
    return SecretTokens.looksLike(PREFIX, candidate);
  }

  public String hash() {
    return SecretTokens.sha256(plaintext);
  }

  @Override
  public String toString() {
    return "InvitationToken[inv_…]";
  }
}
