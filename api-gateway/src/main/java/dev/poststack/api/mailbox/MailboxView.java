package dev.poststack.api.mailbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.poststack.api.http.Timestamps;
import io.r2dbc.spi.Row;
import java.time.Instant;

/**
 * A mailbox as the docs page shows it, plus the SDK's publicId, teamId, domainId and updatedAt, its
 * usage as the mail hosts last reported it ({@code usedBytes}, {@code messageCount}, {@code
 * usageReportedAt}: null until the first report; after {@code domain}, so the fields the SDK
 * already reads keep their place) and where a single mailbox is read, its {@code propagation} to
 * the mail hosts (absent in lists and 202 answers). {@code lastLoginAt} is the latest IMAP, POP3 or
 * SMTP login on any host, null until the first.
 */
public record MailboxView(
    long id,
    String publicId,
    long teamId,
    long domainId,
    String emailAddress,
    String displayName,
    long quotaBytes,
    String status,
    boolean webhookEnabled,
    String lastLoginAt,
    String createdAt,
    String updatedAt,
    DomainRef domain,
    Long usedBytes,
    Long messageCount,
    String usageReportedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) Propagation propagation) {

  public record DomainRef(long id, String name) {}

  /**
   * On how many of the live registered mail hosts ({@code hosts}: not removed, not offline) the
   * mailbox's latest change is in the live store ({@code applied}), and which have not applied it
   * yet ({@code pending}, host ids, sorted); for a deleted mailbox, how many have removed it. A
   * stable shape: {@code hosts == applied + pending.length}.
   */
  public record Propagation(long hosts, long applied, java.util.List<String> pending) {
    public Propagation {
      pending = java.util.List.copyOf(pending);
    }
  }

  public boolean deleted() {
    return "deleted".equals(status);
  }

  static MailboxView of(Row row) {
    return new MailboxView(
        row.get("id", Long.class),
        row.get("public_id", String.class),
        row.get("team_id", Long.class),
        row.get("domain_id", Long.class),
        row.get("email_address", String.class),
        row.get("display_name", String.class),
        row.get("quota_bytes", Long.class),
        row.get("status", String.class),
        Boolean.TRUE.equals(row.get("webhook_enabled", Boolean.class)),
        Timestamps.format(row.get("last_login_at", Instant.class)),
        Timestamps.format(row.get("created_at", Instant.class)),
        Timestamps.format(row.get("updated_at", Instant.class)),
        new DomainRef(row.get("domain_id", Long.class), row.get("domain_name", String.class)),
        row.get("used_bytes", Long.class),
        row.get("message_count", Long.class),
        Timestamps.format(row.get("usage_reported_at", Instant.class)),
        null);
  }

  MailboxView withPropagation(Propagation p) {
    return new MailboxView(
        id,
        publicId,
        teamId,
        domainId,
        emailAddress,
        displayName,
        quotaBytes,
        status,
        webhookEnabled,
        lastLoginAt,
        createdAt,
        updatedAt,
        domain,
        usedBytes,
        messageCount,
        usageReportedAt,
        p);
  }

  MailboxView with(String newDisplayName, long newQuota, String newStatus, boolean newWebhook) {
    return new MailboxView(
        id,
        publicId,
        teamId,
        domainId,
        emailAddress,
        newDisplayName,
        newQuota,
        newStatus,
        newWebhook,
        lastLoginAt,
        createdAt,
        updatedAt,
        domain,
        usedBytes,
        messageCount,
        usageReportedAt,
        null);
  }
}
