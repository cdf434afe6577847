package dev.poststack.values.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.values.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPartTest {

  @Test
  void lowerCasesAsciiLetters() {
    assertThat(LocalPart.of("Support.Team").value()).isEqualTo("support.team");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "support", "first.last", "a_b-c", "x1", "0"})
  void acceptsDotAtoms(String raw) {
    assertThat(LocalPart.of(raw).value()).isEqualTo(raw);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".lead",
        "trail.",
        "dou..ble",
        "has space",
        "tab\there",
        "new\nline",
        "nul\0",
        "co:lon",
        "../etc",
        "a/b",
        "quo\"te",
        "apo'strophe",
        "back\\slash",
        "semi;colon",
        "per%cent",
        "plus+tag",
        "at@sign",
        "аdmin",
        "ｓupport",
        "ß",
        "-dash",
        "dash-",
        "_under",
        "mailer-daemon",
        "ROOT",
        "\u202Eevil",
        "zero\u200Bwidth"
      })
  void refusesHostileOrReservedLocalParts(String raw) {
    assertThatThrownBy(() -> LocalPart.of(raw))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("localPart");
  }

  @Test
  void refusesLookAlikesThatUnicodeCaseFoldingWouldTurnIntoAscii() {
    // KELVIN SIGN lower-cases to 'k' and LATIN CAPITAL I WITH DOT ABOVE to "i̇"
    assertThatThrownBy(() -> LocalPart.of("\u212Aate")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> LocalPart.of("\u0130nfo")).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void refusesOverLongLocalParts() {
    assertThat(LocalPart.of("a".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> LocalPart.of("a".repeat(65)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> LocalPart.of(null)).hasMessage("localPart: is required");
  }
}
