package dev.poststack.launcher.postgres;

/**
 * A database the apps can use.
 *
 * @param kind what serves it, for people: {@code local server} or {@code embedded}
 */
public record PostgresEndpoint(
    String host, int port, String user, String password, String database, String kind) {

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String r2dbcUrl() {
    return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** The server's maintenance database, for creating and dropping databases. */
  String adminJdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/postgres";
  }

  /** Where it is, without the password, for people. */
  public String describe() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database + " (" + kind + ")";
  }
}
