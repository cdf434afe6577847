package dev.poststack.provisioner.mailbox;

import dev.poststack.values.mailbox.MailboxStatus;
import java.time.Instant;

/**
 * A row of {@code mailbox} as the provisioner writes it ({@code last_login_at} belongs to the login
 * path and is never touched here). Timestamps all come from events.
 */
public record Mailbox(
    long id,
    String publicId,
    long teamId,
    long domainId,
    String localPart,
    String emailAddress,
    String passwordHash,
    String displayName,
    long quotaBytes,
    MailboxStatus status,
    boolean webhookEnabled,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt) {

  public boolean isLive() {
    return status != MailboxStatus.DELETED;
  }

  /** Live, owned by the team and in the event's domain; anything else is "not found". */
  public boolean isLiveFor(long team, long domain) {
    return isLive() && teamId == team && domainId == domain;
  }

  public Mailbox changed(
      String newDisplayName, long newQuota, MailboxStatus newStatus, boolean webhook, Instant at) {
    return new Mailbox(
        id,
        publicId,
        teamId,
        domainId,
        localPart,
        emailAddress,
        passwordHash,
        newDisplayName,
        newQuota,
        newStatus,
        webhook,
        createdAt,
        at,
        deletedAt);
  }

  public Mailbox withPasswordHash(String hash, Instant at) {
    return new Mailbox(
        id,
        publicId,
        teamId,
        domainId,
        localPart,
        emailAddress,
        hash,
        displayName,
        quotaBytes,
        status,
        webhookEnabled,
        createdAt,
        at,
        deletedAt);
  }

  public Mailbox deleted(Instant at) {
    return new Mailbox(
        id,
        publicId,
        teamId,
        domainId,
        localPart,
        emailAddress,
        passwordHash,
        displayName,
        quotaBytes,
        MailboxStatus.DELETED,
        webhookEnabled,
        createdAt,
        at,
        at);
  }

  /** Hashes are secrets too: never in a log line. */
  @Override
  public String toString() {
    return "Mailbox[id=" + id + ", address=" + emailAddress + ", status=" + status + "]";
  }
}
