package dev.poststack.api.webhook.delivery;

import dev.poststack.api.webhook.DeliveryBody;
import dev.poststack.api.webhook.WebhookEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The provisioner's {@code usage_notice} queue (quota at 80 % and 100 %) as {@code
 * mailbox.quota_warning}. Its position is a row of {@code webhook_source_cursor}, locked for the
 * pass, so one instance reads at a time and the deliveries and the new position commit together.
 * Nothing happens while the table does not exist (a provisioner older than its migration V8).
 */
final class UsageNotices {
  static final String SOURCE = "usage_notice";
  private static final int BATCH = 200;
  private final DataSource db;
  private final DeliveryQueue queue;

  UsageNotices(DataSource db, DeliveryQueue queue) {
    this.db = db;
    this.queue = queue;
  }

  /** One pass; how many notices it read. */
  int poll() throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        int n = pass(c);
        c.commit();
        return n;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private int pass(Connection c) throws SQLException {
    if (!exists(c)) {
      return 0;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into webhook_source_cursor (source, position) values (?, 0) on conflict do"
                + " nothing")) {
      s.setString(1, SOURCE);
      s.executeUpdate();
    }
    long position;
    try (PreparedStatement s =
        c.prepareStatement(
            "select position from webhook_source_cursor where source = ? for update")) {
      s.setString(1, SOURCE);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        position = r.getLong(1);
      }
    }
    long last = position;
    int read = 0;
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, team_id, mailbox_id, threshold, used_bytes, quota_bytes, created_at from"
                + " usage_notice where id > ? order by id limit ?")) {
      s.setLong(1, position);
      s.setInt(2, BATCH);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          read++;
          last = r.getLong("id");
          queueOne(
              c,
              last,
              r.getLong("team_id"),
              r.getLong("mailbox_id"),
              r.getInt("threshold"),
              r.getLong("used_bytes"),
              r.getLong("quota_bytes"),
              r.getTimestamp("created_at").toInstant());
        }
      }
    }
    if (last != position) {
      try (PreparedStatement s =
          c.prepareStatement("update webhook_source_cursor set position = ? where source = ?")) {
        s.setLong(1, last);
        s.setString(2, SOURCE);
        s.executeUpdate();
      }
    }
    return read;
  }

  private void queueOne(
      Connection c,
      long noticeId,
      long teamId,
      long mailboxId,
      int threshold,
      long used,
      long quota,
      java.time.Instant at)
      throws SQLException {
    var subscribers = queue.subscribers(c, teamId, WebhookEvent.MAILBOX_QUOTA_WARNING);
    if (subscribers.isEmpty()) {
      return;
    }
    Optional<MailboxRef> mailbox = queue.mailbox(c, mailboxId);
    if (mailbox.isEmpty() || mailbox.get().teamId() != teamId) {
      return;
    }
    String data =
        DeliveryBody.data(
            Payloads.quotaWarning(mailbox.get(), noticeId, threshold, used, quota, at));
    for (Subscriber s : subscribers) {
      queue.enqueue(
          c,
          new NewDelivery(
              s.webhookId(),
              teamId,
              WebhookEvent.MAILBOX_QUOTA_WARNING.wireName(),
              "usage_notice:" + noticeId,
              Long.toString(mailboxId),
              data));
    }
  }

  private static boolean exists(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("select to_regclass('usage_notice') is not null");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getBoolean(1);
    }
  }
}
