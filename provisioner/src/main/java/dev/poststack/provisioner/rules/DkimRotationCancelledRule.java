package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.dkim.DkimKey;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.DkimRotationCancelled;
import dev.poststack.values.dkim.DkimKeyState;
import java.util.List;
import java.util.Optional;

/** A staged key never signed: it is dropped everywhere. */
final class DkimRotationCancelledRule implements Rule<DkimRotationCancelled> {

  @Override
  public EventType type() {
    return EventType.DKIM_ROTATION_CANCELLED;
  }

  @Override
  public List<Read> reads(DkimRotationCancelled event) {
    return List.of(
        new Read.DomainById(event.getDomainId()), new Read.DkimKeysOf(event.getDomainId()));
  }

  @Override
  public Decision decide(Snapshot current, DkimRotationCancelled event) {
    Optional<Domain> found = Targets.liveDomainOfTeam(current, event.getEnvelope().getTeamId());
    if (found.isEmpty()) {
      return Targets.domainNotFound(event.getDomainId());
    }
    Optional<DkimKey> staged =
        DkimKeyring.inState(current.dkimKeys(), event.getSelector(), DkimKeyState.STAGED);
    if (staged.isEmpty()) {
      return DkimKeyring.conflict(event.getSelector(), "staged");
    }
    return Decision.applied(new Change.DropDkimKey(staged.get(), found.get().name()));
  }
}
