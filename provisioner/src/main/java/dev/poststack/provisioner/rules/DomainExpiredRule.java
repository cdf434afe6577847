package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.DOMAIN_IN_USE;
import static dev.poststack.schemas.RejectionCode.DOMAIN_VERIFIED;

import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.DomainExpired;
import dev.poststack.schemas.event.DomainStatus;
import java.util.List;
import java.util.Optional;

/**
 * The system removes a domain left unverified too long (the API's expiry decides "too long" and
 * publishes this); here only what must still hold is checked, so a domain verified or given
 * addresses since the expiry looked at it stays.
 */
final class DomainExpiredRule implements Rule<DomainExpired> {

  @Override
  public EventType type() {
    return EventType.DOMAIN_EXPIRED;
  }

  @Override
  public List<Read> reads(DomainExpired event) {
    return List.of(
        new Read.DomainById(event.getDomainId()),
        new Read.LiveUsersOfDomain(event.getDomainId()),
        new Read.DkimKeysOf(event.getDomainId()));
  }

  @Override
  public Decision decide(Snapshot current, DomainExpired event) {
    Optional<Domain> found = Targets.liveDomainOfTeam(current, event.getEnvelope().getTeamId());
    if (found.isEmpty()) {
      return Targets.domainNotFound(event.getDomainId());
    }
    if (found.get().status() == DomainStatus.verified) {
      return Decision.rejected(
          DOMAIN_VERIFIED, "domain " + event.getDomainId() + " is verified; it does not expire");
    }
    if (current.liveMailboxesInDomain() > 0 || current.liveAliasesInDomain() > 0) {
      return Decision.rejected(
          DOMAIN_IN_USE, "domain " + event.getDomainId() + " still has mailboxes or aliases");
    }
    List<Change> changes = new java.util.ArrayList<>();
    changes.add(new Change.SaveDomain(found.get().deleted(event.getEnvelope().getOccurredAt())));
    changes.addAll(DkimKeyring.dropped(current.dkimKeys(), found.get()));
    return Decision.applied(changes);
  }
}
