package dev.poststack.admin.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.member.MemberAdmin;
import dev.poststack.admin.team.TeamAdmin;
import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code replay --rebuild} gives members back: their journal records restore into an empty database
 * after their team, an invited member after the member who invited them, whatever order the topic
 * holds them in, and new members get fresh ids.
 */
class ControlRecordsMembersIT {
  private static TestDatabase source;
  private static TestDatabase target;

  @BeforeAll
  static void databases() {
    source = TestDatabase.create();
    target = TestDatabase.create();
  }

  @AfterAll
  static void drop() {
    source.close();
    target.close();
  }

  @Test
  void membersAreRestoredAfterTheirTeamAndInviterWithTheirHashesAndTheSequencePastThem()
      throws Exception {
    AdminDatabase from = adminOf(source);
    String team = "Restored " + System.nanoTime();
    new TeamAdmin(from).createTeam(team);
    MemberAdmin members = new MemberAdmin(from);
    long inviter = members.create(team, "inviter@restore.test", null).id();
    long invited = members.create(team, "invited@restore.test", null).id();
    execute(source, "update team_member set invited_by = " + inviter + " where id = " + invited);
    // the inviter changes last, so the topic holds its record after the one naming it
    execute(source, "update team_member set disabled_at = now() where id = " + inviter);

    Map<String, String> records = latestJournalRecords(source);
    List<String> keys = new ArrayList<>(records.keySet());
    assertThat(keys.indexOf("team_member:" + inviter))
        .isGreaterThan(keys.indexOf("team_member:" + invited));

    AdminDatabase to = adminOf(target);
    ControlRecords.Restored restored;
    try (Connection c = to.connection()) {
      restored = ControlRecords.restore(records, c);
    }

    assertThat(restored.rows()).containsEntry("team_member", 2L);
    assertThat(rows(target)).isEqualTo(rows(source));
    long next = new MemberAdmin(to).create(team, "after@restore.test", null).id();
    assertThat(next).isGreaterThan(invited);
  }

  @Test
  void aKeysNumberIsTheIdOrTheTeamItStartsWith() {
    assertThat(ControlRecords.leadingNumber("team_member:12")).isEqualTo(12);
    assertThat(ControlRecords.leadingNumber("team_limit:3:mailboxes")).isEqualTo(3);
    assertThat(ControlRecords.leadingNumber("team:")).isZero();
  }

  private static AdminDatabase adminOf(TestDatabase db) {
    return new AdminDatabase(db.jdbcUrl(), db.user(), db.password()).withApiSchema();
  }

  /** What the compacted topic would hold: each key's latest row, in the order of that record. */
  private static Map<String, String> latestJournalRecords(TestDatabase db) throws SQLException {
    Map<String, String> latest = new LinkedHashMap<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select record_key, row_json::text from control_journal order by id")) {
      while (rs.next()) {
        latest.remove(rs.getString(1));
        latest.put(rs.getString(1), rs.getString(2));
      }
    }
    return Collections.unmodifiableMap(latest);
  }

  private static List<String> rows(TestDatabase db) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select id, team_id, email, password_hash, invited_by, created_at,"
                    + " password_changed_at, disabled_at from team_member order by id")) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static void execute(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
