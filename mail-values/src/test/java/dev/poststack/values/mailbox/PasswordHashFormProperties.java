package dev.poststack.values.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written check accepts exactly what the documented pattern accepts. */
class PasswordHashFormProperties {
  private static final Pattern FORM = Pattern.compile(PasswordHash.FORM);

  @Property(tries = 5000)
  void handCheckEqualsThePattern(@ForAll("nearHashes") String candidate) {
    assertThat(PasswordHash.hasForm(candidate)).isEqualTo(FORM.matcher(candidate).matches());
  }

  /** Mostly well-formed hashes with a stray character, brace or length at the edges. */
  @Provide
  Arbitrary<String> nearHashes() {
    Arbitrary<String> scheme =
        Arbitraries.strings().withChars("ABZ09.-a{}$ ").ofMinLength(0).ofMaxLength(34);
    Arbitrary<String> body =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("azAZ09./$=+_,-").ofMinLength(0).ofMaxLength(12),
            Arbitraries.strings().withChars("aZ9./$=+_,-}{ !\n").ofMinLength(0).ofMaxLength(12),
            Arbitraries.strings().withChars("a$").ofMinLength(478).ofMaxLength(482));
    Arbitrary<String> open = Arbitraries.of("{", "{", "{", "", "}");
    Arbitrary<String> close = Arbitraries.of("}", "}", "}", "", "{");
    return Combinators.combine(open, scheme, close, body).as((o, s, c, b) -> o + s + c + b);
  }
}
