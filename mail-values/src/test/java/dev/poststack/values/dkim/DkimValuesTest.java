package dev.poststack.values.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.values.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DkimValuesTest {

  @ParameterizedTest
  @ValueSource(strings = {"s1", "ps202612", "rsa-2", "a"})
  void acceptsSelectorsOfLettersDigitsAndHyphens(String raw) {
    assertThat(new DkimSelector(raw).value()).isEqualTo(raw);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "S1", "s.1", "s_1", "../x", "s 1", "s1\n", "s/1"})
  void refusesSelectorsThatCouldSplitANameOrAPath(String raw) {
    assertThatThrownBy(() -> new DkimSelector(raw)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void refusesASelectorLongerThanOneLabel() {
    assertThat(new DkimSelector("a".repeat(63)).value()).hasSize(63);
    assertThatThrownBy(() -> new DkimSelector("a".repeat(64)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void algorithmsAndStatesReadTheirWireWordsOnly() {
    assertThat(DkimAlgorithm.of("rsa")).isEqualTo(DkimAlgorithm.RSA);
    assertThat(DkimAlgorithm.of("ed25519")).isEqualTo(DkimAlgorithm.ED25519);
    assertThatThrownBy(() -> DkimAlgorithm.of("RSA")).isInstanceOf(InvalidValueException.class);
    assertThat(DkimKeyState.of("staged")).isEqualTo(DkimKeyState.STAGED);
    assertThatThrownBy(() -> DkimKeyState.of("on")).isInstanceOf(InvalidValueException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v2.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
        "v1.AAAAAAAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAA",
        "v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/AAAA",
        "v1.AAAA",
        "-----BEGIN PRIVATE KEY-----"
      })
  void refusesSealedKeysOfAnotherShape(String raw) {
    assertThatThrownBy(() -> new SealedPrivateKey(raw)).isInstanceOf(InvalidValueException.class);
  }
}
