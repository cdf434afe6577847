package dev.poststack.api.webhook.delivery;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The senders' side of the queue. {@link #claim} takes due deliveries with {@code for update skip
 * locked} and moves their {@code next_attempt_at} to the end of a lease while counting the attempt,
 * so no two senders (of any instance) send one attempt; a sender that dies loses only its lease,
 * and the next attempt has a new number. A delivery whose mailbox has an earlier pending delivery
 * to the same webhook is not due. {@link #record} keeps each attempt's result once (unique delivery
 * and attempt number) and moves the delivery on only if the attempt is still its latest (a late
 * result after the lease ran out and another sender took over is history, not state).
 */
final class SendLog {
  private final DataSource db;
  private final Duration lease;
  private final int disableAfter;

  SendLog(DataSource db, Duration lease, int disableAfter) {
    this.db = db;
    this.lease = lease;
    this.disableAfter = disableAfter;
  }

  /**
   * @param busy requests this instance is sending now, per webhook
   * @param perWebhook at most this many per webhook, counting {@code busy}
   */
  List<Claimed> claim(int max, Map<Long, Integer> busy, int perWebhook) throws SQLException {
    Set<Long> saturated = new HashSet<>();
    busy.forEach(
        (webhook, n) -> {
          if (n >= perWebhook) {
            saturated.add(webhook);
          }
        });
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<Claimed> picked = new ArrayList<>();
        try (PreparedStatement s =
            c.prepareStatement(
                "select d.id, d.webhook_id, d.team_id, d.event_type, d.data, d.created_at,"
                    + " d.attempts, d.retry_until, w.url, w.secret_sealed,"
                    + " w.previous_secret_sealed, w.previous_secret_expires_at from"
                    + " webhook_delivery d join webhook w on w.id = d.webhook_id where d.state ="
                    + " 'pending' and d.next_attempt_at <= now() and w.enabled and w.disabled_at"
                    + " is null and not (d.webhook_id = any(?)) and (d.order_key is null or not"
                    + " exists (select 1 from webhook_delivery e where e.webhook_id ="
                    + " d.webhook_id and e.order_key = d.order_key and e.state = 'pending' and"
                    + " e.id < d.id)) order by d.next_attempt_at, d.id limit ? for update of d"
                    + " skip locked")) {
          Array ids = c.createArrayOf("bigint", saturated.toArray());
          s.setArray(1, ids);
          s.setInt(2, max);
          Map<Long, Integer> taken = new HashMap<>();
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              long webhook = r.getLong("webhook_id");
              int n = taken.merge(webhook, 1, Integer::sum) + busy.getOrDefault(webhook, 0);
              if (n > perWebhook) {
                continue; // this webhook's share is taken; the row stays for later
              }
              picked.add(
                  new Claimed(
                      r.getLong("id"),
                      webhook,
                      r.getLong("team_id"),
                      r.getString("event_type"),
                      r.getString("data"),
                      r.getTimestamp("created_at").toInstant(),
                      r.getInt("attempts") + 1,
                      r.getTimestamp("retry_until").toInstant(),
                      r.getString("url"),
                      r.getBytes("secret_sealed"),
                      r.getBytes("previous_secret_sealed"),
                      instant(r.getTimestamp("previous_secret_expires_at"))));
            }
          }
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "update webhook_delivery set attempts = ?, next_attempt_at = now() +"
                    + " make_interval(secs => ?) where id = ?")) {
          for (Claimed d : picked) {
            s.setInt(1, d.attempt());
            s.setDouble(2, lease.toMillis() / 1000.0);
            s.setLong(3, d.id());
            s.addBatch();
          }
          s.executeBatch();
        }
        c.commit();
        return picked;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * @param next when to try again after a failure; empty: the delivery has failed for good
   */
  void record(
      Claimed d,
      TargetClient.Result result,
      Instant started,
      long durationMs,
      Optional<Instant> next)
      throws SQLException {
    boolean ok = result.succeeded();
    String shown = result.responseBody() != null ? result.responseBody() : result.error();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        // the attempt row first: a result is recorded once per attempt, whoever reports it
        if (attempt(c, d, result, started, durationMs)) {
          int updated;
          try (PreparedStatement s =
              c.prepareStatement(
                  "update webhook_delivery set state = ?, next_attempt_at = ?, status_code = ?,"
                      + " response_body = ?, delivered_at = case when ? then now() else"
                      + " delivered_at end where id = ? and attempts = ? and state = 'pending'")) {
            s.setString(1, ok ? "delivered" : next.isPresent() ? "pending" : "failed");
            s.setTimestamp(2, ok || next.isEmpty() ? null : Timestamp.from(next.get()));
            s.setObject(3, result.statusCode());
            s.setString(4, shown);
            s.setBoolean(5, ok);
            s.setLong(6, d.id());
            s.setInt(7, d.attempt());
            updated = s.executeUpdate();
          }
          if (updated == 1) {
            webhook(c, d.webhookId(), ok, result);
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static boolean attempt(
      Connection c, Claimed d, TargetClient.Result result, Instant started, long durationMs)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into webhook_attempt (delivery_id, attempt, started_at, duration_ms,"
                + " status_code, response_body, error) values (?, ?, ?, ?, ?, ?, ?) on conflict"
                + " do nothing")) {
      s.setLong(1, d.id());
      s.setInt(2, d.attempt());
      s.setTimestamp(3, Timestamp.from(started));
      s.setInt(4, (int) Math.min(Integer.MAX_VALUE, durationMs));
      s.setObject(5, result.statusCode());
      s.setString(6, result.responseBody());
      s.setString(7, result.error());
      return s.executeUpdate() == 1;
    }
  }

  /** A success ends the streak; the failure that reaches {@code disableAfter} disables. */
  private void webhook(Connection c, long webhookId, boolean ok, TargetClient.Result result)
      throws SQLException {
    if (ok) {
      try (PreparedStatement s =
          c.prepareStatement(
              "update webhook set consecutive_failures = 0 where id = ? and"
                  + " consecutive_failures <> 0")) {
        s.setLong(1, webhookId);
        s.executeUpdate();
      }
      return;
    }
    String last = result.statusCode() != null ? "HTTP " + result.statusCode() : result.error();
    try (PreparedStatement s =
        c.prepareStatement(
            "update webhook set consecutive_failures = consecutive_failures + 1, disabled_at ="
                + " case when disabled_at is null and consecutive_failures + 1 >= ? then now()"
                + " else disabled_at end, disabled_reason = case when disabled_at is null and"
                + " consecutive_failures + 1 >= ? then ? else disabled_reason end where id = ?")) {
      s.setInt(1, disableAfter);
      s.setInt(2, disableAfter);
      s.setString(
          3,
          "disabled after "
              + disableAfter
              + " consecutive failed delivery attempts (last: "
              + last
              + "); PATCH enabled: true to resume");
      s.setLong(4, webhookId);
      s.executeUpdate();
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
