package dev.poststack.controlplane.host;

import java.math.BigInteger;

/**
 * The content hash a host must have once it has read every published entry: the agents' hash
 * (config-renderer's {@code ContentHash}: the sum mod 2^256 of SHA-256 over each entry's line) over
 * the lines the provisioner last published, whose SHA-256 it keeps in {@code
 * host_entry_position.line_sha256}. PostgreSQL keeps the sum of each 32-bit slice of the digests
 * ({@code host_entry_hash}, maintained by triggers; no 256-bit integer there), this puts the slices
 * together.
 */
public final class ExpectedHash {
  public static final int SLICES = 8;
  private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

  private ExpectedHash() {}

  /** From the query's {@code expected_slices}: eight decimal sums joined by commas. */
  public static String of(String joinedSliceSums) {
    String[] parts = joinedSliceSums.split(",");
    BigInteger[] sums = new BigInteger[parts.length];
    for (int i = 0; i < parts.length; i++) {
      sums[i] = new java.math.BigDecimal(parts[i].strip()).toBigIntegerExact();
    }
    return of(sums);
  }

  /**
   * @param sliceSums the sum of slice {@code i} (bits {@code 32i} to {@code 32i+31} from the most
   *     significant end) over all digests
   * @return 64 lower-case hex digits, as hosts report theirs
   */
  public static String of(BigInteger[] sliceSums) {
    if (sliceSums.length != SLICES) {
      throw new IllegalArgumentException("expected " + SLICES + " slice sums");
    }
    BigInteger sum = BigInteger.ZERO;
    for (int i = 0; i < SLICES; i++) {
      sum = sum.add(sliceSums[i].shiftLeft(32 * (SLICES - 1 - i)));
    }
    String digits = sum.mod(MODULUS).toString(16);
    return "0".repeat(64 - digits.length()) + digits;
  }
}
