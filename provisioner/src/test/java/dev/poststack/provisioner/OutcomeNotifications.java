package dev.poststack.provisioner;

import static org.awaitility.Awaitility.await;

import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** A LISTENing connection on the outcome channel, as the API holds one. */
public final class OutcomeNotifications implements AutoCloseable {
  private final Connection connection;
  private final List<String> received = new ArrayList<>();

  public OutcomeNotifications(TestDatabase db) throws SQLException {
    connection = db.connect();
    try (Statement s = connection.createStatement()) {
      s.execute("LISTEN poststack_outcome");
    }
  }

  /** Waits until every one of the event ids has been announced. */
  public void awaitAll(UUID... eventIds) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              poll();
              for (UUID id : eventIds) {
                if (!received.contains(id.toString())) {
                  return false;
                }
              }
              return true;
            });
  }

  public int timesReceived(UUID eventId) {
    poll();
    return Collections.frequency(received, eventId.toString());
  }

  private void poll() {
    try {
      PGNotification[] batch = connection.unwrap(PGConnection.class).getNotifications(50);
      if (batch != null) {
        for (PGNotification n : batch) {
          received.add(n.getParameter());
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
