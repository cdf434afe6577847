package dev.poststack.values.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.values.address.DomainName;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DkimKeyMakerTest {
  private final HostKeySeal seal = HostKeySeal.fromBase64(HostKeySeal.newKeyBase64());

  @Test
  void aNewRsaKeyOpensOnlyUnderItsNameToThePairOfItsPublishedKey() throws Exception {
    DkimKeyMaker.NewKey key =
        DkimKeyMaker.make(
            new DomainName("example.test"),
            DkimAlgorithm.RSA,
            LocalDate.of(2026, 12, 2),
            Set.of("ps20261202"),
            seal);

    assertThat(key.selector().value()).isEqualTo("ps20261202-2");
    assertThat(key.sealedKey().value()).startsWith("v1.");
    byte[] pkcs8 = seal.open(key.sealedKey(), "ps20261202-2._domainkey.example.test");
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    byte[] message = "DKIM-Signature: ...".getBytes(StandardCharsets.US_ASCII);
    signer.update(message);
    byte[] signature = signer.sign();

    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey()))));
    verifier.update(message);
    assertThat(verifier.verify(signature)).isTrue();
    assertThat(key.toString()).doesNotContain(Base64.getEncoder().encodeToString(pkcs8));
  }
}
