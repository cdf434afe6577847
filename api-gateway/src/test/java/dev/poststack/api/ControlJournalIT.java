package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.admin.journal.ControlRecords;
import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.controlplane.ApiSchema;
import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The API's own rows reach the compacted control-records topic (whoever wrote them: the API, the
 * admin back end, plain SQL), carry no key secret, and restore into an empty database as the same
 * rows, ids and timestamps included — the half of replay --rebuild the mail events cannot give.
 */
@TestPropertySource(properties = "poststack.control-journal.enabled=true")
class ControlJournalIT extends ApiIT {

  @Test
  void everyChangeToTeamsKeysAndLimitsReachesTheTopicAndRestoresAsTheSameRows() throws Exception {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    String created =
        new String(
            api.post("/api-keys", Map.of("name", "ci", "permission", "sending_access"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody());
    String secret = AuthenticationIT.extractKey(created);
    long keyId = AuthenticationIT.extractId(created);
    String revokedBody =
        new String(
            api.post("/api-keys", Map.of("name", "gone", "permission", "sending_access"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody());
    long revokedId = AuthenticationIT.extractId(revokedBody);
    api.delete("/api-keys/" + revokedId).expectStatus().is2xxSuccessful();
    try (Connection c = DB.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into team_limit (team_id, name, max_count) values (?, 'mailboxes', 7)")) {
      ps.setLong(1, team.teamId());
      ps.executeUpdate();
    }

    Map<String, String> records =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> ControlRecords.read(broker.getBrokersAsString()),
                r ->
                    r.containsKey("team:" + team.teamId())
                        && r.containsKey("api_key:" + keyId)
                        && r.containsKey("team_limit:" + team.teamId() + ":mailboxes")
                        && r.getOrDefault("api_key:" + revokedId, "")
                            .contains("\"revoked_at\": \"2"));
    for (String value : records.values()) {
      assertThat(value).doesNotContain(secret).doesNotContain(team.apiKey());
    }
    assertThat(records.get("api_key:" + keyId))
        .contains("\"key_hash\"")
        .contains("\"name\": \"ci\"");

    try (TestDatabase empty = TestDatabase.create()) {
      ApiSchema.migrate(empty.jdbcUrl(), empty.user(), empty.password());
      try (Connection c = empty.connect()) {
        ControlRecords.Restored restored = ControlRecords.restore(records, c);
        assertThat(restored.rows()).containsKeys("team", "api_key", "team_limit");
      }
      String[] queries = {
        "select row_to_json(t)::text from team t where id = ?",
        "select row_to_json(k)::text from api_key k where team_id = ? order by id",
        "select row_to_json(l)::text from team_limit l where team_id = ? order by name"
      };
      for (String query : queries) {
        assertThat(rows(empty.connect(), query, team.teamId()))
            .as(query)
            .isNotEmpty()
            .isEqualTo(rows(DB.connect(), query, team.teamId()));
      }
      // new rows after a restore get fresh ids
      try (Connection c = empty.connect();
          ResultSet rs =
              c.createStatement()
                  .executeQuery("insert into team (name) values ('after-restore') returning id")) {
        rs.next();
        assertThat(rs.getLong(1)).isGreaterThan(team.teamId());
      }
    }
  }

  private static List<String> rows(Connection connection, String query, long teamId)
      throws Exception {
    try (Connection c = connection;
        PreparedStatement ps = c.prepareStatement(query)) {
      ps.setLong(1, teamId);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }
}
