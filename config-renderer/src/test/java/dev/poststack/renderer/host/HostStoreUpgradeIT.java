package dev.poststack.renderer.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.renderer.testing.Command;
import dev.poststack.testing.MailDaemonsRequired;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.dkim.DkimAlgorithm;
import dev.poststack.values.dkim.DkimKeyState;
import dev.poststack.values.dkim.DkimSelector;
import dev.poststack.values.dkim.SealedPrivateKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store written at schema version 2 takes DKIM rows after the agent's upgrade steps. */
class HostStoreUpgradeIT {
  @TempDir Path temp;

  @Test
  void aVersionTwoStoreGainsTheDkimTableAndKeepsItsRows() {
    MailDaemonsRequired.assumeAvailable(
        Command.installed("sqlite3") ? Optional.empty() : Optional.of("sqlite3 is not installed"));
    String db = temp.resolve("host.sqlite").toString();
    sql(db, HostStore.script());
    sql(
        db,
        "INSERT INTO domains (name) VALUES ('example.test');\n"
            + "DROP TABLE dkim_keys;\nPRAGMA user_version = 2;\n");
    assertThat(sql(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'dkim_keys';"))
        .isEqualTo("0\n");

    StringBuilder upgrade = new StringBuilder("BEGIN;\n");
    HostStore.upgradeFrom(2).forEach(s -> upgrade.append(s).append(";\n"));
    HostStore.DDL.forEach(s -> upgrade.append(s).append(";\n"));
    sql(db, upgrade.append("COMMIT;\n").toString());

    DkimKeyEntry key =
        new DkimKeyEntry(
            new DomainName("example.test"),
            new DkimSelector("s1"),
            DkimAlgorithm.RSA,
            new SealedPrivateKey("v1." + "Q".repeat(50)),
            DkimKeyState.STAGED);
    List<Object> v = key.columnValues();
    StringBuilder insert = new StringBuilder(".parameter clear\n");
    for (int i = 0; i < v.size(); i++) {
      insert
          .append(".parameter set ?")
          .append(i + 1)
          .append(" \"'")
          .append(v.get(i))
          .append("'\"\n");
    }
    sql(db, insert.append(HostStore.upsertSql(EntryKind.DKIM)).append(";\n").toString());

    assertThat(sql(db, "PRAGMA user_version;")).isEqualTo(HostStore.SCHEMA_VERSION + "\n");
    assertThat(sql(db, "SELECT name FROM domains;")).isEqualTo("example.test\n");
    String row = sql(db, HostStore.selectAllSql(EntryKind.DKIM) + ";").strip();
    assertThat(EntryCodec.fromRow(EntryKind.DKIM, List.of((Object[]) row.split("\\|", -1))))
        .isEqualTo(key);
  }

  private static String sql(String db, String script) {
    Command.Result r = Command.run(script, "sqlite3", "-bail", "-batch", db);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stderr()).isEmpty();
    return r.stdout();
  }
}
