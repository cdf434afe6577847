package dev.poststack.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretSealTest {
  private static final String KEY = "dGVzdC1vbmx5LXdlYmhvb2stc2VjcmV0LWtleS0zMmI=";

  @Test
  void aSealedSecretOpensForItsTeamOnlyAndHoldsNoPlainText() {
    SecretSeal seal = SecretSeal.fromBase64(KEY);
    String secret = SecretSeal.newSigningSecret();
    byte[] sealed = seal.seal(secret, 7);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
    assertThat(seal.open(sealed, 7)).isEqualTo(secret);
    assertThatThrownBy(() -> seal.open(sealed, 8)).hasMessageNotContaining(secret);
    assertThat(seal.seal(secret, 7)).isNotEqualTo(sealed); // a fresh nonce each time
    assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
  }

  @Test
  void aKeyOfTheWrongSizeIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> SecretSeal.fromBase64("c2hvcnQ=")).hasMessageNotContaining("c2hvcnQ=");
  }
}
