package dev.poststack.api.support;

import dev.poststack.controlplane.apikey.ApiKeySecret;
import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * State rows written straight into the provisioner's tables, for tests that exercise the API's own
 * checks (auth, validation, fast paths) without needing an event applied first.
 */
public final class Seed {
  private final TestDatabase db;

  public Seed(TestDatabase db) {
    this.db = db;
  }

  public long domain(long teamId, String name, String status, boolean inbound) {
    return insert(
        "insert into domain (id, public_id, team_id, name, status, inbound_enabled, verified_at,"
            + " created_at, updated_at) values (nextval('domain_id_seq'), ?, ?, ?, ?, ?, case when"
            + " ? = 'verified' then now() end, now(), now()) returning id",
        "dom_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24),
        teamId,
        name,
        status,
        inbound,
        status);
  }

  public long verifiedDomain(long teamId) {
    return domain(
        teamId, "d" + UUID.randomUUID().toString().substring(0, 8) + ".example", "verified", true);
  }

  public long mailbox(long teamId, long domainId, String localPart) {
    return insert(
        "insert into mailbox (id, public_id, team_id, domain_id, local_part, email_address,"
            + " password_hash, quota_bytes, status, webhook_enabled, created_at, updated_at) select"
            + " nextval('mailbox_id_seq'), ?, ?, ?, ?, ? || '@' || d.name, '{SHA512-CRYPT}$6$x$y',"
            + " 1073741824, 'active', false, now(), now() from domain d where d.id = ? returning"
            + " id",
        "mb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24),
        teamId,
        domainId,
        localPart,
        localPart,
        domainId);
  }

  /** Another full_access key of the team; returns its plaintext. */
  public String apiKey(long teamId) {
    ApiKeySecret secret = ApiKeySecret.generate();
    insert(
        "insert into api_key (team_id, name, key_hash, key_prefix, permission) values (?, ?, ?, ?,"
            + " 'full_access') returning id",
        teamId,
        "seeded",
        secret.hash(),
        secret.displayPrefix());
    return secret.plaintext();
  }

  public String publicId(String table, long id) {
    try (Connection c = db.connect();
        PreparedStatement s =
            c.prepareStatement("select public_id from " + table + " where id = ?")) {
      s.setLong(1, id);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long insert(String sql, Object... args) {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
