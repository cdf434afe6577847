package dev.poststack.provisioner.rules;

import static dev.poststack.schemas.RejectionCode.DOMAIN_INBOUND_DISABLED;
import static dev.poststack.schemas.RejectionCode.DOMAIN_NOT_FOUND;
import static dev.poststack.schemas.RejectionCode.DOMAIN_NOT_VERIFIED;
import static dev.poststack.schemas.RejectionCode.MAILBOX_NOT_FOUND;

import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.Envelope;
import java.util.Optional;

/**
 * The lookups several rules share: what an event may act on, and the refusal when it is missing.
 * Another team's or a deleted object is "not found", never "forbidden": ids do not leak.
 */
final class Targets {
  private Targets() {}

  static Optional<Domain> liveDomainOfTeam(Snapshot current, long team) {
    return current.domain().filter(d -> d.isLiveFor(team));
  }

  /** The snapshot's mailbox, if it is live, the team's and in the event's domain. */
  static Optional<Mailbox> liveMailbox(Snapshot current, Envelope envelope, long domainId) {
    return current.mailbox().filter(m -> m.isLiveFor(envelope.getTeamId(), domainId));
  }

  /**
   * Why the snapshot's domain cannot take a new mailbox or alias for this team, if it cannot: it
   * must exist, be the team's, be verified and accept inbound mail.
   */
  static Optional<Decision> refusesNewAddresses(Snapshot current, long team, long domainId) {
    Optional<Domain> found = liveDomainOfTeam(current, team);
    if (found.isEmpty()) {
      return Optional.of(domainNotFound(domainId));
    }
    if (found.get().status() != DomainStatus.verified) {
      return Optional.of(
          Decision.rejected(DOMAIN_NOT_VERIFIED, "domain " + domainId + " is not verified"));
    }
    if (!found.get().inboundEnabled()) {
      return Optional.of(
          Decision.rejected(
              DOMAIN_INBOUND_DISABLED, "domain " + domainId + " does not accept inbound mail"));
    }
    return Optional.empty();
  }

  static Decision domainNotFound(long domainId) {
    return Decision.rejected(DOMAIN_NOT_FOUND, "domain " + domainId + " not found");
  }

  static Decision mailboxNotFound(long mailboxId) {
    return Decision.rejected(MAILBOX_NOT_FOUND, "mailbox " + mailboxId + " not found");
  }
}
