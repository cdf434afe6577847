package dev.poststack.api.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyMaker;
import dev.poststack.values.dkim.HostKeySeal;
import dev.poststack.values.dkim.SealedPrivateKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DkimKeysTest {

  @Test
  void selectorsNameTheDayAndAlgorithmAndNeverRepeatWithinADomain() {
    LocalDate day = LocalDate.of(2026, 12, 2);
    assertThat(DkimKeyMaker.selector(DkimAlgorithm.RSA, day, Set.of()).value())
        .isEqualTo("ps20261202");
    assertThat(DkimKeyMaker.selector(DkimAlgorithm.ED25519, day, Set.of()).value())
        .isEqualTo("ed20261202");
    assertThat(DkimKeyMaker.selector(DkimAlgorithm.RSA, day, Set.of("ps20261202", "ps20261202-2")))
        .hasToString("ps20261202-3");
  }

  @Test
  void aPublishedValueMatchesOnlyItsKeyAndAlgorithm() {
    assertThat(DkimRecords.publishes("v=DKIM1; k=rsa; p=ABC", "rsa", "ABC")).isTrue();
    assertThat(DkimRecords.publishes("v=DKIM1;p=A B\tC", "rsa", "ABC")).isTrue();
    assertThat(DkimRecords.publishes("v=DKIM1; k=ed25519; p=ABC", "rsa", "ABC")).isFalse();
    assertThat(DkimRecords.publishes("v=DKIM1; k=rsa; p=ABD", "rsa", "ABC")).isFalse();
    assertThat(DkimRecords.publishes("v=DKIM1; k=rsa; p=", "rsa", "ABC")).isFalse();
    assertThat(DkimRecords.purpose("active")).isEqualTo("dkim");
    assertThat(DkimRecords.purpose("staged")).isEqualTo("dkim_rotation");
  }

  /** The Ed25519 record carries the raw 32-byte key (lab recipe §5); the seal opens to its pair. */
  @Test
  void anEd25519KeySealedForItsNameSignsWhatItsPublishedKeyVerifies() throws Exception {
    String sealKey = HostKeySeal.newKeyBase64();
    HostKeySeal seal = HostKeySeal.fromBase64(sealKey);
    var pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String p = DkimKeyMaker.publicKey(DkimAlgorithm.ED25519, pair.getPublic().getEncoded());
    assertThat(Base64.getDecoder().decode(p)).hasSize(32);
    SealedPrivateKey sealed =
        seal.seal(pair.getPrivate().getEncoded(), "ed1._domainkey.example.test");

    byte[] pkcs8 = seal.open(sealed, "ed1._domainkey.example.test");
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(
        KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    byte[] message = "DKIM-Signature: ...".getBytes(StandardCharsets.US_ASCII);
    signer.update(message);
    byte[] signature = signer.sign();

    byte[] spki =
        HexFormat.of()
            .parseHex(
                "302a300506032b6570032100"
                    + HexFormat.of().formatHex(Base64.getDecoder().decode(p)));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(
        KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
    verifier.update(message);
    assertThat(verifier.verify(signature)).isTrue();
  }
}
