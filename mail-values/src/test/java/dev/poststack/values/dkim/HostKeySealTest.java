package dev.poststack.values.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.values.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HostKeySealTest {
  private static final String NAME = "s1._domainkey.example.test";
  private final HostKeySeal seal = HostKeySeal.fromBase64(HostKeySeal.newKeyBase64());

  @Test
  void opensWhatItSealedForTheSameName() throws Exception {
    byte[] pkcs8 =
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();

    SealedPrivateKey sealed = seal.seal(pkcs8, NAME);

    assertThat(sealed.value()).startsWith("v1.").doesNotContain("=", " ", "+", "/");
    assertThat(seal.open(sealed, NAME)).isEqualTo(pkcs8);
  }

  @Test
  void sealsTheSameKeyDifferentlyEachTimeAndNeverShowsIt() {
    byte[] pkcs8 = "private key bytes".getBytes(StandardCharsets.UTF_8);
    SealedPrivateKey a = seal.seal(pkcs8, NAME);
    SealedPrivateKey b = seal.seal(pkcs8, NAME);

    assertThat(a).isNotEqualTo(b);
    assertThat(a.value())
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(pkcs8));
    assertThat(a.toString()).doesNotContain(a.value().substring(3));
    assertThat(seal.toString()).isEqualTo("HostKeySeal{AES-256-GCM}");
  }

  @Test
  void refusesToOpenUnderAnotherNameSoAKeyCannotMoveToAnotherDomain() {
    SealedPrivateKey sealed = seal.seal(new byte[] {1, 2, 3}, NAME);

    assertThatThrownBy(() -> seal.open(sealed, "s1._domainkey.other.test"))
        .isInstanceOf(HostKeySeal.CannotOpen.class);
    assertThatThrownBy(() -> seal.open(sealed, "s2._domainkey.example.test"))
        .isInstanceOf(HostKeySeal.CannotOpen.class);
  }

  @Test
  void refusesToOpenUnderAnotherHostSealKey() {
    SealedPrivateKey sealed = seal.seal(new byte[] {1, 2, 3}, NAME);
    HostKeySeal other = HostKeySeal.fromBase64(HostKeySeal.newKeyBase64());

    assertThatThrownBy(() -> other.open(sealed, NAME)).isInstanceOf(HostKeySeal.CannotOpen.class);
  }

  @Test
  void refusesATamperedSeal() {
    String v = seal.seal(new byte[] {1, 2, 3, 4, 5}, NAME).value();
    for (int i = 3; i < v.length(); i++) {
      char flipped = v.charAt(i) == 'A' ? 'B' : 'A';
      String tampered = v.substring(0, i) + flipped + v.substring(i + 1);
      SealedPrivateKey bad;
      try {
        bad = new SealedPrivateKey(tampered);
      } catch (InvalidValueException e) {
        continue; // a shape the record refuses is refused too
      }
      assertThatThrownBy(() -> seal.open(bad, NAME))
          .as("flipped at %d", i)
          .isInstanceOf(HostKeySeal.CannotOpen.class);
    }
  }

  @Test
  void refusesASealKeyOfTheWrongLengthOrForm() {
    assertThatThrownBy(() -> new HostKeySeal(new byte[16]))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> HostKeySeal.fromBase64("not base64!"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> HostKeySeal.fromBase64("")).isInstanceOf(InvalidValueException.class);
    assertThat(
            HostKeySeal.fromBase64(
                Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32])))
        .isNotNull();
  }
}
