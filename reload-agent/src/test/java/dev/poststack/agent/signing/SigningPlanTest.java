package dev.poststack.agent.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.renderer.host.DkimKeyEntry;
import dev.poststack.renderer.host.SenderEntry;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import dev.poststack.values.dkim.DkimSelector;
import dev.poststack.values.dkim.HostKeySeal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningPlanTest {
  static final HostKeySeal SEAL = HostKeySeal.fromBase64(HostKeySeal.newKeyBase64());

  static DkimKeyEntry key(String domain, String selector, DkimAlgorithm alg, DkimKeyState state)
      throws Exception {
    KeyPair pair =
        KeyPairGenerator.getInstance(alg == DkimAlgorithm.RSA ? "RSA" : "Ed25519")
            .generateKeyPair();
    DomainName d = new DomainName(domain);
    DkimSelector s = new DkimSelector(selector);
    return new DkimKeyEntry(
        d, s, alg, SEAL.seal(pair.getPrivate().getEncoded(), DkimKeyEntry.nameOf(s, d)), state);
  }

  @Test
  void mapsNameOnlyActiveKeysRsaFirstAndEveryKeyGetsAFile() throws Exception {
    SigningPlan plan =
        SigningPlan.of(
            List.of(
                new SenderEntry(
                    EmailAddress.parse("info@a.test"), EmailAddress.parse("alice@a.test"))),
            List.of(
                key("a.test", "e1", DkimAlgorithm.ED25519, DkimKeyState.ACTIVE),
                key("a.test", "s1", DkimAlgorithm.RSA, DkimKeyState.ACTIVE),
                key("a.test", "s2", DkimAlgorithm.RSA, DkimKeyState.STAGED),
                key("b.test", "s1", DkimAlgorithm.RSA, DkimKeyState.RETIRING)),
            "/keys");
    assertThat(plan.dkimKeysMap())
        .endsWith("\na.test s1:/keys/a.test/s1.key e1:/keys/a.test/e1.rspamd.key\n")
        .doesNotContain("s2", "b.test");
    assertThat(plan.keys())
        .extracting(SigningPlan.KeyFile::relativePath)
        .containsExactly("a.test/e1.rspamd.key", "a.test/s1.key", "a.test/s2.key", "b.test/s1.key");
    assertThat(plan.senderOwnersMap()).endsWith("\ninfo@a.test alice@a.test\n");
  }

  @Test
  void ed25519FileIsSeedAndPublicKeyAsRspamdReadsIt() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    byte[] file =
        Base64.getDecoder()
            .decode(new String(KeyFormats.ed25519Rspamd(pkcs8), StandardCharsets.US_ASCII).strip());
    byte[] spki = pair.getPublic().getEncoded();
    assertThat(file).hasSize(64);
    assertThat(Arrays.copyOfRange(file, 0, 32))
        .isEqualTo(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
    assertThat(Arrays.copyOfRange(file, 32, 64))
        .isEqualTo(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
  }

  @Test
  void rsaFileIsPkcs8Pem() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    String pem =
        new String(KeyFormats.rsaPem(pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    assertThat(pem)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    assertThat(pem.lines().filter(l -> !l.startsWith("-----"))).allMatch(l -> l.length() <= 64);
  }
}
