package dev.poststack.agent.activity;

import dev.poststack.renderer.hostconfig.ActivityStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The agent's ONE long-lived connection to the activity store, with the host store attached read
 * only for the address → mailbox id lookup. Reads are single statements (autocommit); the one write
 * is a short {@code BEGIN IMMEDIATE} … {@code COMMIT} of compare-and-deletes plus the log position.
 * Why short: Dovecot's sqlite driver waits a fixed 1 s for the write lock, after which its record
 * is lost (lab: a reader holding the lock 3 s cost 13 of 29 logins their rows).
 */
final class ActivityDb implements AutoCloseable {
  private static final String MAIN_LOG = "dovecot";
  private final Connection c;

  private ActivityDb(Connection c) {
    this.c = c;
  }

  public static ActivityDb open(Path activityStore, Optional<Path> hostStore) {
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(500); // well below Dovecot's 1 s: Dovecot's writes take a few ms
      config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
      // the write lock at BEGIN, so a transaction never fails half-way on SQLITE_BUSY
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      Connection c =
          DriverManager.getConnection("jdbc:sqlite:" + activityStore, config.toProperties());
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA journal_mode = WAL");
        for (String ddl : ActivityStore.SCHEMA) {
          st.execute(ddl);
        }
        if (hostStore.isPresent()) {
          st.execute(
              "ATTACH DATABASE 'file:"
                  + hostStore.get().toString().replace("'", "''")
                  + "?mode=ro' AS host");
        }
      }
      return new ActivityDb(c);
    } catch (SQLException e) {
      throw new ActivityException("cannot open the activity store " + activityStore, e);
    }
  }

  /** Up to {@code limit} rows of each table, oldest-written order is not needed: all get sent. */
  public List<ActivityRow> read(int limit) {
    List<ActivityRow> rows = new ArrayList<>();
    try {
      for (String table : List.of(ActivityStore.LAST_LOGIN, ActivityStore.AUTH_LOGIN)) {
        try (PreparedStatement ps =
            c.prepareStatement("SELECT username, service, ts FROM " + table + " LIMIT ?")) {
          ps.setInt(1, limit);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(
                  new ActivityRow.Login(table, rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT username, bytes, messages FROM " + ActivityStore.QUOTA + " LIMIT ?")) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new ActivityRow.Usage(rs.getString(1), rs.getLong(2), rs.getLong(3)));
          }
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new ActivityException("cannot read the activity store", e);
    }
  }

  /** The mailbox id the host store holds for the address: the last segment of its home. */
  public Optional<Long> mailboxId(String address) {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT home FROM host.mailboxes WHERE address = ?")) {
      ps.setString(1, address);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String home = rs.getString(1);
        String last = home.substring(home.lastIndexOf('/') + 1);
        return last.matches("\\d{1,18}") ? Optional.of(Long.parseLong(last)) : Optional.empty();
      }
    } catch (SQLException e) {
      return Optional.empty(); // no host store attached, or it is busy: the id is optional
    }
  }

  public Optional<LogPosition> logPosition() {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT file_key, offset FROM " + ActivityStore.LOG_POSITION + " WHERE name = ?")) {
      ps.setString(1, MAIN_LOG);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new LogPosition(rs.getString(1), rs.getLong(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new ActivityException("cannot read the log position", e);
    }
  }

  /**
   * After Kafka acknowledged: deletes each row only if it still holds the values sent, and stores
   * the log position, in one short write transaction.
   *
   * @return how many rows were deleted (the others changed meanwhile and stay)
   */
  public int acknowledge(List<ActivityRow> sent, Optional<LogPosition> position) {
    try {
      c.setAutoCommit(false);
      int deleted = 0;
      try (PreparedStatement login =
              c.prepareStatement(
                  "DELETE FROM "
                      + ActivityStore.LAST_LOGIN
                      + " WHERE username = ? AND service = ? AND ts = ?");
          PreparedStatement auth =
              c.prepareStatement(
                  "DELETE FROM "
                      + ActivityStore.AUTH_LOGIN
                      + " WHERE username = ? AND service = ? AND ts = ?");
          PreparedStatement usage =
              c.prepareStatement(
                  "DELETE FROM "
                      + ActivityStore.QUOTA
                      + " WHERE username = ? AND bytes = ? AND messages = ?");
          PreparedStatement pos =
              c.prepareStatement(
                  "INSERT INTO "
                      + ActivityStore.LOG_POSITION
                      + " (name, file_key, offset) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE"
                      + " SET file_key = excluded.file_key, offset = excluded.offset")) {
        for (ActivityRow row : sent) {
          if (row instanceof ActivityRow.Login l) {
            PreparedStatement ps = l.table().equals(ActivityStore.AUTH_LOGIN) ? auth : login;
            ps.setString(1, l.username());
            ps.setString(2, l.service());
            ps.setLong(3, l.ts());
            deleted += ps.executeUpdate();
          } else if (row instanceof ActivityRow.Usage u) {
            usage.setString(1, u.username());
            usage.setLong(2, u.bytes());
            usage.setLong(3, u.messages());
            deleted += usage.executeUpdate();
          }
        }
        if (position.isPresent()) {
          pos.setString(1, MAIN_LOG);
          pos.setString(2, position.get().fileKey());
          pos.setLong(3, position.get().offset());
          pos.executeUpdate();
        }
      }
      c.commit();
      return deleted;
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is broken; the next poll finds the rows again and sends them again
      }
      throw new ActivityException("cannot delete what was sent", e);
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // reported by the next statement
      }
    }
  }

  /** Keeps the WAL small while nothing else reads (lab: a long reader held it at 4.5 MB). */
  public void checkpoint() {
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException e) {
      // a busy checkpoint is retried next time
    }
  }

  @Override
  public void close() {
    try {
      c.close();
    } catch (SQLException e) {
      // closing
    }
  }
}
