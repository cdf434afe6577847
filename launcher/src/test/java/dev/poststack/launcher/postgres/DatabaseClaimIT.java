package dev.poststack.launcher.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who a database belongs to, on the local PostgreSQL. */
class DatabaseClaimIT {
  private final TestDatabase db = TestDatabase.create();
  private final PostgresEndpoint endpoint =
      new PostgresEndpoint("127.0.0.1", 5432, db.user(), "", db.name(), "local server");

  @AfterEach
  void drop() {
    db.close();
  }

  @Test
  void anEmptyUnclaimedDatabaseIsClaimedAndTheSameDirectoryFindsItAgain() throws Exception {
    DatabaseClaim mine = new DatabaseClaim("aaaaaaaaaaaa", Path.of("/srv/one/.poststack"), false);

    mine.claim(endpoint);
    sql("create table provisioner_state (id int)");
    mine.claim(endpoint);

    assertThat(comment()).isEqualTo("poststack data directory aaaaaaaaaaaa at /srv/one/.poststack");
  }

  @Test
  void anotherDataDirectoryIsRefusedWithTheOwnersPath() {
    new DatabaseClaim("aaaaaaaaaaaa", Path.of("/srv/one/.poststack"), false).claim(endpoint);

    assertThatThrownBy(
            () ->
                new DatabaseClaim("bbbbbbbbbbbb", Path.of("/srv/two/.poststack"), true)
                    .claim(endpoint))
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining(
            "belongs to the PostStack data directory /srv/one/.poststack, not to"
                + " /srv/two/.poststack");
  }

  @Test
  void anUnclaimedDatabaseWithTablesIsRefusedUnlessADirectoryFromBeforeClaimsAdoptsIt()
      throws Exception {
    sql("create table someone_elses (id int)");

    assertThatThrownBy(
            () ->
                new DatabaseClaim("aaaaaaaaaaaa", Path.of("/srv/one/.poststack"), false)
                    .claim(endpoint))
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("holds tables that no PostStack data directory claims");
    new DatabaseClaim("aaaaaaaaaaaa", Path.of("/srv/o'ld/.poststack"), true).claim(endpoint);

    assertThat(comment())
        .isEqualTo("poststack data directory aaaaaaaaaaaa at /srv/o'ld/.poststack");
  }

  @Test
  void aMovedDataDirectoryKeepsItsDatabaseAndTheNoteFollowsIt() throws Exception {
    new DatabaseClaim("aaaaaaaaaaaa", Path.of("/srv/one/.poststack"), false).claim(endpoint);

    new DatabaseClaim("aaaaaaaaaaaa", Path.of("/srv/moved/.poststack"), false).claim(endpoint);

    assertThat(comment()).endsWith("at /srv/moved/.poststack");
  }

  private void sql(String statement) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private String comment() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select shobj_description(oid, 'pg_database') from pg_database where datname = '"
                    + db.name()
                    + "'")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
