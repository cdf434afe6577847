package dev.poststack.provisioner.team;

/**
 * What a team holds now, as {@code team_usage} counts it: live domains, of them unverified (pending
 * or failed), live (active or suspended) mailboxes and live aliases.
 */
public record TeamUsage(long domains, long pendingDomains, long mailboxes, long aliases) {
  public static final TeamUsage NONE = new TeamUsage(0, 0, 0, 0);
}
