package dev.poststack.values.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written SHA-crypt check finds exactly the parts the documented pattern finds. */
class ShaCryptFormProperties {
  private static final Pattern FORM = Pattern.compile(PasswordSchemes.SHA_CRYPT_FORM);

  @Property(tries = 5000)
  void handCheckEqualsThePattern(@ForAll("nearHashes") String candidate) {
    Matcher m = FORM.matcher(candidate);
    PasswordSchemes.ShaCryptParts expected =
        m.matches() ? new PasswordSchemes.ShaCryptParts(m.group(1), m.group(2), m.group(3)) : null;
    assertThat(PasswordSchemes.shaCryptParts(candidate)).isEqualTo(expected);
  }

  /** Mostly well-formed SHA-crypt hashes with a stray character or length at the edges. */
  @Provide
  Arbitrary<String> nearHashes() {
    Arbitrary<String> scheme =
        Arbitraries.oneOf(
            Arbitraries.of("SHA512-CRYPT", "SHA256-CRYPT", "SHA512-CRYPT", ""),
            Arbitraries.strings().withChars("AZ09-a.{}$").ofMinLength(0).ofMaxLength(6));
    Arbitrary<String> head = Arbitraries.of("$6$", "$5$", "$6$", "$7$", "$6", "6$", "$$", "");
    Arbitrary<String> rounds =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings()
                .withChars("0123456789")
                .ofMinLength(0)
                .ofMaxLength(12)
                .map(d -> "rounds=" + d + "$"),
            Arbitraries.of("rounds=5000", "rounds=$", "rounds=50a$", "round=5000$"));
    Arbitrary<String> salt =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("az09./AZ").ofMinLength(0).ofMaxLength(18),
            Arbitraries.strings().withChars("az09./AZ").ofMinLength(15).ofMaxLength(17),
            Arbitraries.strings().withChars("a/.=!$ ").ofMinLength(0).ofMaxLength(5));
    Arbitrary<String> hash =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("az09./AZ").ofMinLength(0).ofMaxLength(88),
            Arbitraries.strings().withChars("az09./AZ").ofMinLength(85).ofMaxLength(87),
            Arbitraries.strings().withChars("a.$!=}").ofMinLength(0).ofMaxLength(6));
    Arbitrary<String> open = Arbitraries.of("{", "{", "{", "");
    Arbitrary<String> close = Arbitraries.of("}", "}", "}", "");
    Arbitrary<String> dollar = Arbitraries.of("$", "$", "$", "", "$$");
    return Combinators.combine(open, scheme, close, head, rounds, salt, dollar, hash)
        .as((o, s, c, h, r, sa, d, ha) -> o + s + c + h + r + sa + d + ha);
  }
}
