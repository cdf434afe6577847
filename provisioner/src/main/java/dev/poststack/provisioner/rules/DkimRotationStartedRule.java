package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.DKIM_ROTATION_CONFLICT;
import static dev.poststack.schemas.RejectionCode.ID_CONFLICT;

import dev.poststack.provisioner.dkim.DkimKey;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.DkimRotationStarted;
import dev.poststack.values.dkim.DkimKeyState;
import java.util.List;
import java.util.Optional;

/**
 * A new key is staged on the hosts (present, not signing) until its record is seen and the rotation
 * activated. One rotation at a time. A domain without an active key (created before DKIM) takes the
 * new key as its active key at once: nothing signed for it before, so nothing can break.
 */
final class DkimRotationStartedRule implements Rule<DkimRotationStarted> {

  @Override
  public EventType type() {
    return EventType.DKIM_ROTATION_STARTED;
  }

  @Override
  public List<Read> reads(DkimRotationStarted event) {
    return List.of(
        new Read.DomainById(event.getDomainId()), new Read.DkimKeysOf(event.getDomainId()));
  }

  @Override
  public Decision decide(Snapshot current, DkimRotationStarted event) {
    Optional<Domain> found = Targets.liveDomainOfTeam(current, event.getEnvelope().getTeamId());
    if (found.isEmpty()) {
      return Targets.domainNotFound(event.getDomainId());
    }
    List<DkimKey> keys = current.dkimKeys();
    if (DkimKeyring.any(keys, DkimKeyState.STAGED)) {
      return Decision.rejected(DKIM_ROTATION_CONFLICT, "a DKIM rotation is already in progress");
    }
    String selector = event.getKey().getSelector();
    if (keys.stream().anyMatch(k -> k.selector().equals(selector))) {
      return Decision.rejected(ID_CONFLICT, "selector " + selector + " already exists");
    }
    DkimKeyState state =
        DkimKeyring.any(keys, DkimKeyState.ACTIVE) ? DkimKeyState.STAGED : DkimKeyState.ACTIVE;
    DkimKey key =
        DkimKeyring.fromEvent(
            event.getDomainId(), event.getKey(), state, event.getEnvelope().getOccurredAt());
    Domain domain = found.get();
    return Decision.applied(
        new Change.SaveDkimKey(key, domain.name(), DkimKeyring.onHosts(domain)));
  }
}
