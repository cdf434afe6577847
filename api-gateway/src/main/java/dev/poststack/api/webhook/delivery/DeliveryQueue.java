package dev.poststack.api.webhook.delivery;

import dev.poststack.api.webhook.WebhookEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Queueing deliveries and reading what the sources need, on a connection whose transaction the
 * caller owns (a source commits its rows and its position together). Reads the provisioner's
 * mailbox table (ADR 0005: the API reads it, never writes it).
 */
final class DeliveryQueue {
  private final Duration retryFor;

  DeliveryQueue(Duration retryFor) {
    this.retryFor = retryFor;
  }

  /** Active webhooks of the team subscribed to {@code event}. */
  List<Subscriber> subscribers(Connection c, long teamId, WebhookEvent event) throws SQLException {
    List<Subscriber> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, events, include_bodies from webhook where team_id = ? and enabled and"
                + " disabled_at is null order by id")) {
      s.setLong(1, teamId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Array events = r.getArray("events");
          List<String> names = List.of((String[]) events.getArray());
          if (event.isIn(names)) {
            out.add(new Subscriber(r.getLong("id"), teamId, r.getBoolean("include_bodies")));
          }
        }
      }
    }
    return out;
  }

  /** Inserts unless this webhook already has a delivery for that source; true when inserted. */
  boolean enqueue(Connection c, NewDelivery d) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into webhook_delivery (webhook_id, team_id, event_type, source_key,"
                + " order_key, data, state, next_attempt_at, retry_until) values (?, ?, ?, ?, ?,"
                + " ?, 'pending', now(), now() + make_interval(secs => ?)) on conflict"
                + " (webhook_id, source_key) do nothing")) {
      s.setLong(1, d.webhookId());
      s.setLong(2, d.teamId());
      s.setString(3, d.eventType());
      s.setString(4, d.sourceKey());
      s.setString(5, d.orderKey());
      s.setString(6, d.data());
      s.setDouble(7, retryFor.toSeconds());
      return s.executeUpdate() == 1;
    }
  }

  Optional<MailboxRef> mailbox(Connection c, long id) throws SQLException {
    return one(c, "id = ?", s -> s.setLong(1, id));
  }

  /** The live mailbox at this address (the delivery's mailbox id is optional in the record). */
  Optional<MailboxRef> liveMailbox(Connection c, String address) throws SQLException {
    return one(c, "email_address = ? and status <> 'deleted'", s -> s.setString(1, address));
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private static Optional<MailboxRef> one(Connection c, String where, Binder binder)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, public_id, team_id, domain_id, email_address, status, display_name,"
                + " quota_bytes, webhook_enabled from mailbox where "
                + where
                + " order by id desc limit 1")) {
      binder.bind(s);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new MailboxRef(
                r.getLong("id"),
                r.getString("public_id"),
                r.getLong("team_id"),
                r.getLong("domain_id"),
                r.getString("email_address"),
                r.getString("status"),
                r.getString("display_name"),
                r.getLong("quota_bytes"),
                r.getBoolean("webhook_enabled")));
      }
    }
  }
}
