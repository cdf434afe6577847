package dev.poststack.bench.replay;

import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Inserts rows shaped like a mailbox row in JDBC batches of 1,000, one commit per batch, on one
 * connection: what writing the replayed state costs PostgreSQL at the least, with none of the
 * decisions, audit rows or dedupe a replay also writes.
 */
final class RawBatchInsertBaseline {
  private RawBatchInsertBaseline() {}

  static double rowsPerSecond(TestDatabase db, long rows) throws Exception {
    try (Connection c = db.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("drop table if exists raw_mailbox");
        s.execute(
            "create table raw_mailbox (id bigint primary key, public_id text not null unique,"
                + " team_id bigint not null, domain_id bigint not null, local_part text not null,"
                + " email_address text not null, password_hash text not null, display_name text,"
                + " quota_bytes bigint not null, status text not null, created_at timestamptz not"
                + " null)");
      }
      c.setAutoCommit(false);
      String hash = "{SHA512-CRYPT}$6$" + "x".repeat(16) + "$" + "y".repeat(86);
      long t0 = System.nanoTime();
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into raw_mailbox values (?, ?, 1, 1, ?, ?, ?, ?, 1073741824, 'active',"
                  + " now())")) {
        for (long id = 1; id <= rows; id++) {
          ps.setLong(1, id);
          ps.setString(2, "mb_raw" + id);
          ps.setString(3, "r" + id);
          ps.setString(4, "r" + id + "@example.test");
          ps.setString(5, hash);
          ps.setString(6, "Raw " + id);
          ps.addBatch();
          if (id % 1000 == 0 || id == rows) {
            ps.executeBatch();
            c.commit();
          }
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      try (Statement s = c.createStatement()) {
        s.execute("drop table raw_mailbox");
      }
      c.commit();
      return rows / seconds;
    }
  }
}
