package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.dkim.DkimKey;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.DkimRecordSeen;
import dev.poststack.values.dkim.DkimKeyState;
import java.util.List;
import java.util.Optional;

/** The staged key's record was seen: the rotation is ready and cuts over at activatesAfter. */
final class DkimRecordSeenRule implements Rule<DkimRecordSeen> {

  @Override
  public EventType type() {
    return EventType.DKIM_RECORD_SEEN;
  }

  @Override
  public List<Read> reads(DkimRecordSeen event) {
    return List.of(
        new Read.DomainById(event.getDomainId()), new Read.DkimKeysOf(event.getDomainId()));
  }

  @Override
  public Decision decide(Snapshot current, DkimRecordSeen event) {
    Optional<Domain> found = Targets.liveDomainOfTeam(current, event.getEnvelope().getTeamId());
    if (found.isEmpty()) {
      return Targets.domainNotFound(event.getDomainId());
    }
    Optional<DkimKey> staged =
        DkimKeyring.inState(current.dkimKeys(), event.getSelector(), DkimKeyState.STAGED);
    if (staged.isEmpty()) {
      return DkimKeyring.conflict(event.getSelector(), "staged");
    }
    DkimKey seen =
        staged.get().seen(event.getEnvelope().getOccurredAt(), event.getActivatesAfter());
    Domain domain = found.get();
    return Decision.applied(
        new Change.SaveDkimKey(seen, domain.name(), DkimKeyring.onHosts(domain)));
  }
}
