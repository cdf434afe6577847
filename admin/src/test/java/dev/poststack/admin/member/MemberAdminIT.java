package dev.poststack.admin.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.team.TeamAdmin;
import dev.poststack.controlplane.member.MemberPasswords;
import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dashboard members on a real PostgreSQL, with the API's own tables migrated first. */
class MemberAdminIT {
  private static TestDatabase db;
  private static MemberAdmin members;
  private static TeamAdmin teams;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
    AdminDatabase admin = new AdminDatabase(db.jdbcUrl(), db.user(), db.password()).withApiSchema();
    members = new MemberAdmin(admin);
    teams = new TeamAdmin(admin);
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void aNewMemberGetsAGeneratedPasswordThatMatchesTheStoredHashWhichIsAllThatIsStored()
      throws Exception {
    long team = teams.createTeam("Generated " + System.nanoTime()).teamId();

    MemberAdmin.CreatedMember m = members.create(Long.toString(team), "Ops@Generated.Test", null);

    assertThat(m.email()).isEqualTo("ops@generated.test");
    assertThat(m.teamId()).isEqualTo(team);
    assertThat(m.generatedPassword()).hasSize(20).matches("[0-9A-Za-z]+");
    assertThat(MemberPasswords.problem(m.generatedPassword())).isNull();
    assertThat(m.toString()).doesNotContain(m.generatedPassword());
    String hash = hashOf(m.email());
    assertThat(hash).startsWith("$argon2id$").doesNotContain(m.generatedPassword());
    assertThat(MemberPasswords.matches(m.generatedPassword(), hash)).isTrue();
    assertThat(
            count(
                "select count(*) from control_journal where record_key = 'team_member:"
                    + m.id()
                    + "'"))
        .as("journaled for replay --rebuild")
        .isEqualTo(1);
  }

  @Test
  void aGivenPasswordIsStoredAsItsHashAndNotPrintedBack() throws Exception {
    String name = "Given " + System.nanoTime();
    teams.createTeam(name);

    MemberAdmin.CreatedMember m = members.create(name, "given@example.org", "a long enough pass");

    assertThat(m.teamName()).isEqualTo(name);
    assertThat(m.generatedPassword()).isNull();
    assertThat(MemberPasswords.matches("a long enough pass", hashOf("given@example.org"))).isTrue();
  }

  @Test
  void anAddressAlreadyAMembersABadTeamAddressOrPasswordIsRefusedAndWritesNothing()
      throws Exception {
    String name = "Refusals " + System.nanoTime();
    long team = teams.createTeam(name).teamId();
    members.create(name, "taken@example.org", null);
    long before = count("select count(*) from team_member");

    assertThatThrownBy(() -> members.create(name, "TAKEN@example.org", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("taken@example.org is already a member");
    assertThatThrownBy(() -> members.create("no such team " + team, "new@example.org", null))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no team with id or name");
    assertThatThrownBy(() -> members.create("999999999", "new@example.org", null))
        .isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> members.create(name, "not-an-address", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("email must be an email address");
    assertThatThrownBy(() -> members.create(name, "new@example.org", "short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("password must be at least 12 characters");

    assertThat(count("select count(*) from team_member")).isEqualTo(before);
    assertThat(count("select count(*) from team_member where email = 'new@example.org'")).isZero();
  }

  @Test
  void theListShowsATeamsMembersOldestFirstAndDisablingEndsTheirSessions() throws Exception {
    String name = "Listed " + System.nanoTime();
    teams.createTeam(name);
    MemberAdmin.CreatedMember first = members.create(name, "first@listed.test", null);
    MemberAdmin.CreatedMember second = members.create(name, "second@listed.test", null);
    execute(
        "insert into member_session (member_id, token_hash, expires_at) values ("
            + second.id()
            + ", 'h1-"
            + second.id()
            + "', now() + interval '1 day'), ("
            + second.id()
            + ", 'h2-"
            + second.id()
            + "', now() + interval '1 day')");

    MemberAdmin.DisabledMember disabled = members.disable("Second@Listed.test");
    MemberAdmin.DisabledMember again = members.disable("second@listed.test");
    MemberAdmin.TeamMembers list = members.list(name);

    assertThat(disabled.alreadyDisabled()).isFalse();
    assertThat(disabled.sessionsRevoked()).isEqualTo(2);
    assertThat(again.alreadyDisabled()).isTrue();
    assertThat(again.sessionsRevoked()).isZero();
    assertThat(again.disabledAt()).isEqualTo(disabled.disabledAt());
    assertThat(
            count(
                "select count(*) from member_session where revoked_at is null and member_id = "
                    + second.id()))
        .isZero();
    assertThat(list.teamName()).isEqualTo(name);
    assertThat(list.members())
        .extracting(MemberAdmin.Member::email)
        .containsExactly("first@listed.test", "second@listed.test");
    assertThat(list.members().get(0).disabledAt()).isNull();
    assertThat(list.members().get(0).createdAt()).isNotNull();
    assertThat(list.members().get(1).disabledAt()).isEqualTo(disabled.disabledAt());
    assertThat(first.id()).isLessThan(second.id());
    assertThatThrownBy(() -> members.disable("nobody@listed.test"))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void theDevMemberHoldsTheGivenPasswordOnEveryStartAndIsHashedAgainOnlyWhenItChanged()
      throws Exception {
    long team = teams.ensureTeamWithKey("dev", "sk_live_" + "d".repeat(40)).teamId();

    String generated = members.ensureMember(team, "dev@example.test", null);
    String hash = hashOf("dev@example.test");
    String kept = members.ensureMember(team, "dev@example.test", generated);
    assertThat(kept).isEqualTo(generated);
    assertThat(hashOf("dev@example.test")).as("not hashed again").isEqualTo(hash);

    long id = count("select id from team_member where email = 'dev@example.test'");
    execute(
        "insert into member_session (member_id, token_hash, expires_at) values ("
            + id
            + ", 'dev-session', now() + interval '1 day')");
    execute("update team_member set disabled_at = now() where id = " + id);
    members.ensureMember(team, "dev@example.test", "the dev password");

    assertThat(MemberPasswords.matches("the dev password", hashOf("dev@example.test"))).isTrue();
    assertThat(count("select count(*) from team_member where email = 'dev@example.test'"))
        .isEqualTo(1);
    assertThat(
            count("select count(*) from team_member where disabled_at is not null and id = " + id))
        .as("given back")
        .isZero();
    assertThat(
            count(
                "select count(*) from member_session where revoked_at is null and member_id = "
                    + id))
        .as("a changed password ends the sessions")
        .isZero();

    long other = teams.createTeam("Other " + System.nanoTime()).teamId();
    assertThatThrownBy(() -> members.ensureMember(other, "dev@example.test", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another team");
  }

  private static String hashOf(String email) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select password_hash from team_member where email = '" + email + "'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
