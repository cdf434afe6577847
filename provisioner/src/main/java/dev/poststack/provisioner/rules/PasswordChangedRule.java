package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.schemas.EventType;
import dev.poststack.schemas.event.PasswordChanged;
import dev.poststack.values.mailbox.PasswordHash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A live mailbox gets a new password hash. The API hashed the password; here the hash is only
 * checked for a scheme the mail hosts accept, and it never reaches the audit log.
 */
final class PasswordChangedRule implements Rule<PasswordChanged> {

  @Override
  public EventType type() {
    return EventType.PASSWORD_CHANGED;
  }

  @Override
  public List<Read> reads(PasswordChanged event) {
    return List.of(
        new Read.DomainById(event.getDomainId()), new Read.MailboxById(event.getMailboxId()));
  }

  @Override
  public Decision decide(Snapshot current, PasswordChanged event) {
    PasswordHash hash = new PasswordHash(event.getPasswordHash());
    Optional<Mailbox> found =
        Targets.liveMailbox(current, event.getEnvelope(), event.getDomainId());
    if (found.isEmpty()) {
      return Targets.mailboxNotFound(event.getMailboxId());
    }
    Instant at = event.getEnvelope().getOccurredAt();
    return Decision.applied(new Change.SaveMailbox(found.get().withPasswordHash(hash.value(), at)));
  }
}
