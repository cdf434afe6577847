package dev.poststack.values.dkim;

import dev.poststack.values.address.DomainName;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * Makes a DKIM key pair with the JDK's {@link KeyPairGenerator} and seals the private key for the
 * mail hosts at once ({@link HostKeySeal}, AAD {@code <selector>._domainkey.<domain>}): the
 * plaintext PKCS#8 lives only inside {@link #make} and is zeroed there, so only the sealed form and
 * the public key leave this class (ADR 0008). The API makes a new domain's keys and its rotations'
 * with it; the operator path (the dev domain) makes a domain's first key with it too.
 *
 * <p>Selectors are {@code ps<yyyymmdd>} for RSA and {@code ed<yyyymmdd>} for Ed25519, the UTC day
 * the key was made, with {@code -2}, {@code -3} … when the domain already has that name: a reader
 * of a DKIM-Signature header sees the key's age at a glance.
 */
public final class DkimKeyMaker {
  private static final int RSA_BITS = 2048;
  // an X.509 SubjectPublicKeyInfo of Ed25519 is a 12-byte header and the 32-byte key (RFC 8410)
  private static final int ED25519_KEY_BYTES = 32;
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private DkimKeyMaker() {}

  /** A new key; {@code publicKey} is the {@code p=} value of its TXT record. */
  public record NewKey(
      DkimSelector selector,
      DkimAlgorithm algorithm,
      String publicKey,
      SealedPrivateKey sealedKey) {}

  public static NewKey make(
      DomainName domain,
      DkimAlgorithm algorithm,
      LocalDate day,
      Set<String> takenSelectors,
      HostKeySeal seal) {
    DkimSelector selector = selector(algorithm, day, takenSelectors);
    KeyPair pair = pair(algorithm);
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      String name = selector.value() + "._domainkey." + domain.value();
      return new NewKey(
          selector,
          algorithm,
          publicKey(algorithm, pair.getPublic().getEncoded()),
          seal.seal(pkcs8, name));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  public static DkimSelector selector(DkimAlgorithm algorithm, LocalDate day, Set<String> taken) {
    String base = (algorithm == DkimAlgorithm.RSA ? "ps" : "ed") + DAY.format(day);
    String name = base;
    for (int n = 2; taken.contains(name); n++) {
      name = base + "-" + n;
    }
    return new DkimSelector(name);
  }

  /** The {@code p=} value: the DER SubjectPublicKeyInfo for RSA, the raw 32 bytes for Ed25519. */
  public static String publicKey(DkimAlgorithm algorithm, byte[] spki) {
    byte[] p =
        algorithm == DkimAlgorithm.RSA
            ? spki
            : Arrays.copyOfRange(spki, spki.length - ED25519_KEY_BYTES, spki.length);
    return Base64.getEncoder().encodeToString(p);
  }

  private static KeyPair pair(DkimAlgorithm algorithm) {
    try {
      if (algorithm == DkimAlgorithm.RSA) {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(RSA_BITS);
        return rsa.generateKeyPair();
      }
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make " + algorithm + " keys", e);
    }
  }
}
