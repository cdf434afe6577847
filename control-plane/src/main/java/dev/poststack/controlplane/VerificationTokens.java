package dev.poststack.controlplane;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A claim's ownership token: 128 random bits as 32 hex digits, new for every (team, domain) claim,
 * so one team's published token never proves another team's claim of the same name. Made where the
 * claim's {@code DomainCreated} is (the API, the operator's CLI); public by design: its owner
 * publishes it as TXT {@code _poststack-verification.<domain>}.
 */
public final class VerificationTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private VerificationTokens() {}

  public static String next() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
