package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.schemas.event.MailboxUpdated;
import dev.poststack.values.mailbox.QuotaBytes;
import java.util.List;
import java.util.Optional;

/** A patch of a live mailbox: only the fields the event sets change. */
final class MailboxUpdatedRule implements Rule<MailboxUpdated> {

  @Override
  public EventType type() {
    return EventType.MAILBOX_UPDATED;
  }

  @Override
  public List<Read> reads(MailboxUpdated event) {
    return List.of(
        new Read.DomainById(event.getDomainId()), new Read.MailboxById(event.getMailboxId()));
  }

  @Override
  public Decision decide(Snapshot current, MailboxUpdated event) {
    // validate the whole patch before looking anything up: a bad value is a bad value
    String newDisplayName =
        event.getDisplayName() == null
            ? null
            : MailboxCreatedRule.displayName(event.getDisplayName().getValue());
    Long newQuota =
        event.getQuotaBytes() == null ? null : new QuotaBytes(event.getQuotaBytes()).value();
    Optional<Mailbox> found =
        Targets.liveMailbox(current, event.getEnvelope(), event.getDomainId());
    if (found.isEmpty()) {
      return Targets.mailboxNotFound(event.getMailboxId());
    }
    Mailbox m = found.get();
    return Decision.applied(
        new Change.SaveMailbox(
            m.changed(
                event.getDisplayName() == null ? m.displayName() : newDisplayName,
                newQuota == null ? m.quotaBytes() : newQuota,
                event.getStatus() == null ? m.status() : status(event.getStatus()),
                event.getWebhookEnabled() == null ? m.webhookEnabled() : event.getWebhookEnabled(),
                event.getEnvelope().getOccurredAt())));
  }

  /**
   * The event's wire enum (Avro; it can only suspend or reactivate) to the one mail-values status.
   */
  private static dev.poststack.values.mailbox.MailboxStatus status(MailboxStatus status) {
    return switch (status) {
      case active -> dev.poststack.values.mailbox.MailboxStatus.ACTIVE;
      case suspended -> dev.poststack.values.mailbox.MailboxStatus.SUSPENDED;
    };
  }
}
