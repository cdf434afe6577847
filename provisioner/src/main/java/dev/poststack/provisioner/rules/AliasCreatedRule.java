package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.ADDRESS_TAKEN;
import static dev.poststack.schemas.RejectionCode.ALIAS_POINTS_TO_ITSELF;
import static dev.poststack.schemas.RejectionCode.ALIAS_SHADOWS_MAILBOX;
import static dev.poststack.schemas.RejectionCode.DESTINATION_NOT_FOUND;
import static dev.poststack.schemas.RejectionCode.ID_CONFLICT;

import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.AliasCreated;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.address.LocalPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An alias is a spare address of one live mailbox in its domain, at an address nobody holds. */
final class AliasCreatedRule implements Rule<AliasCreated> {

  @Override
  public EventType type() {
    return EventType.ALIAS_CREATED;
  }

  @Override
  public List<Read> reads(AliasCreated event) {
    List<Read> reads =
        new ArrayList<>(
            List.of(
                new Read.DomainById(event.getDomainId()),
                new Read.AliasById(event.getAliasId()),
                new Read.PublicIdTaken(Read.Table.ALIAS, event.getPublicId()),
                new Read.MailboxById(event.getDestinationMailboxId()),
                new Read.LiveAtAddress(event.getDomainId(), event.getLocalPart())));
    if (event.getAliasLimit() != null) {
      reads.add(new Read.TeamUsageOf(event.getEnvelope().getTeamId()));
    }
    return reads;
  }

  @Override
  public Decision decide(Snapshot current, AliasCreated event) {
    LocalPart localPart = new LocalPart(event.getLocalPart());
    String publicId = PublicIdForm.check(event.getPublicId());
    Envelope envelope = event.getEnvelope();
    if (current.alias().isPresent() || current.publicIdTaken()) {
      return Decision.rejected(ID_CONFLICT, "alias " + event.getAliasId() + " already exists");
    }
    Optional<Decision> refusal =
        Targets.refusesNewAddresses(current, envelope.getTeamId(), event.getDomainId())
            .or(
                () ->
                    Limits.refusal(
                        TeamLimit.ALIASES, event.getAliasLimit(), current.usage().aliases()));
    if (refusal.isPresent()) {
      return refusal.get();
    }
    EmailAddress address =
        new EmailAddress(localPart, new DomainName(current.domain().orElseThrow().name()));
    Optional<Mailbox> destination =
        current
            .mailbox()
            .filter(m -> m.id() == event.getDestinationMailboxId())
            .filter(m -> m.isLiveFor(envelope.getTeamId(), event.getDomainId()));
    if (destination.isEmpty()) {
      return Decision.rejected(
          DESTINATION_NOT_FOUND,
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
    Alias alias =
        new Alias(
            event.getAliasId(),
            publicId,
            envelope.getTeamId(),
            event.getDomainId(),
            localPart.value(),
            address.value(),
            event.getDestinationMailboxId(),
            envelope.getOccurredAt(),
            null);
    return Decision.applied(new Change.SaveAlias(alias));
  }
}
