package dev.poststack.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.launcher.PostStackCli;
import dev.poststack.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code poststack admin team create} against a real database, through the real api-gateway code.
 */
class TeamCreateCommandIT {
  private static TestDatabase db;
  @TempDir Path dataDir;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void printsTheTeamIdAndItsFirstKeyAsJsonAndStoresOnlyTheKeysHash() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        PostStackCli.run(
            new String[] {"admin", "team", "create", "--name", "Acme Mail"},
            Map.of("POSTSTACK_DATA_DIR", dataDir.toString(), "POSTSTACK_PG_DATABASE", db.name()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode printed = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(printed.get("teamId").asLong()).isPositive();
    assertThat(printed.get("name").asString()).isEqualTo("Acme Mail");
    String key = printed.get("apiKey").asString();
    assertThat(key).startsWith("sk_live_");

    try (Connection c = db.connect();
        ResultSet rs = c.createStatement().executeQuery("select * from api_key")) {
      assertThat(rs.next()).isTrue();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        assertThat(String.valueOf(rs.getObject(i))).doesNotContain(key);
      }
      assertThat(rs.next()).isFalse();
    }
  }
}
