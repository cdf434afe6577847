package dev.poststack.admin.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Teams and keys on a real PostgreSQL, with the API's own tables migrated first. */
class TeamAdminIT {
  private static TestDatabase db;
  private static TeamAdmin teams;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
    teams =
        new TeamAdmin(new AdminDatabase(db.jdbcUrl(), db.user(), db.password()).withApiSchema());
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void aNewTeamGetsOneFullAccessKeyForAllItsDomainsAndOnlyTheKeysHashIsStored() throws Exception {
    TeamAdmin.TeamKey team = teams.createTeam("Acme " + System.nanoTime());

    assertThat(team.apiKey()).startsWith("sk_live_");
    assertThat(teams.teamOf(team.apiKey())).hasValue(team.teamId());
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select permission, domain_id, key_hash from api_key where team_id = "
                        + team.teamId())) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("permission")).isEqualTo("full_access");
      assertThat(rs.getObject("domain_id")).isNull();
      assertThat(rs.getString("key_hash")).doesNotContain(team.apiKey()).hasSize(64);
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void aKeyMintedAndRevokedForAnOperatorRunIsInTheTeamsAuditLogWithTheOperatorAsActor()
      throws Exception {
    TeamAdmin.TeamKey team = teams.createTeam("Audited " + System.nanoTime());
    TeamAdmin operator =
        new TeamAdmin(
            new AdminDatabase(db.jdbcUrl(), db.user(), db.password()).withApiSchema(), "ops-jane");

    TeamAdmin.TeamKeyWithId key = operator.mintKey(team.teamId(), "operator import");
    operator.revokeKey(key.keyId());
    operator.revokeKey(key.keyId()); // a second revocation changes nothing and records nothing

    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select event_type, actor_kind, actor_id, request_id, changes::text from"
                        + " account_event where team_id = "
                        + team.teamId()
                        + " order by id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ApiKeyCreated");
      assertThat(rs.getString(2)).isEqualTo("operator");
      assertThat(rs.getString(3)).isEqualTo("ops-jane");
      assertThat(rs.getString(4)).isNotBlank();
      assertThat(rs.getString(5))
          .contains("\"name\": {\"to\": \"operator import\", \"from\": null}")
          .contains("\"permission\": {\"to\": \"full_access\", \"from\": null}")
          .doesNotContain(key.apiKey());
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ApiKeyRevoked");
      assertThat(rs.getString(3)).isEqualTo("ops-jane");
      assertThat(rs.getString(5))
          .isEqualTo("{\"key\": {\"to\": \"revoked\", \"from\": \"operator import\"}}");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void ensuringATeamWithAGivenKeyTwiceKeepsOneTeamAndOneKey() {
    String key = "sk_live_" + "a".repeat(40);

    TeamAdmin.TeamKey first = teams.ensureTeamWithKey("dev", key);
    TeamAdmin.TeamKey again = teams.ensureTeamWithKey("dev", key);

    assertThat(again).isEqualTo(first);
    assertThat(teams.teamOf(key)).hasValue(first.teamId());
  }

  @Test
  void aKeyThatBelongsToAnotherTeamIsRefused() {
    TeamAdmin.TeamKey other = teams.createTeam("Other " + System.nanoTime());

    assertThatThrownBy(() -> teams.ensureTeamWithKey("dev-" + System.nanoTime(), other.apiKey()))
        .hasMessageContaining("belongs to another team");
  }

  @Test
  void aTeamNameWithControlCharactersIsRefusedBeforeAnyRowIsWritten() {
    assertThatThrownBy(() -> teams.createTeam("bad\nname"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(teams.teamOf("not-a-key")).isEmpty();
  }
}
