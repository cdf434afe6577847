package dev.poststack.api.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CryptPasswordHasherTest {

  @Test
  void hashesWithTheDovecotSchemePrefixAndARandomSalt() {
    var hasher = new CryptPasswordHasher("SHA512-CRYPT");
    String a = hasher.hash("correct horse").value();
    String b = hasher.hash("correct horse").value();
    assertThat(a).startsWith("{SHA512-CRYPT}$6$").isNotEqualTo(b);
    assertThat(new CryptPasswordHasher("sha256-crypt").hash("x-password").value())
        .startsWith("{SHA256-CRYPT}$5$");
  }

  @Test
  void refusesSchemesThatTruncateOrAreUnknown() {
    assertThatThrownBy(() -> new CryptPasswordHasher("BLF-CRYPT"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
