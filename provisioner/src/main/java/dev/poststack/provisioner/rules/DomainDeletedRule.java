package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.DOMAIN_IN_USE;

import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.DomainDeleted;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Only an unused domain goes: its live mailboxes and aliases would lose their addresses. */
final class DomainDeletedRule implements Rule<DomainDeleted> {

  @Override
  public EventType type() {
    return EventType.DOMAIN_DELETED;
  }

  @Override
  public List<Read> reads(DomainDeleted event) {
    return List.of(
        new Read.DomainById(event.getDomainId()),
        new Read.LiveUsersOfDomain(event.getDomainId()),
        new Read.DkimKeysOf(event.getDomainId()));
  }

  @Override
  public Decision decide(Snapshot current, DomainDeleted event) {
    Optional<Domain> found = Targets.liveDomainOfTeam(current, event.getEnvelope().getTeamId());
    if (found.isEmpty()) {
      return Targets.domainNotFound(event.getDomainId());
    }
    if (current.liveMailboxesInDomain() > 0 || current.liveAliasesInDomain() > 0) {
      return Decision.rejected(
          DOMAIN_IN_USE,
          "domain "
              + event.getDomainId()
              + " still has "
              + current.liveMailboxesInDomain()
              + " mailboxes and "
              + current.liveAliasesInDomain()
              + " aliases");
    }
    Instant at = event.getEnvelope().getOccurredAt();
    List<Change> changes = new java.util.ArrayList<>();
    changes.add(new Change.SaveDomain(found.get().deleted(at)));
    changes.addAll(DkimKeyring.dropped(current.dkimKeys(), found.get()));
    return Decision.applied(changes);
  }
}
