package dev.poststack.launcher.replay;

import dev.poststack.launcher.cli.ExitCodes;
import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.postgres.PostgresEndpoint;
import dev.poststack.launcher.spi.StackEndpoints;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The databases a replay writes into, on the live database's server, over JDBC. */
final class ReplayDatabases {
  private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ReplayDatabases() {}

  /** The live database, as the running stack or the environment names it. */
  static PostgresEndpoint live(StackEndpoints stack) {
    Matcher m = JDBC.matcher(stack.jdbcUrl());
    if (!m.matches()) {
      throw new OperatorException(
          "cannot read the database address " + stack.jdbcUrl(), ExitCodes.FAILED, null);
    }
    return new PostgresEndpoint(
        m.group(1),
        Integer.parseInt(m.group(2)),
        stack.dbUser(),
        stack.dbPassword(),
        m.group(3),
        "live");
  }

  /** Another database on the same server, as the same user. */
  static PostgresEndpoint sibling(PostgresEndpoint live, String database) {
    return new PostgresEndpoint(
        live.host(), live.port(), live.user(), live.password(), database, "replay");
  }

  /** A fresh name: {@code poststack_replay_} and 8 random hex digits. */
  static String scratchName() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return "poststack_replay_" + HexFormat.of().formatHex(bytes);
  }

  static boolean exists(PostgresEndpoint db) throws SQLException {
    try (Connection c = server(db);
        PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
      q.setString(1, db.database());
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** True when the database holds any table of its own (ours or anyone's). */
  static boolean hasTables(PostgresEndpoint db) throws SQLException {
    try (Connection c = connect(db.jdbcUrl(), db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select exists (select 1 from information_schema.tables where table_schema not in"
                    + " ('pg_catalog', 'information_schema'))")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  // the names are checked ([a-z_][a-z0-9_]*) before they get here: quoting them is enough
  static void create(PostgresEndpoint db) throws SQLException {
    try (Connection c = server(db);
        Statement s = c.createStatement()) {
      s.execute("create database \"" + db.database() + "\"");
    }
  }

  static void drop(PostgresEndpoint db) throws SQLException {
    try (Connection c = server(db);
        Statement s = c.createStatement()) {
      s.execute("drop database if exists \"" + db.database() + "\" with (force)");
    }
  }

  private static Connection server(PostgresEndpoint db) throws SQLException {
    return connect("jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres", db);
  }

  private static Connection connect(String url, PostgresEndpoint db) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", db.user());
    p.setProperty("password", db.password());
    p.setProperty("connectTimeout", "5");
    p.setProperty("ApplicationName", "poststack-replay");
    return DriverManager.getConnection(url, p);
  }
}
