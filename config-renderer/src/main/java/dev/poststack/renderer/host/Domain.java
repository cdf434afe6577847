package dev.poststack.renderer.host;

import dev.poststack.renderer.address.DomainName;
import dev.poststack.renderer.value.InvalidValueException;

/**
 * A domain as the renderer sees it. {@code active} means the host should accept mail for it (for
 * the provisioner: verified, inbound enabled and not deleted); an inactive domain has no entry.
 */
public record Domain(long id, DomainName name, boolean active) {

  public Domain {
    if (id <= 0) {
      throw new InvalidValueException("domainId", "must be positive");
    }
    if (name == null) {
      throw new InvalidValueException("name", "is required");
    }
  }

  /** Re-validates a stored name strictly: no normalising, a non-canonical name is refused. */
  public static Domain of(long id, String name, boolean active) {
    return new Domain(id, new DomainName(name), active);
  }
}
