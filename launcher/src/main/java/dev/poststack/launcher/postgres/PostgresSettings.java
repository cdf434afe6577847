package dev.poststack.launcher.postgres;

import java.nio.file.Path;

/**
 * Where to look for PostgreSQL and what to fall back on.
 *
 * @param host local server host ({@code POSTSTACK_PG_HOST})
 * @param port local server port ({@code POSTSTACK_PG_PORT})
 * @param user user for the local server ({@code POSTSTACK_PG_USER}); the embedded one always uses
 *     {@code postgres}
 * @param password password for the local server, empty for trust ({@code POSTSTACK_PG_PASSWORD})
 * @param database the database the apps use, created when absent
 * @param embeddedDataDir the embedded server's data directory, kept across restarts
 * @param mode which server to use
 */
public record PostgresSettings(
    String host,
    int port,
    String user,
    String password,
    String database,
    Path embeddedDataDir,
    Mode mode) {

  public enum Mode {
    /** The local server when it answers, else embedded. */
    AUTO,
    /** Only the local server; fail when it does not answer. */
    LOCAL,
    /** Always the embedded server. */
    EMBEDDED
  }

  public PostgresSettings {
    if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
      // the name goes into CREATE DATABASE; keep it a plain identifier
      throw new IllegalArgumentException("database name must match [a-z_][a-z0-9_]*: " + database);
    }
  }
}
