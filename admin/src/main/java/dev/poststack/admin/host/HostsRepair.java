package dev.poststack.admin.host;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.schemas.Channels;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Asks the running provisioner to repair the host-entry topic — enqueue what the topic lacks, or
 * with {@code all} every entry — and waits for its answer. The outbox is the provisioner's table,
 * so the repair runs there; this only asks (NOTIFY {@value Channels#HOST_REPAIR}) and listens for
 * the answer ({@value Channels#HOST_REPAIR_DONE}), matched by a request id.
 */
public final class HostsRepair {
  private final AdminDatabase db;
  private final Duration timeout;

  public HostsRepair(AdminDatabase db, Duration timeout) {
    this.db = db;
    this.timeout = timeout;
  }

  /** The number of entries the provisioner enqueued for its relay. */
  public long request(boolean all) {
    String id = PublicIds.request();
    try (Connection c = db.connection()) {
      try (Statement listen = c.createStatement()) {
        // listening before asking: the answer cannot come before we hear it
        listen.execute("LISTEN " + Channels.HOST_REPAIR_DONE);
      }
      try (PreparedStatement ask = c.prepareStatement("select pg_notify(?, ?)")) {
        ask.setString(1, Channels.HOST_REPAIR);
        ask.setString(2, id + " " + (all ? "all" : "missing"));
        ask.execute();
      }
      return awaitAnswer(c.unwrap(PGConnection.class), id);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
    }
  }

  private long awaitAnswer(PGConnection pg, String id) throws SQLException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      int waitMs = (int) Math.max(1, Math.min(1000, (deadline - System.nanoTime()) / 1_000_000));
      PGNotification[] answers = pg.getNotifications(waitMs);
      for (PGNotification answer : answers == null ? new PGNotification[0] : answers) {
        String payload = answer.getParameter();
        if (payload.startsWith(id + " ")) {
          String result = payload.substring(id.length() + 1);
          if (!result.matches("[0-9]{1,18}")) {
            throw new IllegalStateException("the provisioner's repair failed (see its log)");
          }
          return Long.parseLong(result);
        }
      }
    }
    throw new IllegalStateException(
        "no answer from a provisioner within " + timeout.toSeconds() + " s (is one running?)");
  }
}
