package dev.poststack.agent.mailhost;

import dev.poststack.renderer.host.DkimKeyEntry;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import dev.poststack.values.dkim.DkimSelector;
import dev.poststack.values.dkim.HostKeySeal;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;

/**
 * DKIM keys as the API makes them (a key pair per domain and selector, the private half sealed for
 * the hosts), and an independent verifier (Apache James jDKIM) that looks the public keys up here,
 * as receivers would in the TXT records the API publishes.
 */
final class DkimKeys {
  private final HostKeySeal seal = HostKeySeal.fromBase64(HostKeySeal.newKeyBase64());
  private final Map<String, KeyPair> pairs = new ConcurrentHashMap<>();

  HostKeySeal seal() {
    return seal;
  }

  /** The same key pair for the same domain and selector, whatever the state. */
  DkimKeyEntry key(String domain, String selector, DkimAlgorithm alg, DkimKeyState state) {
    DomainName d = new DomainName(domain);
    DkimSelector s = new DkimSelector(selector);
    String name = DkimKeyEntry.nameOf(s, d);
    KeyPair pair =
        pairs.computeIfAbsent(
            name,
            n -> {
              try {
                KeyPairGenerator g =
                    KeyPairGenerator.getInstance(alg == DkimAlgorithm.RSA ? "RSA" : "Ed25519");
                if (alg == DkimAlgorithm.RSA) {
                  g.initialize(2048);
                }
                return g.generateKeyPair();
              } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
              }
            });
    return new DkimKeyEntry(d, s, alg, seal.seal(pair.getPrivate().getEncoded(), name), state);
  }

  /** The TXT record the API would publish for an RSA key. */
  private List<String> txt(CharSequence selector, CharSequence domain) throws PermFailException {
    KeyPair pair = pairs.get(selector + "._domainkey." + domain);
    if (pair == null || !"RSA".equals(pair.getPublic().getAlgorithm())) {
      // jDKIM 0.3 knows RSA only; rspamd's Ed25519 signature beside it is not its to check
      throw new PermFailException("no RSA key record for " + selector + "._domainkey." + domain);
    }
    return List.of(
        "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
  }

  /** {@code domain/selector} of every signature that verifies; empty when none does. */
  List<String> verify(byte[] message) {
    DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> txt(selector, domain));
    try {
      List<SignatureRecord> ok = verifier.verify(new ByteArrayInputStream(message));
      List<String> out = new ArrayList<>();
      if (ok != null) {
        ok.forEach(r -> out.add(r.getDToken() + "/" + r.getSelector()));
      }
      return out;
    } catch (FailException e) {
      return List.of();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
