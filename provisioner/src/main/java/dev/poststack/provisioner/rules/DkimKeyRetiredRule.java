package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.dkim.DkimKey;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.DkimKeyRetired;
import dev.poststack.values.dkim.DkimKeyState;
import java.util.List;
import java.util.Optional;

/** A retiring key's window is over: it is dropped from the hosts and its record may go. */
final class DkimKeyRetiredRule implements Rule<DkimKeyRetired> {

  @Override
  public EventType type() {
    return EventType.DKIM_KEY_RETIRED;
  }

  @Override
  public List<Read> reads(DkimKeyRetired event) {
    return List.of(
        new Read.DomainById(event.getDomainId()), new Read.DkimKeysOf(event.getDomainId()));
  }

  @Override
  public Decision decide(Snapshot current, DkimKeyRetired event) {
    Optional<Domain> found = Targets.liveDomainOfTeam(current, event.getEnvelope().getTeamId());
    if (found.isEmpty()) {
      return Targets.domainNotFound(event.getDomainId());
    }
    Optional<DkimKey> retiring =
        DkimKeyring.inState(current.dkimKeys(), event.getSelector(), DkimKeyState.RETIRING);
    if (retiring.isEmpty()) {
      return DkimKeyring.conflict(event.getSelector(), "retiring");
    }
    return Decision.applied(new Change.DropDkimKey(retiring.get(), found.get().name()));
  }
}
