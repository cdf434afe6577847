package dev.poststack.controlplane.member;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Members' dashboard passwords as Argon2id hashes in PHC form ({@code $argon2id$v=19$m=19456,t=2,
 * p=1$…}), with OWASP's minimum recommended cost: 19 MiB of memory, 2 passes, one lane.
 * Memory-hard, so a stolen table is slow to guess on GPUs; about 40 ms per check on one core here,
 * which sign-in throttling keeps from becoming a lever against the API.
 *
 * <p>Mailbox passwords are a different thing (ADR 0003: crypt schemes Dovecot verifies).
 */
public final class MemberPasswords {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 256;

  private static final Argon2PasswordEncoder ENCODER =
      new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
  // checked against when the address is unknown, so a wrong address costs the same time as a wrong
  // password and the answer's timing does not tell which addresses are members
  private static final String DECOY = ENCODER.encode("poststack-decoy-password");

  private MemberPasswords() {}

  public static String hash(String plaintext) {
    return ENCODER.encode(checked(plaintext));
  }

  /** True when {@code plaintext} matches; a null hash (unknown member) spends the same time. */
  public static boolean matches(String plaintext, String hash) {
    if (plaintext == null || plaintext.length() > MAX_LENGTH) {
      return false;
    }
    boolean ok = ENCODER.matches(plaintext, hash == null ? DECOY : hash);
    return ok && hash != null;
  }

  /** Why a new password is refused, or null when it is acceptable. */
  public static String problem(String plaintext) {
    if (plaintext == null || plaintext.length() < MIN_LENGTH) {
      return "must be at least " + MIN_LENGTH + " characters";
    }
    if (plaintext.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    if (plaintext.chars().distinct().count() < 5) {
      return "must use at least 5 different characters";
    }
    return null;
  }

  private static String checked(String plaintext) {
    String problem = problem(plaintext);
    if (problem != null) {
      throw new IllegalArgumentException("password " + problem);
    }
    return plaintext;
  }
}
