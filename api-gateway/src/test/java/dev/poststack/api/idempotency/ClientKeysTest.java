package dev.poststack.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientKeysTest {
  private static final String TOKEN = "sk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  private static final String OTHER_TOKEN = "sk_live_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

  @Test
  void theLookupIsTheSameForEveryKeyOfTheTeamAndIsNotTheIdempotencyKey() {
    ClientKeys mine = ClientKeys.of("retry-1", TOKEN);
    assertThat(mine.lookup())
        .isEqualTo(ClientKeys.of("retry-1", OTHER_TOKEN).lookup())
        .isNotEqualTo(ClientKeys.of("retry-2", TOKEN).lookup())
        .doesNotContain("retry-1")
        .hasSize(64);
  }

  @Test
  void theFingerprintDependsOnTheRequestTheIdempotencyKeyAndTheToken() {
    String request = "POST\n/mailboxes?\n{\"password\":\"hunter2-hunter2\"}";
    String fingerprint = ClientKeys.of("retry-1", TOKEN).fingerprint(request);
    assertThat(ClientKeys.of("retry-1", TOKEN).fingerprint(request)).isEqualTo(fingerprint);
    assertThat(ClientKeys.of("retry-1", TOKEN).fingerprint(request + " "))
        .isNotEqualTo(fingerprint);
    assertThat(ClientKeys.of("retry-2", TOKEN).fingerprint(request)).isNotEqualTo(fingerprint);
    assertThat(ClientKeys.of("retry-1", OTHER_TOKEN).fingerprint(request))
        .isNotEqualTo(fingerprint);
  }

  @Test
  void aSealedAnswerOpensOnlyWithTheSameKeysAndContext() {
    byte[] answer = "{\"key\":\"sk_live_secret\"}".getBytes(StandardCharsets.UTF_8);
    String sealed = ClientKeys.of("retry-1", TOKEN).seal(answer, "7/abc");

    assertThat(sealed).doesNotContain("sk_live_secret");
    assertThat(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1))
        .doesNotContain("sk_live_secret");
    assertThat(ClientKeys.of("retry-1", TOKEN).open(sealed, "7/abc")).isEqualTo(answer);
    assertThatThrownBy(() -> ClientKeys.of("retry-1", OTHER_TOKEN).open(sealed, "7/abc"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ClientKeys.of("retry-2", TOKEN).open(sealed, "7/abc"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ClientKeys.of("retry-1", TOKEN).open(sealed, "8/abc"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sealingTheSameAnswerTwiceGivesDifferentText() {
    ClientKeys keys = ClientKeys.of("retry-1", TOKEN);
    byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
    assertThat(keys.seal(answer, "c")).isNotEqualTo(keys.seal(answer, "c"));
  }
}
