package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.DOMAIN_NAME_TAKEN;
import static dev.poststack.schemas.RejectionCode.VALIDATION_ERROR;

import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.domain.Ownership;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.DomainUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A patch of a live domain of the team: status (verification, a DNS check's result) and inbound
 * mail. A domain becomes verified only while no other domain holds its name (one verified owner per
 * name); another team's unverified claim does not block it but loses: it becomes {@code failed} in
 * the same decision (audited for its own team), so a replay hands the name to the same prover.
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
          new Read.OtherClaims(event.getDomainId()),
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
    List<String> purposes = event.getFoundRecords();
    if (purposes != null
        && (purposes.size() > 16
            || !purposes.stream().allMatch(p -> Ownership.PURPOSE.matcher(p).matches()))) {
      return Decision.rejected(
          VALIDATION_ERROR, "foundRecords must be at most 16 purposes of 1 to 32 letters or '_'");
    }
    boolean verifying = event.getStatus() == DomainStatus.verified;
    if (verifying && current.nameHolder().isPresent()) {
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
    Domain after =
        domain
            .changed(status, inbound, verifiedAt, at)
            .withOwnership(ownership(domain, event, status, at));
    List<Change> changes = new ArrayList<>();
    changes.add(new Change.SaveDomain(after));
    // its DKIM keys reach the hosts with verification and leave them when it fails
    changes.addAll(DkimKeyring.resaved(current.dkimKeys(), after));
    if (verifying) {
      // the other claims of the name (unverified: a holder was refused above) are failed
      for (Domain claim : current.liveDomainsNamed()) {
        if (claim.status() != DomainStatus.failed) {
          changes.add(
              new Change.SaveDomain(
                  claim
                      .changed(DomainStatus.failed, claim.inboundEnabled(), null, at)
                      .withOwnership(claim.ownership().unverified())));
        }
      }
    }
    return Decision.applied(changes);
  }

  /**
   * A check's result ({@code foundRecords}) is kept; a verification by an event without one is the
   * operator's force-verify, which is not re-checked by DNS.
   */
  private static Ownership ownership(
      Domain domain, DomainUpdated event, DomainStatus status, Instant at) {
    Ownership ownership = domain.ownership();
    List<String> found = event.getFoundRecords();
    if (found != null) {
      ownership = ownership.checked(found, at);
    }
    if (status != DomainStatus.verified) {
      return ownership.unverified();
    }
    if (event.getStatus() == DomainStatus.verified) {
      return ownership.verifiedBy(found == null ? Ownership.BY_OPERATOR : Ownership.BY_DNS);
    }
    return ownership;
  }
}
