package dev.poststack.provisioner.activity;

import dev.poststack.schemas.host.MailboxActivity;
import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One host's report about one mailbox, checked: a valid address, a positive id if any, and
 * timestamps a sane host could have taken. A login or usage outside that is left out rather than
 * stored, because both rules are "the latest wins": one report from a host whose clock runs a year
 * ahead would otherwise pin the mailbox's {@code lastLoginAt} (or freeze its usage) for a year.
 *
 * @param mailboxId the id the host store holds for the address, or null
 * @param lastLoginAt null when the report carries no (acceptable) login
 * @param usage null when the report carries no (acceptable) usage
 */
public record Observation(EmailAddress address, Long mailboxId, Instant lastLoginAt, Usage usage) {

  /** How far ahead of the provisioner's clock a host's clock may run. */
  public static final Duration MAX_CLOCK_AHEAD = Duration.ofHours(1);

  /** Nothing a mail host saw happened before this. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /** Usage as a host counted it at {@code observedAt}. */
  public record Usage(long usedBytes, Long messageCount, Instant observedAt) {
    /**
     * Whether this observation wins over {@code other}: the later one; at the same instant (two
     * hosts in one millisecond) the larger count, so the outcome does not depend on arrival order.
     */
    public boolean supersedes(Usage other) {
      if (other == null) {
        return true;
      }
      int byTime = observedAt.compareTo(other.observedAt);
      if (byTime != 0) {
        return byTime > 0;
      }
      int byBytes = Long.compare(usedBytes, other.usedBytes);
      if (byBytes != 0) {
        return byBytes > 0;
      }
      return Long.compare(count(messageCount), count(other.messageCount)) > 0;
    }

    private static long count(Long messages) {
      return messages == null ? -1 : messages;
    }
  }

  /**
   * The report as an observation, or empty when nothing in it can be used (no valid address, or
   * neither an acceptable login nor an acceptable usage).
   *
   * @param now the provisioner's clock, only to bound how far ahead a host's timestamps may be
   */
  public static Optional<Observation> of(MailboxActivity report, Instant now) {
    EmailAddress address;
    try {
      address = EmailAddress.parse(report.getAddress());
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
    Long mailboxId = report.getMailboxId();
    if (mailboxId != null && mailboxId <= 0) {
      mailboxId = null;
    }
    Instant latest = now.plus(MAX_CLOCK_AHEAD);
    Instant login = plausible(report.getLastLoginAt(), latest);
    Usage usage = null;
    Long used = report.getUsedBytes();
    Long messages = report.getMessageCount();
    Instant observed =
        report.getUsageObservedAt() != null ? report.getUsageObservedAt() : report.getReportedAt();
    if (used != null && used >= 0 && plausible(observed, latest) != null) {
      usage = new Usage(used, messages != null && messages >= 0 ? messages : null, observed);
    }
    if (login == null && usage == null) {
      return Optional.empty();
    }
    return Optional.of(new Observation(address, mailboxId, login, usage));
  }

  private static Instant plausible(Instant at, Instant latest) {
    return at != null && !at.isBefore(EARLIEST) && !at.isAfter(latest) ? at : null;
  }
}
