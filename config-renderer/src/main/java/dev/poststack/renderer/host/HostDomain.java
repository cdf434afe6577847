package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;

/**
 * A domain as the renderer sees it. {@code active} means the host should accept mail for it (for
 * the provisioner: verified, inbound enabled and not deleted); an inactive domain has no entry.
 */
public record HostDomain(long id, DomainName name, boolean active) {

  public HostDomain {
    if (id <= 0) {
      throw new InvalidValueException("domainId", "must be positive");
    }
    if (name == null) {
      throw new InvalidValueException("name", "is required");
    }
  }

  /** Re-validates a stored name strictly: no normalising, a non-canonical name is refused. */
  public static HostDomain of(long id, String name, boolean active) {
    return new HostDomain(id, new DomainName(name), active);
  }
}
