package dev.poststack.api.apikey;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Teams and their first key, without HTTP: for the operator CLI and the dev launcher. Plain JDBC;
 * the API's tables are migrated on construction (idempotent, safe beside a running API).
 */
public final class TeamAdmin {
  private final String jdbcUrl;
  private final String user;
  private final String password;

  /** A team id and a key for it; {@code apiKey} is plaintext, shown once and never stored. */
  public record TeamKey(long teamId, String apiKey) {
    @Override
    public String toString() {
      return "TeamKey[" + teamId + "]";
    }
  }

  public TeamAdmin(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password == null ? "" : password;
    ApiSchema.migrate(jdbcUrl, user, this.password);
  }

  /** A new team with one full_access key. Fails if the name is taken or not printable text. */
  public TeamKey createTeam(String name) {
    if (name == null || name.isBlank() || name.length() > 100 || dev.poststack.renderer.value.Text.hasUnsafeCodePoint(name)) {
      throw new IllegalArgumentException("a team name is 1 to 100 printable characters");
    }
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      long teamId = insertTeam(c, name);
      ApiKeySecret secret = ApiKeySecret.generate();
      insertKey(c, teamId, secret);
      c.commit();
      return new TeamKey(teamId, secret.plaintext());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create team " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The team named {@code name} (created if absent) holding {@code plaintextKey} as a full_access
   * key. With a null key a fresh key is minted on every call (earlier ones stay valid), because a
   * stored hash cannot be shown again.
   */
  public TeamKey ensureTeamWithKey(String name, String plaintextKey) {
    ApiKeySecret secret = plaintextKey == null ? ApiKeySecret.generate() : new ApiKeySecret(plaintextKey);
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      long teamId = findTeam(c, name);
      if (teamId < 0) {
        teamId = insertTeam(c, name);
      }
      Long owner = keyOwner(c, secret);
      if (owner == null) {
        insertKey(c, teamId, secret);
      } else if (owner != teamId) {
        throw new IllegalStateException("that API key belongs to another team");
      }
      c.commit();
      return new TeamKey(teamId, secret.plaintext());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot ensure team " + name + ": " + e.getMessage(), e);
    }
  }

  /** The team owning this live key, if any. */
  public java.util.OptionalLong teamOf(String plaintextKey) {
    if (!ApiKeySecret.looksLikeKey(plaintextKey)) {
      return java.util.OptionalLong.empty();
    }
    try (Connection c = connect()) {
      Long owner = keyOwner(c, new ApiKeySecret(plaintextKey));
      return owner == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(owner);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot look up the key: " + e.getMessage(), e);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  private static long findTeam(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select id from team where name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  private static long insertTeam(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("insert into team (name) values (?) returning id")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Long keyOwner(Connection c, ApiKeySecret secret) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select team_id from api_key where key_hash = ? and revoked_at is null")) {
      s.setString(1, secret.hash());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static void insertKey(Connection c, long teamId, ApiKeySecret secret) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "insert into api_key (team_id, name, key_hash, key_prefix, permission) values (?, 'admin', ?, ?, 'full_access')")) {
      s.setLong(1, teamId);
      s.setString(2, secret.hash());
      s.setString(3, secret.displayPrefix());
      s.executeUpdate();
    }
  }
}
