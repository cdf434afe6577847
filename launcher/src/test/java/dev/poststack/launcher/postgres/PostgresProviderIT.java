package dev.poststack.launcher.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.postgres.PostgresSettings.Mode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against the local server at 127.0.0.1:5432 (user postgres, trust), as CI provides. */
class PostgresProviderIT {
  private final String scratch =
      "pslauncher_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @TempDir Path dataDir;

  @AfterEach
  void dropScratchDatabase() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + scratch + " with (force)");
    }
  }

  @Test
  void usesTheLocalServerWhenItAnswersAndCreatesTheDatabaseOnce() throws Exception {
    PostgresProvider provider = new PostgresProvider(settings(5432, Mode.AUTO));

    try (RunningPostgres pg = provider.provide()) {
      assertThat(pg.endpoint().kind()).isEqualTo("local server");
      assertThat(pg.endpoint().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/" + scratch);
      assertThat(selectOne(pg.endpoint())).isEqualTo(1);
    }
    try (RunningPostgres again = provider.provide()) {
      assertThat(again.endpoint().database())
          .as("second start finds the database")
          .isEqualTo(scratch);
    }
  }

  @Test
  void failsWithAnActionableMessageWhenTheLocalServerIsRequiredButDown() {
    PostgresProvider provider = new PostgresProvider(settings(1, Mode.LOCAL));

    assertThatThrownBy(provider::provide)
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("does not answer at 127.0.0.1:1");
  }

  private PostgresSettings settings(int port, Mode mode) {
    return new PostgresSettings(
        "127.0.0.1", port, "postgres", "", scratch, dataDir.resolve("postgres"), mode);
  }

  static int selectOne(PostgresEndpoint endpoint) throws Exception {
    try (Connection c =
            DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
        ResultSet rs = c.createStatement().executeQuery("select 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
