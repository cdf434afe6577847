package dev.poststack.agent.mailhost;

import dev.poststack.renderer.hostconfig.ActivityStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the activity store's tables (WAL) before Dovecot starts. Idempotent; a short-lived
 * connection is safe here because the daemons that write the file are not running yet, or, on an
 * agent restart, every statement is {@code IF NOT EXISTS} and needs the write lock only for a
 * moment.
 */
final class ActivityStoreFile {
  private ActivityStoreFile() {}

  static void create(Path file) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 5000");
      st.execute("PRAGMA journal_mode = WAL");
      for (String ddl : ActivityStore.SCHEMA) {
        st.execute(ddl);
      }
    } catch (SQLException e) {
      throw new MailHostException("cannot create the activity store " + file, e);
    }
  }
}
