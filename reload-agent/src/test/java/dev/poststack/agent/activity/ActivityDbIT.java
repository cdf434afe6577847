package dev.poststack.agent.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real SQLite: compare-and-delete and the stored log position, beside a second writer. */
class ActivityDbIT {
  @TempDir Path dir;

  private void dovecotWrites(Path file, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      for (String one : sql.split(";")) {
        st.execute(one); // the driver runs one statement per call
      }
    }
  }

  @Test
  void deletesOnlyRowsThatStillHoldWhatWasSent() throws Exception {
    Path file = dir.resolve("activity.sqlite");
    try (ActivityDb db = ActivityDb.open(file, Optional.empty())) {
      dovecotWrites(
          file,
          "INSERT INTO last_login VALUES ('a@x.test', 'imap', 100), ('b@x.test', 'imap', 100);"
              + " INSERT INTO auth_login VALUES ('a@x.test', 'smtp', 50);"
              + " INSERT INTO quota VALUES ('a@x.test', 10, 1), ('b@x.test', 20, 2)");
      List<ActivityRow> read = db.read(100);
      assertThat(read).hasSize(5);
      // between the read and the acknowledgement, Dovecot records a new login and new usage
      dovecotWrites(
          file,
          "UPDATE last_login SET ts = 101 WHERE username = 'b@x.test';"
              + " UPDATE quota SET bytes = 30, messages = 3 WHERE username = 'b@x.test'");

      int deleted = db.acknowledge(read, Optional.of(new LogPosition("dev=1,ino=2", 4096)));

      assertThat(deleted).isEqualTo(3);
      assertThat(db.read(100))
          .containsExactlyInAnyOrder(
              new ActivityRow.Login("last_login", "b@x.test", "imap", 101),
              new ActivityRow.Usage("b@x.test", 30, 3));
      assertThat(db.logPosition()).contains(new LogPosition("dev=1,ino=2", 4096));
    }
    // the position survives a restart of the agent
    try (ActivityDb db = ActivityDb.open(file, Optional.empty())) {
      assertThat(db.logPosition()).contains(new LogPosition("dev=1,ino=2", 4096));
    }
  }

  @Test
  void readsAtMostTheBatchPerTableAndMapsAddressesToMailboxIds() throws Exception {
    Path host = dir.resolve("mail.sqlite");
    dovecotWrites(
        host,
        "CREATE TABLE mailboxes (address TEXT PRIMARY KEY, home TEXT);"
            + " INSERT INTO mailboxes VALUES ('a@x.test', 'x.test/42')");
    Path file = dir.resolve("activity.sqlite");
    try (ActivityDb db = ActivityDb.open(file, Optional.of(host))) {
      dovecotWrites(
          file,
          "INSERT INTO quota VALUES ('a@x.test', 1, 1), ('b@x.test', 1, 1), ('c@x.test', 1, 1)");
      assertThat(db.read(2)).hasSize(2);
      assertThat(db.mailboxId("a@x.test")).contains(42L);
      assertThat(db.mailboxId("b@x.test")).isEmpty();
    }
  }
}
