package dev.poststack.provisioner.replay;

import dev.poststack.provisioner.replay.StateTables.StateTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares two databases' provisioner state table by table: a checksum over each table's rows in
 * key order (md5 in SQL, so equal tables cost one scan each and no transfer), then, for the first
 * table that differs, both tables read side by side in key order to name the first differing row
 * and its columns. Values are never quoted: a row may hold a password hash.
 */
public final class StateComparison {
  private final List<StateTable> tables;

  StateComparison(List<StateTable> tables) {
    this.tables = List.copyOf(tables);
  }

  /** Over {@link StateTables#ALL}. */
  public static StateComparison ofProvisionerState() {
    return new StateComparison(StateTables.ALL);
  }

  /** Empty when every table is equal; else one line naming the table, the row and the columns. */
  public Optional<String> difference(Connection live, Connection replayed) throws SQLException {
    for (Connection c : List.of(live, replayed)) {
      try (Statement s = c.createStatement()) {
        s.execute("set time zone 'UTC'");
      }
    }
    for (StateTable table : tables) {
      List<String> columns = columns(live, table);
      List<String> replayedColumns = columns(replayed, table);
      if (!columns.equals(replayedColumns)) {
        return Optional.of(
            table.name()
                + ": the databases' columns differ (live "
                + columns
                + ", replayed "
                + replayedColumns
                + ")");
      }
      if (!checksum(live, table, columns).equals(checksum(replayed, table, columns))) {
        return Optional.of(firstDifference(live, replayed, table, columns));
      }
    }
    return Optional.empty();
  }

  private static List<String> columns(Connection c, StateTable table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "select column_name from information_schema.columns where table_schema ="
                + " current_schema() and table_name = ? order by ordinal_position")) {
      q.setString(1, table.name());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          if (!table.notState().contains(rs.getString(1))) {
            columns.add(rs.getString(1));
          }
        }
      }
    }
    return columns;
  }

  private static String checksum(Connection c, StateTable table, List<String> columns)
      throws SQLException {
    String sql =
        "select count(*) || ':' || coalesce(md5(string_agg(md5(row("
            + String.join(", ", quoted(columns))
            + ")::text), '' order by "
            + String.join(", ", quoted(table.key()))
            + ")), '') from "
            + quote(table.name());
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String firstDifference(
      Connection live, Connection replayed, StateTable table, List<String> columns)
      throws SQLException {
    String sql =
        "select "
            + String.join(", ", columns.stream().map(col -> quote(col) + "::text").toList())
            + " from "
            + quote(table.name())
            + " order by "
            + String.join(", ", walkOrder(live, table));
    boolean liveAuto = live.getAutoCommit();
    boolean replayedAuto = replayed.getAutoCommit();
    live.setAutoCommit(false); // a fetch size streams only inside a transaction
    replayed.setAutoCommit(false);
    try (Statement ls = live.createStatement();
        Statement rs = replayed.createStatement()) {
      ls.setFetchSize(1000);
      rs.setFetchSize(1000);
      try (ResultSet l = ls.executeQuery(sql);
          ResultSet r = rs.executeQuery(sql)) {
        return walk(l, r, table, columns);
      }
    } finally {
      live.rollback();
      replayed.rollback();
      live.setAutoCommit(liveAuto);
      replayed.setAutoCommit(replayedAuto);
    }
  }

  private static String walk(ResultSet l, ResultSet r, StateTable table, List<String> columns)
      throws SQLException {
    boolean hasL = l.next();
    boolean hasR = r.next();
    while (hasL || hasR) {
      int order = hasL && hasR ? compareKeys(l, r, table, columns) : hasL ? -1 : 1;
      if (order < 0) {
        return table.name() + ": row " + key(l, table, columns) + " is only in the live database";
      }
      if (order > 0) {
        return table.name() + ": row " + key(r, table, columns) + " is only in the replay";
      }
      List<String> differing = new ArrayList<>();
      for (int i = 1; i <= columns.size(); i++) {
        if (!Objects.equals(l.getString(i), r.getString(i))) {
          differing.add(columns.get(i - 1));
        }
      }
      if (!differing.isEmpty()) {
        return table.name()
            + ": row "
            + key(l, table, columns)
            + " differs in "
            + String.join(", ", differing);
      }
      hasL = l.next();
      hasR = r.next();
    }
    // same rows in the walk: the checksum saw a difference the text form does not show
    return table.name() + ": checksums differ";
  }

  /** Compared as the database orders them: numbers by value, text and uuids by their text. */
  private static int compareKeys(ResultSet l, ResultSet r, StateTable table, List<String> columns)
      throws SQLException {
    for (String k : table.key()) {
      int i = columns.indexOf(k) + 1;
      String a = l.getString(i);
      String b = r.getString(i);
      int c =
          isNumber(a) && isNumber(b)
              ? Long.compare(Long.parseLong(a), Long.parseLong(b))
              : a.compareTo(b);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static boolean isNumber(String s) {
    return s != null && s.matches("-?\\d{1,18}");
  }

  private static String key(ResultSet rs, StateTable table, List<String> columns)
      throws SQLException {
    List<String> parts = new ArrayList<>();
    for (String k : table.key()) {
      parts.add(k + "=" + rs.getString(columns.indexOf(k) + 1));
    }
    return String.join(", ", parts);
  }

  /** Key order that Java's comparison repeats: text keys by code point, not by locale. */
  private static List<String> walkOrder(Connection c, StateTable table) throws SQLException {
    List<String> order = new ArrayList<>();
    for (String k : table.key()) {
      try (PreparedStatement q =
          c.prepareStatement(
              "select data_type from information_schema.columns where table_schema ="
                  + " current_schema() and table_name = ? and column_name = ?")) {
        q.setString(1, table.name());
        q.setString(2, k);
        try (ResultSet rs = q.executeQuery()) {
          boolean text = rs.next() && rs.getString(1).matches("text|character varying");
          order.add(quote(k) + (text ? " collate \"C\"" : ""));
        }
      }
    }
    return order;
  }

  private static List<String> quoted(List<String> names) {
    return names.stream().map(StateComparison::quote).toList();
  }

  private static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
