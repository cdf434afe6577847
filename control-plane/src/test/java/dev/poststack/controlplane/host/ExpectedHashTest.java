package dev.poststack.controlplane.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class ExpectedHashTest {
  private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

  /**
   * The slices summed as PostgreSQL sums them give the agents' hash: the digests' sum mod 2^256.
   */
  @Property
  void sliceSumsGiveTheSumOfTheDigests(
      @ForAll @Size(max = 50) List<@StringLength(max = 40) String> lines) throws Exception {
    BigInteger direct = BigInteger.ZERO;
    BigInteger[] slices = new BigInteger[ExpectedHash.SLICES];
    java.util.Arrays.fill(slices, BigInteger.ZERO);
    for (String line : lines) {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8));
      direct = direct.add(new BigInteger(1, d));
      String hex = HexFormat.of().formatHex(d);
      for (int i = 0; i < ExpectedHash.SLICES; i++) {
        slices[i] = slices[i].add(new BigInteger(hex.substring(8 * i, 8 * i + 8), 16));
      }
    }
    String expected = direct.mod(MODULUS).toString(16);
    assertThat(ExpectedHash.of(slices)).isEqualTo("0".repeat(64 - expected.length()) + expected);
  }
}
