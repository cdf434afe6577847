package dev.poststack.bench.baseline;

import dev.poststack.bench.Latencies;
import dev.poststack.bench.Load;
import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** Single-row insert + commit, each awaited: what one provisioner transaction is bounded by. */
public final class RawPostgresInsertBaseline {
  private RawPostgresInsertBaseline() {}

  public static Latencies.Result measure(TestDatabase db, int clients, int operations)
      throws Exception {
    BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(clients);
    try {
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        s.execute(
            "create table if not exists raw_insert (id bigserial primary key, payload text not"
                + " null)");
      }
      for (int i = 0; i < clients; i++) {
        connections.add(db.connect());
      }
      String payload = "x".repeat(300);
      Load.Operation insert =
          seq -> {
            Connection c = connections.take();
            try (PreparedStatement ps =
                c.prepareStatement("insert into raw_insert (payload) values (?)")) {
              ps.setString(1, payload);
              ps.executeUpdate();
            } finally {
              connections.add(c);
            }
          };
      Load.run(clients, operations / 4, Duration.ofSeconds(10), insert);
      return Load.run(clients, operations, Duration.ofSeconds(30), insert);
    } finally {
      for (Connection c : connections) {
        closeQuietly(c);
      }
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing after the measurement; nothing to recover
    }
  }
}
