package dev.poststack.renderer.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.renderer.hostconfig.HostConfigRenderer;
import dev.poststack.renderer.hostconfig.HostSettings;
import dev.poststack.renderer.hostconfig.RenderedFile;
import dev.poststack.renderer.testing.Command;
import dev.poststack.testing.MailDaemonsRequired;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema, the agent's statements and the daemons' rendered queries agree, on a real SQLite file
 * through the {@code sqlite3} shell (the module itself has no database driver).
 */
class HostStoreSqliteIT {
  @TempDir Path temp;
  private String db;
  private HostSettings settings;

  @BeforeEach
  void createStoreWithTheSampleEntries() {
    MailDaemonsRequired.assumeAvailable(
        Command.installed("sqlite3") ? Optional.empty() : Optional.of("sqlite3 is not installed"));
    settings = HostSettings.of("mail.poststack.test", temp.toString());
    db = settings.storePath().value();
    new java.io.File(settings.layout().storeDir().value()).mkdirs();
    sql(HostStore.script());
    StringBuilder apply = new StringBuilder("BEGIN;\n");
    for (HostEntry e : HostEntries.render(Fixtures.sample())) {
      apply.append(bound(HostStore.upsertSql(e.kind()), e.columnValues()));
      apply.append(bound(HostStore.upsertSql(e.kind()), e.columnValues())); // idempotent
      if (e.kind() == EntryKind.MAILBOX) { // as the agent does for a new mailbox
        apply.append(bound(HostStore.RENEW_LOGIN_KEY_SQL, List.of(e.key().name())));
      }
    }
    sql(apply.append("COMMIT;\n").toString());
  }

  @Test
  void storesWalAndTheRowsHashToTheRenderedContentHash() {
    assertThat(sql("PRAGMA journal_mode;")).isEqualTo("wal\n");
    assertThat(storedHash()).isEqualTo(ContentHash.of(HostEntries.render(Fixtures.sample())));
  }

  @Test
  void dovecotQueriesLetActiveMailboxesLogInAndStillDeliverToSuspendedOnes() {
    String passwordQuery = setting("dovecot/dovecot-sql.conf.ext", "password_query = ");
    String userQuery = setting("dovecot/dovecot-sql.conf.ext", "user_query = ");
    assertThat(sql(passwordQuery.replace("%Lu", "alice@example.test").replace("%s", "imap") + ";"))
        .startsWith("alice@example.test|{SHA");
    assertThat(sql(passwordQuery.replace("%Lu", "alice@example.test").replace("%s", "smtp") + ";"))
        .as("Postfix's SASL login carries the login key")
        .startsWith(login("alice@example.test") + "|{SHA");
    assertThat(sql(passwordQuery.replace("%Lu", "bob@example.test").replace("%s", "imap") + ";"))
        .isEmpty();
    assertThat(sql(userQuery.replace("%Lu", "bob@example.test") + ";"))
        .isEqualTo(settings.mailRoot().value() + "/example.test/43|5000|5000|*:bytes=1073741824\n");
  }

  @Test
  void postfixMapsAnswerForDomainsMailboxesAliasesAndSenders() {
    assertThat(lookup("sqlite-vdomains.cf", "example.test")).isEqualTo("OK\n");
    assertThat(lookup("sqlite-vdomains.cf", "old.test")).isEmpty();
    assertThat(lookup("sqlite-vmailboxes.cf", "bob@example.test")).isEqualTo("OK\n");
    assertThat(lookup("sqlite-valiases.cf", "info@example.test")).isEqualTo("alice@example.test\n");
    assertThat(login("alice@example.test")).matches("alice@example\\.test/[0-9a-f]{16}");
    assertThat(lookup("sqlite-senders.cf", "info@example.test"))
        .isEqualTo(login("alice@example.test") + "\n");
    assertThat(lookup("sqlite-senders.cf", "alice@example.test"))
        .isEqualTo(login("alice@example.test") + "\n");
    assertThat(lookup("sqlite-senders.cf", "bob@example.test"))
        .as("suspended sends nothing")
        .isEmpty();
  }

  @Test
  void aliasGrantsGoOnlyToAnActiveOwner() {
    assertThat(lookup("sqlite-senders.cf", "sales@shop.test"))
        .as("sales@ is granted to bob, who is suspended")
        .isEmpty();
    sql(bound(HostStore.deleteSql(EntryKind.MAILBOX), List.of("alice@example.test")));
    assertThat(lookup("sqlite-senders.cf", "info@example.test"))
        .as("a grant row left behind by a deleted owner grants nothing")
        .isEmpty();
  }

  @Test
  void aRemovalDeletesExactlyItsRow() {
    sql(bound(HostStore.deleteSql(EntryKind.ALIAS), List.of("info@example.test")));
    assertThat(lookup("sqlite-valiases.cf", "info@example.test")).isEmpty();
    assertThat(lookup("sqlite-senders.cf", "info@example.test"))
        .isEqualTo(login("alice@example.test") + "\n");
  }

  @Test
  void onlyAnActiveMailboxsCurrentSmtpLoginIsNotStale() {
    String alice = login("alice@example.test");
    String bob = login("bob@example.test");
    assertThat(lookup("sqlite-stale-logins.cf", alice)).as("current login").isEmpty();
    assertThat(lookup("sqlite-stale-logins.cf", bob)).as("suspended").startsWith("421 4.7.0 ");
    assertThat(lookup("sqlite-stale-logins.cf", "alice@example.test"))
        .as("no key")
        .startsWith("421");
    assertThat(lookup("sqlite-stale-logins.cf", "nobody@example.test/00")).startsWith("421");

    sql(bound(HostStore.RENEW_LOGIN_KEY_SQL, List.of("alice@example.test")));

    assertThat(login("alice@example.test")).isNotEqualTo(alice);
    assertThat(lookup("sqlite-stale-logins.cf", alice)).as("renewed key").startsWith("421");
    assertThat(lookup("sqlite-stale-logins.cf", login("alice@example.test"))).isEmpty();
    assertThat(lookup("sqlite-senders.cf", "info@example.test"))
        .isEqualTo(login("alice@example.test") + "\n");
    sql(bound(HostStore.deleteSql(EntryKind.MAILBOX), List.of("alice@example.test")));
    assertThat(lookup("sqlite-stale-logins.cf", alice)).as("deleted").startsWith("421");
  }

  /** The SASL login Dovecot gives Postfix for a mailbox: its address and its current key. */
  private String login(String address) {
    String key =
        sql(
            bound(
                "SELECT " + HostStore.LOGIN_KEY + " FROM mailboxes WHERE address = ?1",
                List.of(address)));
    return address + "/" + key.strip();
  }

  private ContentHash storedHash() {
    ContentHash hash = ContentHash.EMPTY;
    for (EntryKind kind : EntryKind.values()) {
      for (String row : sql(HostStore.selectAllSql(kind) + ";").lines().toList()) {
        List<Object> values = new ArrayList<>(List.of((Object[]) row.split("\\|", -1)));
        if (kind == EntryKind.MAILBOX) {
          values.set(4, Long.parseLong((String) values.get(4)));
        }
        hash = hash.add(EntryCodec.fromRow(kind, values));
      }
    }
    return hash;
  }

  private String lookup(String map, String key) {
    return sql(setting("postfix/" + map, "query = ").replace("%s", key) + ";");
  }

  private String setting(String file, String prefix) {
    RenderedFile f =
        HostConfigRenderer.render(settings).stream()
            .filter(r -> r.name().equals(file))
            .findFirst()
            .orElseThrow();
    return f.text()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow()
        .substring(prefix.length());
  }

  /** Binds {@code ?} parameters the way the sqlite3 shell does: {@code .parameter set ?N value}. */
  private static String bound(String statement, List<?> values) {
    StringBuilder s = new StringBuilder(".parameter clear\n");
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      s.append(".parameter set ?")
          .append(i + 1)
          .append(' ')
          .append(v instanceof Long ? v.toString() : "\"'" + v + "'\"")
          .append('\n');
    }
    return s.append(statement).append(";\n").toString();
  }

  private String sql(String script) {
    Command.Result r = Command.run(script, "sqlite3", "-bail", "-batch", db);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stderr()).isEmpty();
    return r.stdout();
  }
}
