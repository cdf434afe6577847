package dev.poststack.values.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.values.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"example.test", "mail.example.co.uk", "xn--bcher-kva.example", "a-b.c0m"})
  void acceptsHostNames(String raw) {
    assertThat(DomainName.of(raw).value()).isEqualTo(raw);
  }

  @Test
  void lowerCasesAndDropsTheRootDot() {
    assertThat(DomainName.of("Example.TEST.").value()).isEqualTo("example.test");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost",
        "exa mple.test",
        "-lead.test",
        "trail-.test",
        "a..b",
        ".example.test",
        "under_score.test",
        "ex/ample.test",
        "ex:ample.test",
        "1.2.3.4",
        "exämple.test",
        "example.test\n",
        "ex'ample.test"
      })
  void refusesInvalidNames(String raw) {
    assertThatThrownBy(() -> DomainName.of(raw)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void refusesLookAlikesThatUnicodeCaseFoldingWouldTurnIntoAscii() {
    assertThatThrownBy(() -> DomainName.of("\u212Aexample.test"))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void refusesOverLongLabelsAndNames() {
    assertThatThrownBy(() -> DomainName.of("a".repeat(64) + ".test"))
        .isInstanceOf(InvalidValueException.class);
    String longName = ("a".repeat(60) + ".").repeat(5) + "test";
    assertThatThrownBy(() -> DomainName.of(longName)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void formsAnAddressWithALocalPart() {
    EmailAddress address = new EmailAddress(LocalPart.of("Info"), DomainName.of("Example.test"));
    assertThat(address.value()).isEqualTo("info@example.test");
    assertThat(EmailAddress.parse("INFO@example.test")).isEqualTo(address);
    assertThatThrownBy(() -> EmailAddress.parse("a@b@example.test"))
        .isInstanceOf(InvalidValueException.class);
  }
}
