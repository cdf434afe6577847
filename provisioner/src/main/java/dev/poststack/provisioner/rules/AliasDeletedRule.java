package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.ALIAS_NOT_FOUND;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.AliasDeleted;
import dev.poststack.schemas.event.Envelope;
import java.util.List;
import java.util.Optional;

/** A live alias of the team in the event's domain is deleted; its mailbox stays. */
final class AliasDeletedRule implements Rule<AliasDeleted> {

  @Override
  public EventType type() {
    return EventType.ALIAS_DELETED;
  }

  @Override
  public List<Read> reads(AliasDeleted event) {
    return List.of(
        new Read.DomainById(event.getDomainId()), new Read.AliasById(event.getAliasId()));
  }

  @Override
  public Decision decide(Snapshot current, AliasDeleted event) {
    Envelope envelope = event.getEnvelope();
    Optional<Alias> found =
        current.alias().filter(a -> a.isLiveFor(envelope.getTeamId(), event.getDomainId()));
    if (found.isEmpty()) {
      return Decision.rejected(ALIAS_NOT_FOUND, "alias " + event.getAliasId() + " not found");
    }
    return Decision.applied(new Change.SaveAlias(found.get().deleted(envelope.getOccurredAt())));
  }
}
