package dev.poststack.api.dkim;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.problem.ApiException;
import dev.poststack.schemas.event.DkimKey;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimSelector;
import dev.poststack.values.dkim.HostKeySeal;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Makes DKIM key pairs with the JDK's {@link KeyPairGenerator} and seals each private key for the
 * mail hosts at once ({@link HostKeySeal}, AAD {@code <selector>._domainkey.<domain>}): the
 * plaintext PKCS#8 lives only inside {@link #generate} and is zeroed there. Only the sealed form
 * and the public key leave this class (ADR 0008).
 */
@Component
public class DkimKeyGenerator {
  private static final int RSA_BITS = 2048;
  // an X.509 SubjectPublicKeyInfo of Ed25519 is a 12-byte header and the 32-byte key (RFC 8410)
  private static final int ED25519_KEY_BYTES = 32;

  private final HostKeySeal seal;
  private final boolean ed25519;
  private final Clock clock;

  public DkimKeyGenerator(ApiProperties properties, Clock clock) {
    String key = properties.hostSealKey();
    this.seal = key == null || key.isBlank() ? null : HostKeySeal.fromBase64(key);
    this.ed25519 = properties.dkim().ed25519();
    this.clock = clock;
  }

  /** False without a host seal key: then no key is made (hosts could not open it). */
  public boolean enabled() {
    return seal != null;
  }

  /** A new domain's keys: RSA-2048, and Ed25519 beside it when enabled; none when disabled. */
  public List<DkimKey> firstKeys(DomainName domain) {
    if (!enabled()) {
      return List.of();
    }
    List<DkimKey> keys = new ArrayList<>();
    keys.add(generate(domain, DkimAlgorithm.RSA, Set.of()));
    if (ed25519) {
      keys.add(generate(domain, DkimAlgorithm.ED25519, Set.of()));
    }
    return keys;
  }

  /**
   * A key under a selector the domain does not have yet.
   *
   * @throws ApiException 503 when no host seal key is configured
   */
  public DkimKey generate(DomainName domain, DkimAlgorithm algorithm, Set<String> taken) {
    if (!enabled()) {
      throw ApiException.unavailable(
          "dkim_unavailable", "DKIM keys are not configured on this server", 60);
    }
    DkimSelector selector =
        DkimSelectors.next(algorithm, LocalDate.now(clock.withZone(ZoneOffset.UTC)), taken);
    KeyPair pair = pair(algorithm);
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      String name = DkimRecords.name(selector.value(), domain.value());
      return DkimKey.newBuilder()
          .setSelector(selector.value())
          .setAlgorithm(algorithm.value())
          .setPublicKey(publicKey(algorithm, pair.getPublic().getEncoded()))
          .setSealedKey(seal.seal(pkcs8, name).value())
          .build();
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
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

  /** The {@code p=} value: the DER SubjectPublicKeyInfo for RSA, the raw 32 bytes for Ed25519. */
  static String publicKey(DkimAlgorithm algorithm, byte[] spki) {
    byte[] p =
        algorithm == DkimAlgorithm.RSA
            ? spki
            : Arrays.copyOfRange(spki, spki.length - ED25519_KEY_BYTES, spki.length);
    return Base64.getEncoder().encodeToString(p);
  }
}
