package dev.poststack.admin.launcher;

import dev.poststack.admin.OperatorEvents;
import dev.poststack.admin.domain.DomainAdmin;
import dev.poststack.launcher.spi.StackEndpoints;
import java.util.NoSuchElementException;

/**
 * {@code poststack admin domain verify --domain-id N}: verified and inbound-enabled, via an event.
 */
public final class LauncherDomainVerifier implements dev.poststack.launcher.spi.DomainVerifier {

  @Override
  public VerifiedDomain verifyDomain(StackEndpoints stack, long domainId) {
    try (DomainAdmin admin = LauncherAdmins.domains(stack, "cli")) {
      if (admin.describe(domainId).isEmpty()) {
        throw new NoSuchElementException("no domain with id " + domainId);
      }
      OperatorEvents.Outcome result = admin.markVerified(domainId);
      if (!result.applied()) {
        throw new IllegalStateException(
            "the provisioner refused it: " + result.rejectionCode() + " " + result.message());
      }
      DomainAdmin.DomainInfo domain = admin.describe(domainId).orElseThrow();
      return new VerifiedDomain(domain.id(), domain.name(), domain.status());
    }
  }
}
