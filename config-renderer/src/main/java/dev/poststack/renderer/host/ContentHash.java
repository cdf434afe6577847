package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;

/**
 * The content hash of a set of host entries: the sum, modulo 2^256, of SHA-256 over each entry's
 * canonical line (UTF-8, no newline). A sum does not depend on order and is updated per entry in
 * constant time, so an agent can keep it current inside each apply transaction and a host reports a
 * value the provisioner can compare with a fresh render. It detects drift; it is not a MAC (sums of
 * hashes can be steered by someone choosing many inputs), and it is never used for trust.
 */
public record ContentHash(BigInteger sum) {
  private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

  public static final ContentHash EMPTY = new ContentHash(BigInteger.ZERO);

  public ContentHash {
    if (sum == null || sum.signum() < 0 || sum.compareTo(MODULUS) >= 0) {
      throw new InvalidValueException("contentHash", "must be in [0, 2^256)");
    }
  }

  /**
   * The hash of entries whose canonical lines' digests ({@link #digestOf(String)}) are already
   * known, e.g. computed while the lines were decoded on several cores.
   */
  public static ContentHash ofDigests(Collection<BigInteger> digests) {
    BigInteger sum = BigInteger.ZERO;
    for (BigInteger d : digests) {
      sum = sum.add(d);
    }
    return new ContentHash(sum.mod(MODULUS));
  }

  public static ContentHash of(Collection<? extends HostEntry> entries) {
    ContentHash hash = EMPTY;
    for (HostEntry entry : entries) {
      hash = hash.add(entry);
    }
    return hash;
  }

  /** Parses the 64-digit lower-case hex form that hosts store and report. */
  public static ContentHash parse(String hex) {
    if (hex == null || !hex.matches("[0-9a-f]{64}")) {
      throw new InvalidValueException("contentHash", "must be 64 lower-case hex digits");
    }
    return new ContentHash(new BigInteger(hex, 16));
  }

  public ContentHash add(HostEntry entry) {
    return new ContentHash(sum.add(digest(entry)).mod(MODULUS));
  }

  public ContentHash remove(HostEntry entry) {
    return new ContentHash(sum.subtract(digest(entry)).mod(MODULUS));
  }

  public String hex() {
    String digits = sum.toString(16);
    return "0".repeat(64 - digits.length()) + digits;
  }

  @Override
  public String toString() {
    return hex();
  }

  private static BigInteger digest(HostEntry entry) {
    return digestOf(entry.line());
  }

  /**
   * One entry's term of the sum, from its canonical line ({@link EntryCodec#line}; a line {@link
   * EntryCodec#parse} accepted is canonical, so the line a record carried can be hashed as is).
   */
  public static BigInteger digestOf(String canonicalLine) {
    byte[] d = SHA256.get().digest(canonicalLine.getBytes(StandardCharsets.UTF_8));
    return new BigInteger(1, d);
  }

  /** One instance per thread: looking the algorithm up cost as much as hashing a line. */
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java platform has SHA-256", e);
            }
          });
}
