package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.DOMAIN_NAME_TAKEN;

import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.DomainUpdated;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A patch of a live domain of the team: status (verification) and inbound mail. A domain becomes
 * verified only while no other domain holds its name (one verified owner per name; another team's
 * pending claim does not count).
 */
final class DomainUpdatedRule implements Rule<DomainUpdated> {

  @Override
  public EventType type() {
    return EventType.DOMAIN_UPDATED;
  }

  @Override
  public List<Read> reads(DomainUpdated event) {
    if (event.getStatus() == DomainStatus.verified) {
      return List.of(
          new Read.DomainById(event.getDomainId()),
          new Read.OtherNameHolder(event.getDomainId()),
          new Read.DkimKeysOf(event.getDomainId()));
    }
    return List.of(
        new Read.DomainById(event.getDomainId()), new Read.DkimKeysOf(event.getDomainId()));
  }

  @Override
  public Decision decide(Snapshot current, DomainUpdated event) {
    Optional<Domain> found = Targets.liveDomainOfTeam(current, event.getEnvelope().getTeamId());
    if (found.isEmpty()) {
      return Targets.domainNotFound(event.getDomainId());
    }
    Domain domain = found.get();
    if (event.getStatus() == DomainStatus.verified && current.nameHolder().isPresent()) {
      return Decision.rejected(
          DOMAIN_NAME_TAKEN, "domain name " + domain.name() + " is already in use");
    }
    Instant at = event.getEnvelope().getOccurredAt();
    DomainStatus status = event.getStatus() == null ? domain.status() : event.getStatus();
    // verifiedAt tells when the domain was last found verified; it means nothing once it is not
    Instant verifiedAt =
        event.getStatus() == null
            ? domain.verifiedAt()
            : status == DomainStatus.verified ? at : null;
    boolean inbound =
        event.getInboundEnabled() == null ? domain.inboundEnabled() : event.getInboundEnabled();
    Domain after = domain.changed(status, inbound, verifiedAt, at);
    // its DKIM keys reach the hosts with verification and leave them when it fails
    List<Change> changes = new java.util.ArrayList<>();
    changes.add(new Change.SaveDomain(after));
    changes.addAll(DkimKeyring.resaved(current.dkimKeys(), after));
    return Decision.applied(changes);
  }
}
