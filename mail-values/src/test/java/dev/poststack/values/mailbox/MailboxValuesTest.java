package dev.poststack.values.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.values.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxValuesTest {

  @ParameterizedTest
  @ValueSource(strings = {"Support Team", "Zoë Ångström", "客服", "A"})
  void acceptsPrintableDisplayNames(String raw) {
    assertThat(new DisplayName(raw).value()).isEqualTo(raw);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "line\nbreak",
        "cr\rlf",
        "nul\0",
        "tab\tbed",
        "\u202Eevil",
        "zero\u200Bw",
        " lead",
        "trail ",
        "para\u2029sep"
      })
  void refusesDisplayNamesWithControlsOrBreaks(String raw) {
    assertThatThrownBy(() -> new DisplayName(raw)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void boundsDisplayNamesInCodePoints() {
    assertThatCode(() -> new DisplayName("😀".repeat(128))).doesNotThrowAnyException();
    assertThatThrownBy(() -> new DisplayName("x".repeat(129)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void boundsQuota() {
    assertThat(QuotaBytes.DEFAULT.value()).isEqualTo(1073741824L);
    assertThatThrownBy(() -> new QuotaBytes(0)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new QuotaBytes(-1)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new QuotaBytes((1L << 40) + 1))
        .isInstanceOf(InvalidValueException.class);
    assertThat(new QuotaBytes(1L << 40).value()).isEqualTo(1L << 40);
  }

  @ParameterizedTest
  @ValueSource(strings = {"short", "has\nnewline1", "has\0nul0000", "\uD800lonesurrogate"})
  void refusesBadPasswordsWithoutEchoingThem(String raw) {
    assertThatThrownBy(() -> PasswordPolicy.check(raw))
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(raw));
  }

  @Test
  void boundsPasswordLength() {
    assertThatCode(() -> PasswordPolicy.check("p".repeat(8))).doesNotThrowAnyException();
    assertThatCode(() -> PasswordPolicy.check("pässwörd:with spaces/&'\""))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> PasswordPolicy.check("p".repeat(129)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void acceptsOnlySchemePrefixedHashesAndNeverPrintsThem() {
    PasswordHash hash = new PasswordHash("{SHA512-CRYPT}$6$abcdefgh$0123456789./ABC");
    assertThat(hash.scheme()).isEqualTo("SHA512-CRYPT");
    assertThat(hash.toString()).doesNotContain("$6$");
    for (String bad :
        new String[] {
          "$6$noscheme", "{SHA512-CRYPT}$6$a:b", "{X}a b", "{SHA512-CRYPT}$6$a\nb", "{}x"
        }) {
      assertThatThrownBy(() -> new PasswordHash(bad)).isInstanceOf(InvalidValueException.class);
    }
  }
}
