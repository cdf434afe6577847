package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import dev.poststack.values.dkim.DkimSelector;
import dev.poststack.values.dkim.SealedPrivateKey;
import java.util.List;

/**
 * A DKIM key a host holds for a domain, keyed by its DNS name {@code
 * <selector>._domainkey.<domain>}. The private key travels only sealed for the hosts ({@code
 * HostKeySeal}, AAD = {@link #name()}); the agent opens it into a key file and signs with it only
 * while the state is {@code active}.
 */
public record DkimKeyEntry(
    DomainName domain,
    DkimSelector selector,
    DkimAlgorithm algorithm,
    SealedPrivateKey sealedKey,
    DkimKeyState state)
    implements HostEntry {

  public static final String DOMAINKEY_LABEL = "._domainkey.";

  public DkimKeyEntry {
    if (domain == null || selector == null || algorithm == null || sealedKey == null) {
      throw new InvalidValueException("dkim", "domain, selector, algorithm and key are required");
    }
    if (state == null) {
      throw new InvalidValueException("state", "is required");
    }
  }

  /** {@code <selector>._domainkey.<domain>}: the key column, the TXT name and the seal's AAD. */
  public static String nameOf(DkimSelector selector, DomainName domain) {
    return selector.value() + DOMAINKEY_LABEL + domain.value();
  }

  public String name() {
    return nameOf(selector, domain);
  }

  @Override
  public EntryKey key() {
    return new EntryKey(EntryKind.DKIM, name());
  }

  @Override
  public List<Object> columnValues() {
    return List.of(
        name(),
        domain.value(),
        selector.value(),
        algorithm.value(),
        sealedKey.value(),
        state.value());
  }

  /** Never the sealed key: it is safe only while the host seal key is, so it stays out of logs. */
  @Override
  public String toString() {
    return "DkimKeyEntry{" + name() + " " + algorithm + " " + state + "}";
  }
}
