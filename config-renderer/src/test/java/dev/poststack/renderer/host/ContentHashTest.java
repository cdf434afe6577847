package dev.poststack.renderer.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentHashTest {
  private static final DomainEntry EXAMPLE = new DomainEntry(new DomainName("example.test"));
  private static final DomainEntry SHOP = new DomainEntry(new DomainName("shop.test"));

  @Test
  void theEmptySetHashesToZero() {
    assertThat(ContentHash.EMPTY.hex()).isEqualTo("0".repeat(64));
    assertThat(ContentHash.of(List.of())).isEqualTo(ContentHash.EMPTY);
  }

  @Test
  void oneEntryHashesToTheSha256OfItsLine() throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest("domain example.test".getBytes(StandardCharsets.UTF_8));
    assertThat(ContentHash.EMPTY.add(EXAMPLE).hex()).isEqualTo(HexFormat.of().formatHex(digest));
  }

  @Test
  void addingThenRemovingReturnsToTheStartAndWrapsModulo2To256() {
    ContentHash both = ContentHash.EMPTY.add(EXAMPLE).add(SHOP);
    assertThat(both.remove(EXAMPLE)).isEqualTo(ContentHash.EMPTY.add(SHOP));
    assertThat(ContentHash.EMPTY.remove(SHOP).add(SHOP)).isEqualTo(ContentHash.EMPTY);
    assertThat(ContentHash.EMPTY.remove(SHOP).sum()).isLessThan(BigInteger.ONE.shiftLeft(256));
  }

  @Test
  void isAMultisetHashSoADuplicateCountsTwice() {
    // a host never holds one key twice; if it did, its hash would not match the render
    assertThat(ContentHash.of(List.of(EXAMPLE, EXAMPLE)))
        .isNotEqualTo(ContentHash.of(List.of(EXAMPLE)));
  }

  @Test
  void parsesOnlyItsOwnHexForm() {
    ContentHash h = ContentHash.of(List.of(EXAMPLE, SHOP));
    assertThat(ContentHash.parse(h.hex())).isEqualTo(h);
    for (String bad :
        new String[] {"", "00", "0".repeat(63) + "G", h.hex().toUpperCase(), "0".repeat(65)}) {
      assertThatThrownBy(() -> ContentHash.parse(bad)).isInstanceOf(InvalidValueException.class);
    }
  }
}
