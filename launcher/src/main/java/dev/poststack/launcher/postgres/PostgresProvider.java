package dev.poststack.launcher.postgres;

import dev.poststack.launcher.cli.OperatorException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Finds the PostgreSQL the apps use: the local server when it answers (it matches production's
 * major version), else an embedded one whose data directory survives restarts. Either way the app
 * database exists when this returns.
 */
public final class PostgresProvider {
  private final PostgresSettings settings;

  public PostgresProvider(PostgresSettings settings) {
    this.settings = settings;
  }

  public RunningPostgres provide() {
    return switch (settings.mode()) {
      case LOCAL ->
          local()
              .orElseThrow(
                  () ->
                      new OperatorException(
                          "PostgreSQL does not answer at "
                              + settings.host()
                              + ":"
                              + settings.port()
                              + " as "
                              + settings.user()
                              + " (POSTSTACK_PG=local); start it or unset POSTSTACK_PG to use an"
                              + " embedded one"));
      case EMBEDDED -> embedded();
      case AUTO -> local().orElseGet(this::embedded);
    };
  }

  private Optional<RunningPostgres> local() {
    PostgresEndpoint endpoint =
        new PostgresEndpoint(
            settings.host(),
            settings.port(),
            settings.user(),
            settings.password(),
            settings.database(),
            "local server");
    try (Connection ignored = Databases.admin(endpoint, 2)) {
      // answers: use it
    } catch (SQLException down) {
      return Optional.empty();
    }
    ensureDatabase(endpoint);
    return Optional.of(new RunningPostgres(endpoint, () -> {}));
  }

  private RunningPostgres embedded() {
    try {
      Files.createDirectories(settings.embeddedDataDir());
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(settings.embeddedDataDir())
              .setCleanDataDirectory(false)
              .start();
      PostgresEndpoint endpoint =
          new PostgresEndpoint(
              "127.0.0.1", pg.getPort(), "postgres", "", settings.database(), "embedded");
      try {
        ensureDatabase(endpoint);
      } catch (RuntimeException e) {
        pg.close();
        throw e;
      }
      return new RunningPostgres(endpoint, pg);
    } catch (IOException e) {
      throw new OperatorException(
          "cannot start embedded PostgreSQL in "
              + settings.embeddedDataDir()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static void ensureDatabase(PostgresEndpoint endpoint) {
    try {
      Databases.ensureExists(endpoint);
    } catch (SQLException e) {
      throw new OperatorException(
          "cannot create database "
              + endpoint.database()
              + " at "
              + endpoint.describe()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
