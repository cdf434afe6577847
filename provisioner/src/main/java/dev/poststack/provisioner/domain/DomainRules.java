package dev.poststack.provisioner.domain;

import static dev.poststack.schemas.RejectionCode.DOMAIN_INBOUND_DISABLED;
import static dev.poststack.schemas.RejectionCode.DOMAIN_IN_USE;
import static dev.poststack.schemas.RejectionCode.DOMAIN_NAME_TAKEN;
import static dev.poststack.schemas.RejectionCode.DOMAIN_NOT_FOUND;
import static dev.poststack.schemas.RejectionCode.DOMAIN_NOT_VERIFIED;
import static dev.poststack.schemas.RejectionCode.ID_CONFLICT;

import dev.poststack.provisioner.Change;
import dev.poststack.provisioner.Decision;
import dev.poststack.provisioner.PublicIds;
import dev.poststack.provisioner.Snapshot;
import dev.poststack.renderer.address.DomainName;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainDeleted;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.DomainUpdated;
import java.time.Instant;
import java.util.Optional;

/** Rules for domain events, and the domain preconditions of new addresses. */
public final class DomainRules {
  private DomainRules() {}

  public static Decision created(Snapshot current, DomainCreated event) {
    // strict constructor, not DomainName.of: the event must carry the canonical name it stores
    DomainName name = new DomainName(event.getName());
    String publicId = PublicIds.check(event.getPublicId());
    if (current.domain().isPresent() || current.publicIdTaken()) {
      return Decision.rejected(ID_CONFLICT, "domain " + event.getDomainId() + " already exists");
    }
    if (current.liveDomainNamed().isPresent()) {
      return Decision.rejected(DOMAIN_NAME_TAKEN, "domain name " + name + " is already in use");
    }
    Instant at = event.getEnvelope().getOccurredAt();
    Domain domain = new Domain(event.getDomainId(), publicId, event.getEnvelope().getTeamId(),
        name.value(), DomainStatus.pending, event.getInboundEnabled(), null, at, at, null);
    return Decision.applied(new Change.SaveDomain(domain));
  }

  public static Decision updated(Snapshot current, DomainUpdated event) {
    Optional<Domain> found = liveOfTeam(current, event.getEnvelope().getTeamId());
    if (found.isEmpty()) {
      return notFound(event.getDomainId());
    }
    Domain domain = found.get();
    Instant at = event.getEnvelope().getOccurredAt();
    DomainStatus status = event.getStatus() == null ? domain.status() : event.getStatus();
    // verifiedAt tells when the domain was last found verified; it means nothing once it is not
    Instant verifiedAt =
        event.getStatus() == null
            ? domain.verifiedAt()
            : status == DomainStatus.verified ? at : null;
    boolean inbound =
        event.getInboundEnabled() == null ? domain.inboundEnabled() : event.getInboundEnabled();
    return Decision.applied(new Change.SaveDomain(domain.changed(status, inbound, verifiedAt, at)));
  }

  public static Decision deleted(Snapshot current, DomainDeleted event) {
    Optional<Domain> found = liveOfTeam(current, event.getEnvelope().getTeamId());
    if (found.isEmpty()) {
      return notFound(event.getDomainId());
    }
    if (current.liveMailboxesInDomain() > 0 || current.liveAliasesInDomain() > 0) {
      return Decision.rejected(DOMAIN_IN_USE, "domain " + event.getDomainId() + " still has "
          + current.liveMailboxesInDomain() + " mailboxes and "
          + current.liveAliasesInDomain() + " aliases");
    }
    Instant at = event.getEnvelope().getOccurredAt();
    return Decision.applied(new Change.SaveDomain(found.get().deleted(at)));
  }

  /**
   * Why the snapshot's domain cannot take a new mailbox or alias for this team, if it cannot: it
   * must exist, be the team's, be verified and accept inbound mail.
   */
  public static Optional<Decision> refusesNewAddresses(Snapshot current, long team, long domainId) {
    Optional<Domain> found = liveOfTeam(current, team);
    if (found.isEmpty()) {
      return Optional.of(notFound(domainId));
    }
    if (found.get().status() != DomainStatus.verified) {
      return Optional.of(
          Decision.rejected(DOMAIN_NOT_VERIFIED, "domain " + domainId + " is not verified"));
    }
    if (!found.get().inboundEnabled()) {
      return Optional.of(Decision.rejected(
          DOMAIN_INBOUND_DISABLED, "domain " + domainId + " does not accept inbound mail"));
    }
    return Optional.empty();
  }

  private static Optional<Domain> liveOfTeam(Snapshot current, long team) {
    return current.domain().filter(d -> d.isLiveFor(team));
  }

  private static Decision notFound(long domainId) {
    return Decision.rejected(DOMAIN_NOT_FOUND, "domain " + domainId + " not found");
  }
}
