package dev.poststack.api.webhook.delivery;

import dev.poststack.api.webhook.DeliveryBody;
import dev.poststack.api.webhook.WebhookEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The provisioner's {@code usage_notice} queue (quota at 80 % and 100 %) as {@code
 * mailbox.quota_warning}: a hand-off, so the API takes rows out of the provisioner's table (the
 * provisioner only inserts). A pass claims the oldest rows ({@code for update skip locked}: another
 * instance takes others), queues their deliveries and deletes exactly those rows, in one
 * transaction. Not a position "after id N": the provisioner's activity consumers commit
 * concurrently, so a row with a lower id can become visible after a higher one, and a cursor would
 * pass it by for ever. Every row is deleted, with or without a subscriber, so the queue stays
 * empty. Nothing happens while the table does not exist (a provisioner older than its migration
 * V8).
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
    List<Long> taken = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, team_id, mailbox_id, threshold, used_bytes, quota_bytes, created_at from"
                + " usage_notice order by id limit ? for update skip locked")) {
      s.setInt(1, BATCH);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long id = r.getLong("id");
          taken.add(id);
          queueOne(
              c,
              id,
              r.getLong("team_id"),
              r.getLong("mailbox_id"),
              r.getInt("threshold"),
              r.getLong("used_bytes"),
              r.getLong("quota_bytes"),
              r.getTimestamp("created_at").toInstant());
        }
      }
    }
    if (!taken.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement("delete from usage_notice where id = any(?)")) {
        s.setArray(1, c.createArrayOf("bigint", taken.toArray()));
        s.executeUpdate();
      }
    }
    return taken.size();
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
