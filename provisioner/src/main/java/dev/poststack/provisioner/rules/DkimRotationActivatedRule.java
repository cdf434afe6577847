package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.dkim.DkimKey;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.DkimRotationActivated;
import dev.poststack.values.dkim.DkimKeyState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cutover: the staged key signs, the key of its algorithm that signed until now retires (kept on
 * the hosts, their records published) until retireAfter. The API sends this only once the record
 * was seen.
 */
final class DkimRotationActivatedRule implements Rule<DkimRotationActivated> {

  @Override
  public EventType type() {
    return EventType.DKIM_ROTATION_ACTIVATED;
  }

  @Override
  public List<Read> reads(DkimRotationActivated event) {
    return List.of(
        new Read.DomainById(event.getDomainId()), new Read.DkimKeysOf(event.getDomainId()));
  }

  @Override
  public Decision decide(Snapshot current, DkimRotationActivated event) {
    Optional<Domain> found = Targets.liveDomainOfTeam(current, event.getEnvelope().getTeamId());
    if (found.isEmpty()) {
      return Targets.domainNotFound(event.getDomainId());
    }
    Optional<DkimKey> staged =
        DkimKeyring.inState(current.dkimKeys(), event.getSelector(), DkimKeyState.STAGED);
    if (staged.isEmpty()) {
      return DkimKeyring.conflict(event.getSelector(), "staged");
    }
    Domain domain = found.get();
    boolean onHosts = DkimKeyring.onHosts(domain);
    Instant at = event.getEnvelope().getOccurredAt();
    List<Change> changes = new ArrayList<>();
    for (DkimKey k : current.dkimKeys()) {
      // an Ed25519 key signing beside RSA is another rotation's business
      if (k.state() == DkimKeyState.ACTIVE && k.algorithm().equals(staged.get().algorithm())) {
        changes.add(
            new Change.SaveDkimKey(k.retiring(event.getRetireAfter()), domain.name(), onHosts));
      }
    }
    changes.add(new Change.SaveDkimKey(staged.get().activated(at), domain.name(), onHosts));
    return Decision.applied(changes);
  }
}
