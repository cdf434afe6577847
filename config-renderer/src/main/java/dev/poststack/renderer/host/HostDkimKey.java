package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import dev.poststack.values.dkim.DkimSelector;
import dev.poststack.values.dkim.SealedPrivateKey;

/**
 * A domain's DKIM key as the renderer sees it. {@code onHosts} means the hosts should hold it (for
 * the provisioner: its domain is live and verified, so nobody else can have the name); otherwise,
 * or once it is dropped, it has no entry.
 */
public record HostDkimKey(
    DomainName domain,
    DkimSelector selector,
    DkimAlgorithm algorithm,
    SealedPrivateKey sealedKey,
    DkimKeyState state,
    boolean onHosts) {

  public HostDkimKey {
    if (domain == null || selector == null || algorithm == null || sealedKey == null) {
      throw new InvalidValueException("dkim", "domain, selector, algorithm and key are required");
    }
    if (state == null) {
      throw new InvalidValueException("state", "is required");
    }
  }

  /** Re-validates stored values strictly, as the other {@code Host*} factories do. */
  public static HostDkimKey of(
      String domain,
      String selector,
      String algorithm,
      String sealedKey,
      String state,
      boolean onHosts) {
    return new HostDkimKey(
        new DomainName(domain),
        new DkimSelector(selector),
        DkimAlgorithm.of(algorithm),
        new SealedPrivateKey(sealedKey),
        DkimKeyState.of(state),
        onHosts);
  }

  public EntryKey key() {
    return new EntryKey(EntryKind.DKIM, DkimKeyEntry.nameOf(selector, domain));
  }
}
