package dev.poststack.admin.team;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.controlplane.PublicIds;
import dev.poststack.controlplane.apikey.ApiKeyRows;
import dev.poststack.controlplane.apikey.ApiKeySecret;
import dev.poststack.values.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Teams and their first key, without HTTP: for the operator CLI and the dev launcher. A team has no
 * event (teams are the API's own table, like keys), so this writes the rows directly, in one
 * transaction, with the API's own key insert.
 */
public final class TeamAdmin {
  private final AdminDatabase db;
  private final String operator;

  /** A team id and a key for it; {@code apiKey} is plaintext, shown once and never stored. */
  public record TeamKey(long teamId, String apiKey) {
    @Override
    public String toString() {
      return "TeamKey[" + teamId + "]";
    }
  }

  /** Needs the API's tables: see {@link AdminDatabase#withApiSchema()}. Acts as {@code cli}. */
  public TeamAdmin(AdminDatabase db) {
    this(db, "cli");
  }

  /** {@code operator} names who acts in the team's audit log ({@code cli}, {@code dev}, a test). */
  public TeamAdmin(AdminDatabase db, String operator) {
    this.db = db;
    this.operator = operator;
  }

  /** A new team with one full_access key. Fails if the name is taken or not printable text. */
  public TeamKey createTeam(String name) {
    if (name == null || name.isBlank() || name.length() > 100 || Text.hasUnsafeCodePoint(name)) {
      throw new IllegalArgumentException("a team name is 1 to 100 printable characters");
    }
    ApiKeySecret secret = ApiKeySecret.generate();
    long teamId =
        db.transactions()
            .execute(
                tx -> {
                  long id = insertTeam(db.jdbc(), name);
                  insertKey(db.jdbc(), id, secret);
                  return id;
                });
    return new TeamKey(teamId, secret.plaintext());
  }

  /**
   * The team named {@code name} (created if absent) holding {@code plaintextKey} as a full_access
   * key. With a null key a fresh key is minted on every call (earlier ones stay valid), because a
   * stored hash cannot be shown again.
   */
  public TeamKey ensureTeamWithKey(String name, String plaintextKey) {
    ApiKeySecret secret =
        plaintextKey == null ? ApiKeySecret.generate() : new ApiKeySecret(plaintextKey);
    long teamId =
        db.transactions()
            .execute(
                tx -> {
                  NamedParameterJdbcTemplate jdbc = db.jdbc();
                  long id =
                      jdbc
                          .queryForList(
                              "select id from team where name = :name",
                              Map.of("name", name),
                              Long.class)
                          .stream()
                          .findFirst()
                          .orElseGet(() -> insertTeam(jdbc, name));
                  OptionalLong owner = owner(jdbc, secret);
                  if (owner.isEmpty()) {
                    insertKey(jdbc, id, secret);
                  } else if (owner.getAsLong() != id) {
                    throw new IllegalStateException("that API key belongs to another team");
                  }
                  return id;
                });
    return new TeamKey(teamId, secret.plaintext());
  }

  /**
   * A new full-access key of the team named {@code name} for one operator run (an import), and its
   * id; {@link #revokeKey} ends it.
   */
  public TeamKeyWithId mintKey(long teamId, String name) {
    ApiKeySecret secret = ApiKeySecret.generate();
    long id =
        db.transactions()
            .execute(
                tx -> {
                  insertKey(db.jdbc(), teamId, secret, name);
                  recordAccountEvent(
                      teamId,
                      "ApiKeyCreated",
                      "jsonb_build_object('name', jsonb_build_object('from', null, 'to',"
                          + " cast(:name as text)), 'permission', jsonb_build_object('from', null,"
                          + " 'to', 'full_access'))",
                      name);
                  return db.jdbc()
                      .queryForObject(
                          "select id from api_key where key_hash = :hash",
                          Map.of("hash", secret.hash()),
                          Long.class);
                });
    return new TeamKeyWithId(teamId, id, secret.plaintext());
  }

  /** Revokes a key minted for a run; a second call changes nothing. */
  public void revokeKey(long keyId) {
    db.transactions()
        .executeWithoutResult(
            tx -> {
              List<Map<String, Object>> revoked =
                  db.jdbc()
                      .queryForList(
                          "update api_key set revoked_at = now() where id = :id and revoked_at is"
                              + " null returning team_id, name",
                          Map.of("id", keyId));
              for (Map<String, Object> key : revoked) {
                recordAccountEvent(
                    ((Number) key.get("team_id")).longValue(),
                    "ApiKeyRevoked",
                    "jsonb_build_object('key', jsonb_build_object('from', cast(:name as text),"
                        + " 'to', 'revoked'))",
                    (String) key.get("name"));
              }
            });
  }

  /**
   * The team's audit log ({@code account_event}, shown by {@code GET /events}) gets what the API
   * records for the same change made through it, with the operator as the actor; in the change's
   * own transaction. {@code changes} is a SQL expression over {@code :name}.
   */
  private void recordAccountEvent(long teamId, String type, String changes, String name) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", UUID.randomUUID());
    row.put("team", teamId);
    row.put("type", type);
    row.put("actor", operator);
    row.put("req", PublicIds.request());
    row.put("name", name);
    db.jdbc()
        .update(
            "insert into account_event (event_id, team_id, event_type, occurred_at, actor_kind,"
                + " actor_id, request_id, changes) values (:id, :team, :type,"
                + " date_trunc('milliseconds', now()), 'operator', :actor, :req, "
                + changes
                + ")",
            row);
  }

  /** A minted key with its id, to revoke it by. */
  public record TeamKeyWithId(long teamId, long keyId, String apiKey) {
    @Override
    public String toString() {
      return "TeamKeyWithId[" + teamId + ", " + keyId + "]";
    }
  }

  /** The team owning this live key, if any. */
  public OptionalLong teamOf(String plaintextKey) {
    return ApiKeySecret.looksLikeKey(plaintextKey)
        ? owner(db.jdbc(), new ApiKeySecret(plaintextKey))
        : OptionalLong.empty();
  }

  private static long insertTeam(NamedParameterJdbcTemplate jdbc, String name) {
    return jdbc.queryForObject(
        "insert into team (name) values (:name) returning id", Map.of("name", name), Long.class);
  }

  private static OptionalLong owner(NamedParameterJdbcTemplate jdbc, ApiKeySecret secret) {
    List<Long> teams =
        jdbc.queryForList(
            "select team_id from api_key where key_hash = :hash and revoked_at is null",
            Map.of("hash", secret.hash()),
            Long.class);
    return teams.isEmpty() ? OptionalLong.empty() : OptionalLong.of(teams.get(0));
  }

  private static void insertKey(NamedParameterJdbcTemplate jdbc, long teamId, ApiKeySecret secret) {
    insertKey(jdbc, teamId, secret, "admin");
  }

  private static void insertKey(
      NamedParameterJdbcTemplate jdbc, long teamId, ApiKeySecret secret, String name) {
    Map<String, Object> row = new HashMap<>();
    row.put("team", teamId);
    row.put("name", name);
    row.put("hash", secret.hash());
    row.put("prefix", secret.displayPrefix());
    row.put("perm", "full_access");
    row.put("domain", null); // every domain of the team
    jdbc.update(ApiKeyRows.INSERT, row);
  }
}
