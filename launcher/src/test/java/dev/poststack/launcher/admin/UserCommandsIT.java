package dev.poststack.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.controlplane.member.MemberPasswords;
import dev.poststack.launcher.PostStackCli;
import dev.poststack.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code poststack admin user create|list|disable} against a real database, through module admin as
 * the launcher finds it.
 */
class UserCommandsIT {
  private static TestDatabase db;
  @TempDir static Path dataDir;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void createPrintsTheGeneratedPasswordOnceAndItSignsInAgainstTheStoredHash() throws Exception {
    long team = teamId(poststack("", "admin", "team", "create", "--name", "Members One"));

    Run created =
        poststack(
            "",
            "admin",
            "user",
            "create",
            "--team",
            "Members One",
            "--email",
            "Alice@Members.Test");

    assertThat(created.exit).as(created.err).isZero();
    JsonNode printed = JsonMapper.builder().build().readTree(created.out);
    assertThat(printed.get("memberId").asLong()).isPositive();
    assertThat(printed.get("teamId").asLong()).isEqualTo(team);
    assertThat(printed.get("team").asString()).isEqualTo("Members One");
    assertThat(printed.get("email").asString()).isEqualTo("alice@members.test");
    String password = printed.get("password").asString();
    assertThat(password).hasSize(20);
    String hash = hashOf("alice@members.test");
    assertThat(hash).doesNotContain(password);
    assertThat(MemberPasswords.matches(password, hash)).isTrue();
  }

  @Test
  void aPasswordFromStandardInputIsCheckedAndNeverPrinted() throws Exception {
    long team = teamId(poststack("", "admin", "team", "create", "--name", "Members Two"));

    Run tooShort =
        poststack(
            "short\n",
            "admin",
            "user",
            "create",
            "--team",
            Long.toString(team),
            "--email",
            "bob@members.test",
            "--password-stdin");
    Run empty =
        poststack(
            "",
            "admin",
            "user",
            "create",
            "--team",
            Long.toString(team),
            "--email",
            "bob@members.test",
            "--password-stdin");
    Run given =
        poststack(
            "bob's long password\r\nnext line\n",
            "admin",
            "user",
            "create",
            "--team",
            Long.toString(team),
            "--email",
            "bob@members.test",
            "--password-stdin");

    assertThat(tooShort.exit).isEqualTo(2);
    assertThat(tooShort.err.strip())
        .isEqualTo("poststack: admin user create: password must be at least 12 characters");
    assertThat(empty.exit).isEqualTo(2);
    assertThat(empty.err).contains("no password on standard input");
    assertThat(given.exit).as(given.err).isZero();
    assertThat(given.out).doesNotContain("password").doesNotContain("long");
    assertThat(MemberPasswords.matches("bob's long password", hashOf("bob@members.test"))).isTrue();
  }

  @Test
  void anUnknownTeamABadAddressOrOneAlreadyAMemberIsAOneLineErrorAndWritesNothing()
      throws Exception {
    poststack("", "admin", "team", "create", "--name", "Members Three");
    assertThat(
            poststack(
                    "",
                    "admin",
                    "user",
                    "create",
                    "--team",
                    "Members Three",
                    "--email",
                    "carol@members.test")
                .exit)
        .isZero();
    long before = count("select count(*) from team_member");

    Run unknownTeam =
        poststack(
            "", "admin", "user", "create", "--team", "Nobody", "--email", "dave@members.test");
    Run badEmail =
        poststack("", "admin", "user", "create", "--team", "Members Three", "--email", "dave@");
    Run taken =
        poststack(
            "",
            "admin",
            "user",
            "create",
            "--team",
            "Members Three",
            "--email",
            "CAROL@members.test");

    assertThat(unknownTeam.exit).isEqualTo(1);
    assertThat(unknownTeam.err.strip())
        .isEqualTo("poststack: admin user create: no team with id or name 'Nobody'");
    assertThat(badEmail.exit).isEqualTo(2);
    assertThat(badEmail.err.strip())
        .isEqualTo("poststack: admin user create: email must be an email address");
    assertThat(taken.exit).isEqualTo(2);
    assertThat(taken.err.strip())
        .isEqualTo("poststack: admin user create: carol@members.test is already a member");
    for (Run refused : new Run[] {unknownTeam, badEmail, taken}) {
      assertThat(refused.out).isEmpty();
      assertThat(refused.err).doesNotContain("Exception").doesNotContain("\tat ");
    }
    assertThat(count("select count(*) from team_member")).isEqualTo(before);
  }

  @Test
  void listShowsTheTeamsMembersAndDisableEndsTheirSessions() throws Exception {
    poststack("", "admin", "team", "create", "--name", "Members Four");
    Run none = poststack("", "admin", "user", "list", "--team", "Members Four");
    poststack("", "admin", "user", "create", "--team", "Members Four", "--email", "e@four.test");
    poststack("", "admin", "user", "create", "--team", "Members Four", "--email", "f@four.test");
    long f = count("select id from team_member where email = 'f@four.test'");
    execute(
        "insert into member_session (member_id, token_hash, expires_at) values ("
            + f
            + ", 'four-session', now() + interval '1 day')");

    Run disable = poststack("", "admin", "user", "disable", "--email", "F@four.test");
    Run list = poststack("", "admin", "user", "list", "--team", "Members Four");
    Run unknown = poststack("", "admin", "user", "disable", "--email", "g@four.test");

    assertThat(none.exit).as(none.err).isZero();
    assertThat(none.out).contains("Members Four", "has no members");
    assertThat(disable.exit).as(disable.err).isZero();
    assertThat(disable.out).startsWith("Disabled f@four.test (member " + f + ") at ");
    assertThat(disable.out).contains("1 session ended");
    assertThat(count("select count(*) from member_session where revoked_at is null")).isZero();
    assertThat(list.exit).as(list.err).isZero();
    assertThat(list.out.lines().toList()).hasSize(3);
    assertThat(list.out.lines().toList().get(0)).matches("ID +EMAIL +CREATED +DISABLED");
    assertThat(list.out.lines().toList().get(1)).contains("e@four.test").endsWith("-");
    assertThat(list.out.lines().toList().get(2)).contains("f@four.test").doesNotEndWith("-");
    assertThat(unknown.exit).isEqualTo(1);
    assertThat(unknown.err.strip())
        .isEqualTo("poststack: admin user disable: no member with the address g@four.test");
  }

  private record Run(int exit, String out, String err) {}

  private static Run poststack(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        PostStackCli.run(
            args,
            Map.of("POSTSTACK_DATA_DIR", dataDir.toString(), "POSTSTACK_PG_DATABASE", db.name()),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static long teamId(Run created) {
    assertThat(created.exit).as(created.err).isZero();
    return JsonMapper.builder().build().readTree(created.out).get("teamId").asLong();
  }

  private static String hashOf(String email) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select password_hash from team_member where email = '" + email + "'")) {
      assertThat(rs.next()).as("a member " + email).isTrue();
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
