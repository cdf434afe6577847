package dev.poststack.provisioner.host;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.dkim.DkimKey;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.schemas.event.DomainStatus;

/**
 * The provisioner's rows as the renderer's inputs, re-validated strictly by the renderer's own
 * factories: the renderer, not the API or this module, is the last gate before a mail host.
 */
public final class RenderedObjects {
  private RenderedObjects() {}

  /** A host accepts mail for a domain only while it is live, verified and inbound-enabled. */
  public static dev.poststack.renderer.host.HostDomain domain(Domain d) {
    boolean active = d.isLive() && d.status() == DomainStatus.verified && d.inboundEnabled();
    return dev.poststack.renderer.host.HostDomain.of(d.id(), d.name(), active);
  }

  public static dev.poststack.renderer.host.HostMailbox mailbox(Mailbox m) {
    return dev.poststack.renderer.host.HostMailbox.of(
        m.id(),
        domainOf(m.emailAddress()),
        m.localPart(),
        m.passwordHash(),
        m.status().wireName(),
        m.quotaBytes());
  }

  public static dev.poststack.renderer.host.HostAlias alias(Alias a) {
    return dev.poststack.renderer.host.HostAlias.of(
        a.id(), domainOf(a.aliasAddress()), a.localPart(), a.destinationMailboxId(), !a.isLive());
  }

  public static dev.poststack.renderer.host.HostDkimKey dkimKey(
      DkimKey k, String domainName, boolean onHosts) {
    return dev.poststack.renderer.host.HostDkimKey.of(
        domainName, k.selector(), k.algorithm(), k.sealedKey(), k.state().value(), onHosts);
  }

  private static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1);
  }
}
