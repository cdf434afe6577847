package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.ADDRESS_TAKEN;
import static dev.poststack.schemas.RejectionCode.ID_CONFLICT;

import dev.poststack.controlplane.limit.TeamLimit;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.address.LocalPart;
import dev.poststack.values.mailbox.DisplayName;
import dev.poststack.values.mailbox.MailboxStatus;
import dev.poststack.values.mailbox.PasswordHash;
import dev.poststack.values.mailbox.QuotaBytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A new active mailbox on a verified, inbound domain of the team, at an address no live mailbox or
 * alias holds. Every value is re-validated with the renderer's value types.
 */
final class MailboxCreatedRule implements Rule<MailboxCreated> {

  @Override
  public EventType type() {
    return EventType.MAILBOX_CREATED;
  }

  @Override
  public List<Read> reads(MailboxCreated event) {
    List<Read> reads =
        new ArrayList<>(
            List.of(
                new Read.DomainById(event.getDomainId()),
                new Read.MailboxById(event.getMailboxId()),
                new Read.PublicIdTaken(Read.Table.MAILBOX, event.getPublicId()),
                new Read.LiveAtAddress(event.getDomainId(), event.getLocalPart())));
    if (event.getMailboxLimit() != null) {
      reads.add(new Read.TeamUsageOf(event.getEnvelope().getTeamId()));
    }
    return reads;
  }

  @Override
  public Decision decide(Snapshot current, MailboxCreated event) {
    LocalPart localPart = new LocalPart(event.getLocalPart());
    PasswordHash hash = new PasswordHash(event.getPasswordHash());
    String displayName = displayName(event.getDisplayName());
    QuotaBytes quota = new QuotaBytes(event.getQuotaBytes());
    String publicId = PublicIdForm.check(event.getPublicId());
    Envelope envelope = event.getEnvelope();
    if (current.mailbox().isPresent() || current.publicIdTaken()) {
      return Decision.rejected(ID_CONFLICT, "mailbox " + event.getMailboxId() + " already exists");
    }
    Optional<Decision> refusal =
        Targets.refusesNewAddresses(current, envelope.getTeamId(), event.getDomainId())
            .or(
                () ->
                    Limits.refusal(
                        TeamLimit.MAILBOXES, event.getMailboxLimit(), current.usage().mailboxes()));
    if (refusal.isPresent()) {
      return refusal.get();
    }
    EmailAddress address =
        new EmailAddress(localPart, new DomainName(current.domain().orElseThrow().name()));
    if (current.liveMailboxAtAddress().isPresent() || current.liveAliasAtAddress().isPresent()) {
      return Decision.rejected(ADDRESS_TAKEN, address + " is already taken");
    }
    Instant at = envelope.getOccurredAt();
    Mailbox mailbox =
        new Mailbox(
            event.getMailboxId(),
            publicId,
            envelope.getTeamId(),
            event.getDomainId(),
            localPart.value(),
            address.value(),
            hash.value(),
            displayName,
            quota.value(),
            MailboxStatus.ACTIVE,
            event.getWebhookEnabled(),
            at,
            at,
            null);
    return Decision.applied(new Change.SaveMailbox(mailbox));
  }

  /** Shared with {@link MailboxUpdatedRule}: null means "no display name". */
  static String displayName(String raw) {
    return raw == null ? null : new DisplayName(raw).value();
  }
}
