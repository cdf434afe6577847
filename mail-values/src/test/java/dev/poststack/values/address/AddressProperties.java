package dev.poststack.values.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.values.InvalidValueException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever comes in, an accepted local part can never split or escape a host entry. */
class AddressProperties {

  @Property(tries = 3000)
  void anAcceptedLocalPartUsesOnlySafeCharacters(@ForAll("hostileText") String raw) {
    try {
      String v = LocalPart.of(raw).value();
      assertThat(v).matches("[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?").doesNotContain("..");
    } catch (InvalidValueException expected) {
      assertThat(expected.field()).isEqualTo("localPart");
    }
  }

  @Property(tries = 3000)
  void anAcceptedDomainNameUsesOnlySafeCharacters(@ForAll("hostileText") String raw) {
    try {
      String v = DomainName.of(raw).value();
      assertThat(v).matches("[a-z0-9.-]+").doesNotContain("..").contains(".");
    } catch (InvalidValueException expected) {
      assertThat(expected.field()).isEqualTo("name");
    }
  }

  @Property
  void normalisationIsIdempotent(@ForAll("plausibleLocalParts") String raw) {
    LocalPart once = LocalPart.of(raw);
    assertThat(LocalPart.of(once.value())).isEqualTo(once);
  }

  @Provide
  Arbitrary<String> hostileText() {
    return Arbitraries.strings()
        .withChars("aZ09.-_:/\\\"' \t\n\0@+%;")
        .withCharRange('\u0400', '\u0450')
        .withChars('\u200B', '\u202E', '\uFF41')
        .ofMinLength(0)
        .ofMaxLength(80);
  }

  @Provide
  Arbitrary<String> plausibleLocalParts() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .ofMinLength(1)
        .ofMaxLength(64);
  }
}
