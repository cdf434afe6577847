package dev.poststack.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.support.SdkSignature;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our header against the SDK's verify algorithm (reproduced in {@link SdkSignature}), with the
 * cases of the SDK's own webhooks.test.ts, and a known HMAC-SHA256 vector (RFC 4231 case 2).
 */
class SignaturesTest {
  private static final String PAYLOAD = "{\"event\":\"email.delivered\",\"id\":123}";

  @Test
  void aSingleSignatureVerifiesWithItsSecretOnly() {
    String header = Signatures.header(bytes(PAYLOAD), List.of("secret_a"));
    assertThat(header).matches("sha256=[0-9a-f]{64}");
    assertThat(SdkSignature.verify(PAYLOAD, header, "secret_a")).isTrue();
    assertThat(SdkSignature.verify(PAYLOAD, header, "secret_b")).isFalse();
    assertThat(SdkSignature.verify(PAYLOAD + " ", header, "secret_a")).isFalse();
  }

  @Test
  void duringAGraceWindowEitherSecretVerifiesAndAThirdDoesNot() {
    String header = Signatures.header(bytes(PAYLOAD), List.of("secret_new", "secret_old"));
    assertThat(header.split(",")).hasSize(2);
    assertThat(SdkSignature.verify(PAYLOAD, header, "secret_new")).isTrue();
    assertThat(SdkSignature.verify(PAYLOAD, header, "secret_old")).isTrue();
    assertThat(SdkSignature.verify(PAYLOAD, header, "secret_other")).isFalse();
  }

  @Test
  void theSdkAlgorithmRefusesWhatItsOwnTestsRefuse() {
    for (String header :
        new String[] {"", "deadbeef", "sha256=", "sha256=abc", "sha256=zzzz", "sha512=deadbeef"}) {
      assertThat(SdkSignature.verify(PAYLOAD, header, "a")).as(header).isFalse();
    }
    assertThat(SdkSignature.verify(PAYLOAD, null, "a")).isFalse();
    String a = SdkSignature.hmacHex(PAYLOAD, "a");
    assertThat(SdkSignature.verify(PAYLOAD, "sha512=deadbeef,sha256=" + a, "a")).isTrue();
    String b = SdkSignature.hmacHex(PAYLOAD, "b");
    assertThat(SdkSignature.verify(PAYLOAD, "sha256=" + a + ", sha256=" + b, "b")).isTrue();
  }

  @Test
  void theHmacIsHmacSha256AsRfc4231Defines() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    assertThat(Signatures.hmacHex(bytes("what do ya want for nothing?"), "Jefe"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
