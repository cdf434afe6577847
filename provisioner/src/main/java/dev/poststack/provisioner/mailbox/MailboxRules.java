package dev.poststack.provisioner.mailbox;

import static dev.poststack.schemas.RejectionCode.ADDRESS_TAKEN;
import static dev.poststack.schemas.RejectionCode.ID_CONFLICT;
import static dev.poststack.schemas.RejectionCode.MAILBOX_NOT_FOUND;

import dev.poststack.provisioner.Change;
import dev.poststack.provisioner.Decision;
import dev.poststack.provisioner.PublicIds;
import dev.poststack.provisioner.Snapshot;
import dev.poststack.provisioner.domain.DomainRules;
import dev.poststack.renderer.address.DomainName;
import dev.poststack.renderer.address.EmailAddress;
import dev.poststack.renderer.address.LocalPart;
import dev.poststack.renderer.mailbox.DisplayName;
import dev.poststack.renderer.mailbox.PasswordHash;
import dev.poststack.renderer.mailbox.QuotaBytes;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.schemas.event.MailboxDeleted;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.schemas.event.MailboxUpdated;
import dev.poststack.schemas.event.PasswordChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rules for mailbox events. Every value is re-validated with the renderer's value types. */
public final class MailboxRules {
  private MailboxRules() {}

  public static Decision created(Snapshot current, MailboxCreated event) {
    LocalPart localPart = new LocalPart(event.getLocalPart());
    PasswordHash hash = new PasswordHash(event.getPasswordHash());
    String displayName = displayName(event.getDisplayName());
    QuotaBytes quota = new QuotaBytes(event.getQuotaBytes());
    String publicId = PublicIds.check(event.getPublicId());
    Envelope envelope = event.getEnvelope();
    if (current.mailbox().isPresent() || current.publicIdTaken()) {
      return Decision.rejected(ID_CONFLICT, "mailbox " + event.getMailboxId() + " already exists");
    }
    Optional<Decision> refusal =
        DomainRules.refusesNewAddresses(current, envelope.getTeamId(), event.getDomainId());
    if (refusal.isPresent()) {
      return refusal.get();
    }
    EmailAddress address =
        new EmailAddress(localPart, new DomainName(current.domain().orElseThrow().name()));
    if (current.liveMailboxAtAddress().isPresent() || current.liveAliasAtAddress().isPresent()) {
      return Decision.rejected(ADDRESS_TAKEN, address + " is already taken");
    }
    Instant at = envelope.getOccurredAt();
    Mailbox mailbox = new Mailbox(event.getMailboxId(), publicId, envelope.getTeamId(),
        event.getDomainId(), localPart.value(), address.value(), hash.value(), displayName,
        quota.value(), Mailbox.Status.ACTIVE, event.getWebhookEnabled(), at, at, null);
    return Decision.applied(new Change.SaveMailbox(mailbox));
  }

  public static Decision updated(Snapshot current, MailboxUpdated event) {
    // validate the whole patch before looking anything up: a bad value is a bad value
    String newDisplayName = event.getDisplayName() == null
        ? null : displayName(event.getDisplayName().getValue());
    Long newQuota = event.getQuotaBytes() == null
        ? null : new QuotaBytes(event.getQuotaBytes()).value();
    Optional<Mailbox> found = liveTarget(current, event.getEnvelope(), event.getDomainId());
    if (found.isEmpty()) {
      return notFound(event.getMailboxId());
    }
    Mailbox m = found.get();
    return Decision.applied(new Change.SaveMailbox(m.changed(
        event.getDisplayName() == null ? m.displayName() : newDisplayName,
        newQuota == null ? m.quotaBytes() : newQuota,
        event.getStatus() == null ? m.status() : status(event.getStatus()),
        event.getWebhookEnabled() == null ? m.webhookEnabled() : event.getWebhookEnabled(),
        event.getEnvelope().getOccurredAt())));
  }

  public static Decision passwordChanged(Snapshot current, PasswordChanged event) {
    PasswordHash hash = new PasswordHash(event.getPasswordHash());
    Optional<Mailbox> found = liveTarget(current, event.getEnvelope(), event.getDomainId());
    if (found.isEmpty()) {
      return notFound(event.getMailboxId());
    }
    Instant at = event.getEnvelope().getOccurredAt();
    return Decision.applied(new Change.SaveMailbox(found.get().withPasswordHash(hash.value(), at)));
  }

  /** Deleting a mailbox also deletes the aliases that deliver to it: they would bounce. */
  public static Decision deleted(Snapshot current, MailboxDeleted event) {
    Optional<Mailbox> found = liveTarget(current, event.getEnvelope(), event.getDomainId());
    if (found.isEmpty()) {
      return notFound(event.getMailboxId());
    }
    Instant at = event.getEnvelope().getOccurredAt();
    List<Change> changes = new ArrayList<>();
    changes.add(new Change.SaveMailbox(found.get().deleted(at)));
    current.liveAliasesToMailbox().forEach(a -> changes.add(new Change.SaveAlias(a.deleted(at))));
    return Decision.applied(changes);
  }

  private static Optional<Mailbox> liveTarget(Snapshot current, Envelope envelope, long domainId) {
    return current.mailbox().filter(m -> m.isLiveFor(envelope.getTeamId(), domainId));
  }

  private static String displayName(String raw) {
    return raw == null ? null : new DisplayName(raw).value();
  }

  private static Mailbox.Status status(MailboxStatus status) {
    return switch (status) {
      case active -> Mailbox.Status.ACTIVE;
      case suspended -> Mailbox.Status.SUSPENDED;
    };
  }

  private static Decision notFound(long mailboxId) {
    return Decision.rejected(MAILBOX_NOT_FOUND, "mailbox " + mailboxId + " not found");
  }
}
