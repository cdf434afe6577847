package dev.poststack.provisioner;

import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads the provisioner's tables over plain JDBC, as the API team would. */
public final class Database {
  private final TestDatabase db;

  public Database(TestDatabase db) {
    this.db = db;
  }

  public List<Map<String, Object>> rows(String sql, Object... args) {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnName(i), rs.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public void execute(String sql) {
    try (Connection c = db.connect();
        java.sql.Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public Map<String, Object> row(String sql, Object... args) {
    List<Map<String, Object>> rows = rows(sql, args);
    if (rows.size() != 1) {
      throw new AssertionError("expected one row, got " + rows.size() + ": " + sql);
    }
    return rows.get(0);
  }

  public long count(String sql, Object... args) {
    return ((Number) row(sql, args).values().iterator().next()).longValue();
  }

  /**
   * Every row the provisioner owns, as text. Leaves out only what is not derived from the log:
   * audit ids (a sequence, consumed by rolled-back attempts too) and wall-clock bookkeeping.
   */
  public String dump() {
    return String.join(
        "\n",
        table("select * from domain order by id"),
        table("select * from mailbox order by id"),
        table("select * from alias order by id"),
        table("select event_id from processed_event order by event_id"),
        table(
            "select event_id, event_type, team_id, occurred_at, actor_kind, actor_id,"
                + " request_id, client_request_id, domain_id, mailbox_id, alias_id, outcome,"
                + " rejection_code,"
                + " rejection_message, kafka_topic, kafka_partition, kafka_offset, details::text"
                + " from audit_event order by kafka_partition, kafka_offset"));
  }

  private String table(String sql) {
    return sql + "\n" + rows(sql).stream().map(Map::toString).collect(Collectors.joining("\n"));
  }
}
