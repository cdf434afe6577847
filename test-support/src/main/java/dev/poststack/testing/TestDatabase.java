package dev.poststack.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database on the local server for one test class, dropped on close.
 * Every test class gets its own, so test runs (and parallel checkouts) never see each other's rows.
 *
 * <p>Server from {@code POSTSTACK_TEST_PG_HOST}/{@code _PORT}/{@code _USER} (default
 * 127.0.0.1:5432, user postgres, trust or no password).
 */
public final class TestDatabase implements AutoCloseable {
  private final String host;
  private final int port;
  private final String user;
  private final String name;

  private TestDatabase(String host, int port, String user, String name) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.name = name;
  }

  public static TestDatabase create() {
    String host = env("POSTSTACK_TEST_PG_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("POSTSTACK_TEST_PG_PORT", "5432"));
    String user = env("POSTSTACK_TEST_PG_USER", "postgres");
    String name = "pstest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    TestDatabase db = new TestDatabase(host, port, user, name);
    db.admin("create database " + name);
    return db;
  }

  private static String env(String key, String fallback) {
    String v = System.getenv(key);
    return v == null || v.isBlank() ? fallback : v;
  }

  public String name() {
    return name;
  }

  public String user() {
    return user;
  }

  public String password() {
    return "";
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + name;
  }

  public String r2dbcUrl() {
    return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user, "");
  }

  private void admin(String sql) {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + host + ":" + port + " is needed for this test: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    admin("drop database if exists " + name + " with (force)");
  }
}
