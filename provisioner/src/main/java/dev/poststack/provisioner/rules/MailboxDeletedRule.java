package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.MailboxDeleted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Deleting a mailbox also deletes the aliases that deliver to it: they would bounce. */
final class MailboxDeletedRule implements Rule<MailboxDeleted> {

  @Override
  public EventType type() {
    return EventType.MAILBOX_DELETED;
  }

  @Override
  public List<Read> reads(MailboxDeleted event) {
    return List.of(
        new Read.DomainById(event.getDomainId()),
        new Read.MailboxById(event.getMailboxId()),
        new Read.LiveAliasesTo(event.getMailboxId()));
  }

  @Override
  public Decision decide(Snapshot current, MailboxDeleted event) {
    Optional<Mailbox> found =
        Targets.liveMailbox(current, event.getEnvelope(), event.getDomainId());
    if (found.isEmpty()) {
      return Targets.mailboxNotFound(event.getMailboxId());
    }
    Instant at = event.getEnvelope().getOccurredAt();
    List<Change> changes = new ArrayList<>();
    changes.add(new Change.SaveMailbox(found.get().deleted(at)));
    current.liveAliasesToMailbox().forEach(a -> changes.add(new Change.SaveAlias(a.deleted(at))));
    return Decision.applied(changes);
  }
}
