package dev.poststack.agent.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** The key files rspamd 3.4 reads, from the PKCS#8 bytes the API generated and sealed. */
final class KeyFormats {
  private KeyFormats() {}

  /** RSA: PKCS#8 PEM ({@code openssl genpkey}'s form). */
  static byte[] rsaPem(byte[] pkcs8) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8);
    return ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Ed25519: base64 of libsodium's 64-byte secret key (seed‖public), as {@code rspamadm dkim_keygen
   * -t ed25519} writes it; rspamd 3.4 cannot load an Ed25519 PEM and would silently sign with RSA
   * only.
   */
  static byte[] ed25519Rspamd(byte[] pkcs8) {
    byte[] seed = null;
    byte[] both = new byte[64];
    try {
      EdECPrivateKey key =
          (EdECPrivateKey)
              KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      seed = key.getBytes().orElseThrow(() -> new IllegalArgumentException("no Ed25519 seed"));
      byte[] pub = publicOf(seed);
      System.arraycopy(seed, 0, both, 0, 32);
      System.arraycopy(pub, 0, both, 32, 32);
      return (Base64.getEncoder().encodeToString(both) + "\n").getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 PKCS#8 key", e);
    } finally {
      if (seed != null) {
        Arrays.fill(seed, (byte) 0);
      }
      Arrays.fill(both, (byte) 0);
    }
  }

  /**
   * The JDK derives an Ed25519 public key only while generating a pair, from 32 random bytes: given
   * the seed as those bytes, it yields this key's public half.
   */
  private static byte[] publicOf(byte[] seed) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    g.initialize(
        NamedParameterSpec.ED25519,
        new SecureRandom() {
          @Override
          public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
          }
        });
    KeyPair pair = g.generateKeyPair();
    byte[] derivedSeed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
    boolean same = Arrays.equals(derivedSeed, seed);
    Arrays.fill(derivedSeed, (byte) 0);
    if (!same) {
      throw new IllegalStateException("the JDK did not derive the public key from this seed");
    }
    byte[] spki = pair.getPublic().getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }
}
