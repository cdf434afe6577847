package dev.poststack.launcher.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.launcher.postgres.PostgresSettings.Mode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresIT {
  @TempDir Path dataDir;

  @Test
  void keepsRowsInItsDataDirectoryAcrossARestart() throws Exception {
    PostgresProvider provider =
        new PostgresProvider(
            new PostgresSettings(
                "127.0.0.1",
                5432,
                "postgres",
                "",
                "poststack",
                dataDir.resolve("postgres"),
                Mode.EMBEDDED));

    try (RunningPostgres pg = provider.provide()) {
      assertThat(pg.endpoint().kind()).isEqualTo("embedded");
      try (Connection c = connect(pg.endpoint())) {
        c.createStatement()
            .execute("create table kept (v text); insert into kept values ('still here')");
      }
    }
    try (RunningPostgres pg = provider.provide();
        Connection c = connect(pg.endpoint());
        ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("still here");
    }
  }

  private static Connection connect(PostgresEndpoint endpoint) throws Exception {
    return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
  }
}
