package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.DOMAIN_NAME_TAKEN;
import static dev.poststack.schemas.RejectionCode.ID_CONFLICT;

import dev.poststack.provisioner.domain.Domain;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.values.address.DomainName;
import java.time.Instant;
import java.util.List;

/** A new domain starts pending; its name is unique among live domains of every team. */
final class DomainCreatedRule implements Rule<DomainCreated> {

  @Override
  public EventType type() {
    return EventType.DOMAIN_CREATED;
  }

  @Override
  public List<Read> reads(DomainCreated event) {
    return List.of(
        new Read.DomainById(event.getDomainId()),
        new Read.LiveDomainNamed(event.getName()),
        new Read.PublicIdTaken(Read.Table.DOMAIN, event.getPublicId()));
  }

  @Override
  public Decision decide(Snapshot current, DomainCreated event) {
    // strict constructor, not DomainName.of: the event must carry the canonical name it stores
    DomainName name = new DomainName(event.getName());
    String publicId = PublicIdForm.check(event.getPublicId());
    if (current.domain().isPresent() || current.publicIdTaken()) {
      return Decision.rejected(ID_CONFLICT, "domain " + event.getDomainId() + " already exists");
    }
    if (current.liveDomainNamed().isPresent()) {
      return Decision.rejected(DOMAIN_NAME_TAKEN, "domain name " + name + " is already in use");
    }
    Instant at = event.getEnvelope().getOccurredAt();
    Domain domain =
        new Domain(
            event.getDomainId(),
            publicId,
            event.getEnvelope().getTeamId(),
            name.value(),
            DomainStatus.pending,
            event.getInboundEnabled(),
            null,
            at,
            at,
            null);
    return Decision.applied(new Change.SaveDomain(domain));
  }
}
