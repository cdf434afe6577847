package dev.poststack.bench.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Fills the state tables to a given mailbox count in bulk, so create latency can be measured
 * against 10k, 100k and 1M existing mailboxes without spending hours creating them one by one. The
 * rows are what the provisioner would have written (same columns, live status, sequence advanced).
 */
public final class Population {
  private final String jdbcUrl;

  public Population(String database) {
    this.jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + database;
  }

  public long count() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery("select count(*) from mailbox where status <> 'deleted'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public void growTo(long domainId, long target) throws Exception {
    long missing = target - count();
    if (missing <= 0) {
      return;
    }
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      long first;
      try (Statement s = c.createStatement();
          var rs = s.executeQuery("select last_value + 1 from mailbox_id_seq")) {
        rs.next();
        first = rs.getLong(1);
      }
      try (PreparedStatement ps = c.prepareStatement("select setval('mailbox_id_seq', ?)")) {
        ps.setLong(1, first + missing - 1);
        ps.execute();
      }
      String sql =
          """
          insert into mailbox (id, public_id, team_id, domain_id, local_part, email_address, password_hash,
                               display_name, quota_bytes, status, webhook_enabled, created_at, updated_at)
          select n, 'mb_bulk' || n, d.team_id, d.id, 'bulk' || n, 'bulk' || n || '@' || d.name,
                 '{SHA512-CRYPT}$6$bulk$bulk', null, 1073741824, 'active', false, now(), now()
          from domain d, generate_series(?::bigint, ?::bigint) n
          where d.id = ?\
          """;
      try (Statement s = c.createStatement()) {
        // the usage trigger updates the team's one usage row once per inserted row: in a single
        // transaction of a million rows each update walks the row's growing chain of versions
        // (90k rows took 51 s, 900k would take over an hour), so the fill skips the triggers and
        // adds the count itself, as the trigger would have
        s.execute("set local session_replication_role = replica");
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, first);
        ps.setLong(2, first + missing - 1);
        ps.setLong(3, domainId);
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into team_usage (team_id, mailboxes) select team_id, ? from domain where id"
                  + " = ? on conflict (team_id) do update set mailboxes = team_usage.mailboxes +"
                  + " excluded.mailboxes")) {
        ps.setLong(1, missing);
        ps.setLong(2, domainId);
        ps.executeUpdate();
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("analyze mailbox");
      }
    }
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(jdbcUrl, "postgres", "");
  }
}
