package dev.poststack.launcher.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Connection checks and database creation over JDBC on a server's maintenance database. */
final class Databases {
  private Databases() {}

  static Connection admin(PostgresEndpoint endpoint, int connectTimeoutSeconds)
      throws SQLException {
    return connect(endpoint.adminJdbcUrl(), endpoint, connectTimeoutSeconds);
  }

  /** A connection to the apps' database itself. */
  static Connection app(PostgresEndpoint endpoint, int connectTimeoutSeconds) throws SQLException {
    return connect(endpoint.jdbcUrl(), endpoint, connectTimeoutSeconds);
  }

  private static Connection connect(
      String url, PostgresEndpoint endpoint, int connectTimeoutSeconds) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", endpoint.user());
    props.setProperty("password", endpoint.password());
    props.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
    props.setProperty("ApplicationName", "poststack-launcher");
    return DriverManager.getConnection(url, props);
  }

  /** Returns true when it created the database, false when it was already there. */
  static boolean ensureExists(PostgresEndpoint endpoint) throws SQLException {
    try (Connection c = admin(endpoint, 5)) {
      try (PreparedStatement q =
          c.prepareStatement("select 1 from pg_database where datname = ?")) {
        q.setString(1, endpoint.database());
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            return false;
          }
        }
      }
      try (Statement s = c.createStatement()) {
        // the name was checked against [a-z_][a-z0-9_]* in PostgresSettings
        s.execute("create database \"" + endpoint.database() + "\"");
        return true;
      } catch (SQLException e) {
        if ("42P04".equals(e.getSQLState())) {
          return false; // created concurrently by another process: fine
        }
        throw e;
      }
    }
  }
}
