package dev.poststack.provisioner.activity;

import dev.poststack.provisioner.activity.Observation.Usage;
import java.time.Instant;

/**
 * A mailbox row as activity sees it: who owns it, whether it is live, its quota, and the
 * observation columns (V8). {@code onVerifiedDomain} breaks the rare tie of two live mailboxes with
 * one address (another team's unverified claim of the name): hosts serve the verified domain's.
 */
public record ObservedMailbox(
    long id,
    long teamId,
    String emailAddress,
    boolean live,
    boolean onVerifiedDomain,
    long quotaBytes,
    Instant lastLoginAt,
    Usage usage,
    int quotaNoticeLevel) {

  ObservedMailbox withObservations(Instant login, Usage newUsage, int level) {
    return new ObservedMailbox(
        id, teamId, emailAddress, live, onVerifiedDomain, quotaBytes, login, newUsage, level);
  }
}
