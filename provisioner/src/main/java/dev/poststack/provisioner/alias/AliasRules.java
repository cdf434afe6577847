package dev.poststack.provisioner.alias;

import static dev.poststack.schemas.RejectionCode.ADDRESS_TAKEN;
import static dev.poststack.schemas.RejectionCode.ALIAS_NOT_FOUND;
import static dev.poststack.schemas.RejectionCode.ALIAS_POINTS_TO_ITSELF;
import static dev.poststack.schemas.RejectionCode.ALIAS_SHADOWS_MAILBOX;
import static dev.poststack.schemas.RejectionCode.DESTINATION_NOT_FOUND;
import static dev.poststack.schemas.RejectionCode.ID_CONFLICT;

import dev.poststack.provisioner.Change;
import dev.poststack.provisioner.Decision;
import dev.poststack.provisioner.PublicIds;
import dev.poststack.provisioner.Snapshot;
import dev.poststack.provisioner.domain.DomainRules;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.renderer.address.DomainName;
import dev.poststack.renderer.address.EmailAddress;
import dev.poststack.renderer.address.LocalPart;
import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.AliasDeleted;
import dev.poststack.schemas.event.Envelope;
import java.time.Instant;
import java.util.Optional;

/** Rules for alias events: an alias is a spare address of one live mailbox in its domain. */
public final class AliasRules {
  private AliasRules() {}

  public static Decision created(Snapshot current, AliasCreated event) {
    LocalPart localPart = new LocalPart(event.getLocalPart());
    String publicId = PublicIds.check(event.getPublicId());
    Envelope envelope = event.getEnvelope();
    if (current.alias().isPresent() || current.publicIdTaken()) {
      return Decision.rejected(ID_CONFLICT, "alias " + event.getAliasId() + " already exists");
    }
    Optional<Decision> refusal =
        DomainRules.refusesNewAddresses(current, envelope.getTeamId(), event.getDomainId());
    if (refusal.isPresent()) {
      return refusal.get();
    }
    EmailAddress address =
        new EmailAddress(localPart, new DomainName(current.domain().orElseThrow().name()));
    Optional<Mailbox> destination = current.mailbox()
        .filter(m -> m.id() == event.getDestinationMailboxId())
        .filter(m -> m.isLiveFor(envelope.getTeamId(), event.getDomainId()));
    if (destination.isEmpty()) {
      return Decision.rejected(DESTINATION_NOT_FOUND,
          "mailbox " + event.getDestinationMailboxId() + " not found in this domain");
    }
    if (destination.get().localPart().equals(localPart.value())) {
      return Decision.rejected(ALIAS_POINTS_TO_ITSELF, address + " would deliver to itself");
    }
    if (current.liveMailboxAtAddress().isPresent()) {
      return Decision.rejected(ALIAS_SHADOWS_MAILBOX, address + " is a mailbox");
    }
    if (current.liveAliasAtAddress().isPresent()) {
      return Decision.rejected(ADDRESS_TAKEN, address + " is already taken");
    }
    Alias alias = new Alias(event.getAliasId(), publicId, envelope.getTeamId(),
        event.getDomainId(), localPart.value(), address.value(), event.getDestinationMailboxId(),
        envelope.getOccurredAt(), null);
    return Decision.applied(new Change.SaveAlias(alias));
  }

  public static Decision deleted(Snapshot current, AliasDeleted event) {
    Envelope envelope = event.getEnvelope();
    Optional<Alias> found =
        current.alias().filter(a -> a.isLiveFor(envelope.getTeamId(), event.getDomainId()));
    if (found.isEmpty()) {
      return Decision.rejected(ALIAS_NOT_FOUND, "alias " + event.getAliasId() + " not found");
    }
    Instant at = envelope.getOccurredAt();
    return Decision.applied(new Change.SaveAlias(found.get().deleted(at)));
  }
}
