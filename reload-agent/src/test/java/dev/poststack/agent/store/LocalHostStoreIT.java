package dev.poststack.agent.store;

import static dev.poststack.agent.HostStates.records;
import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.agent.HostStates;
import dev.poststack.agent.reconcile.ApplyPlan;
import dev.poststack.agent.reconcile.Effects;
import dev.poststack.agent.reconcile.EntryRecord;
import dev.poststack.agent.reconcile.Reconciler;
import dev.poststack.agent.reconcile.StoreAction;
import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.HostMailbox;
import dev.poststack.renderer.host.HostState;
import dev.poststack.renderer.host.MailboxEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's writer connection against a real SQLite file. */
class LocalHostStoreIT {
  private static final String TOPIC = "poststack.host-entries";
  private static final HostState STATE =
      state()
          .domain(1, "example.test")
          .mailbox(10, "alice@example.test", "alice-pw")
          .alias(20, "info@example.test", 10)
          .build();

  @TempDir Path dir;

  private static List<EntryRecord> puts(HostState s) {
    return records(
        0,
        0,
        HostEntries.render(s).stream().map(e -> (EntryChange) new EntryChange.Put(e)).toList());
  }

  @Test
  void newStoreIsWalWithTheSchemaNoPositionsAndTheEmptyHash() throws Exception {
    try (LocalHostStore store = LocalHostStore.open(dir.resolve("mail.sqlite"), Durability.FULL)) {
      assertThat(store.positions(TOPIC)).isEmpty();
      assertThat(store.contentHash()).isEqualTo(ContentHash.EMPTY);
      assertThat(store.entryCount()).isZero();
      try (Connection reader =
              DriverManager.getConnection("jdbc:sqlite:file:" + store.file() + "?mode=ro");
          ResultSet rs = reader.createStatement().executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.getString(1)).isEqualTo("wal");
      }
    }
  }

  @Test
  void burstIsStoredWithItsPositionsAndHashAndIsVisibleToAReadOnlyReader() throws Exception {
    try (LocalHostStore store = LocalHostStore.open(dir.resolve("mail.sqlite"), Durability.FULL)) {
      new Reconciler(store, TOPIC).apply(puts(STATE));

      assertThat(store.allEntries()).containsExactlyInAnyOrderElementsOf(HostEntries.render(STATE));
      assertThat(store.contentHash()).isEqualTo(ContentHash.of(HostEntries.render(STATE)));
      assertThat(store.positions(TOPIC)).isEqualTo(Map.of(0, 4L));
      try (Connection reader =
              DriverManager.getConnection("jdbc:sqlite:file:" + store.file() + "?mode=ro");
          ResultSet rs =
              reader
                  .createStatement()
                  .executeQuery(
                      "SELECT address FROM mailboxes WHERE address = 'alice@example.test' AND"
                          + " status = 'active'")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void sameBurstAppliedAgainChangesNoRow() {
    try (LocalHostStore store =
        LocalHostStore.open(dir.resolve("mail.sqlite"), Durability.NORMAL)) {
      Reconciler reconciler = new Reconciler(store, TOPIC);
      reconciler.apply(puts(STATE));

      ApplyPlan again = reconciler.apply(puts(STATE));

      assertThat(again.actions()).isEmpty();
      assertThat(store.contentHash()).isEqualTo(ContentHash.of(HostEntries.render(STATE)));
    }
  }

  @Test
  void failedTransactionLeavesRowsPositionsAndHashAsTheyWere() {
    try (LocalHostStore store = LocalHostStore.open(dir.resolve("mail.sqlite"), Durability.FULL)) {
      List<HostEntry> entries = HostEntries.render(STATE);
      List<StoreAction> inserts =
          entries.stream().map(e -> (StoreAction) new StoreAction.Insert(e)).toList();
      ApplyPlan plan =
          new ApplyPlan(
              inserts,
              Map.of(0, 4L),
              ContentHash.EMPTY,
              ContentHash.of(entries),
              Effects.NONE,
              List.of(),
              entries.size());

      assertThatThrownBy(
              () ->
                  store.transaction(
                      () -> {
                        store.write(plan, TOPIC);
                        throw new IllegalStateException("crash before commit");
                      }))
          .isInstanceOf(IllegalStateException.class);

      assertThat(store.allEntries()).isEmpty();
      assertThat(store.positions(TOPIC)).isEmpty();
      assertThat(store.contentHash()).isEqualTo(ContentHash.EMPTY);
    }
  }

  @Test
  void effectsStayPendingAcrossAReopenUntilCleared() {
    Path file = dir.resolve("mail.sqlite");
    try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
      new Reconciler(store, TOPIC).apply(puts(STATE));
      HostState suspended =
          state()
              .domain(1, "example.test")
              .mailbox(10, "alice@example.test", "alice-pw", "suspended", 1L << 30)
              .build();
      new Reconciler(store, TOPIC)
          .apply(
              records(0, 4, HostEntries.changesOf(suspended.mailbox(10).orElseThrow(), List.of())));
    }
    try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
      assertThat(store.pendingEffects().reloadPostfix()).isTrue();
      assertThat(store.pendingEffects().kicks()).isEqualTo(Set.of("alice@example.test"));

      store.effectsRan(store.pendingEffects());
      store.flushRanEffects();

      assertThat(store.pendingEffects().isEmpty()).isTrue();
    }
    try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
      assertThat(store.pendingEffects().isEmpty()).as("flushed: nothing runs again").isTrue();
    }
  }

  @Test
  void ranEffectsLeaveTheStoredRowWithTheNextBurstAndAKickItAddsAgainStays() {
    Path file = dir.resolve("mail.sqlite");
    HostState suspended =
        state()
            .domain(1, "example.test")
            .mailbox(10, "alice@example.test", "alice-pw", "suspended", 1L << 30)
            .build();
    HostState newPassword =
        state().domain(1, "example.test").mailbox(10, "alice@example.test", "other-pw").build();
    try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
      Reconciler reconciler = new Reconciler(store, TOPIC);
      reconciler.apply(puts(STATE));
      reconciler.apply(
          records(0, 4, HostEntries.changesOf(suspended.mailbox(10).orElseThrow(), List.of())));
      store.effectsRan(store.pendingEffects());

      assertThat(store.pendingEffects().isEmpty()).as("what ran is not run again").isTrue();
    }
    try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
      assertThat(store.pendingEffects().kicks())
          .as("a crash before the next write runs the kick once more (idempotent)")
          .containsExactly("alice@example.test");
      store.effectsRan(store.pendingEffects());
      new Reconciler(store, TOPIC)
          .apply(
              records(
                  0, 5, HostEntries.changesOf(newPassword.mailbox(10).orElseThrow(), List.of())));
      assertThat(store.pendingEffects().kicks())
          .as("the burst's own kick of the same mailbox is not taken out with the one that ran")
          .containsExactly("alice@example.test");
      assertThat(store.pendingEffects().reloadPostfix()).isFalse();
      store.effectsRan(store.pendingEffects());
      new Reconciler(store, TOPIC)
          .apply(
              records(
                  0,
                  6,
                  HostEntries.render(state().domain(2, "shop.test").build()).stream()
                      .map(e -> (EntryChange) new EntryChange.Put(e))
                      .toList()));
    }
    try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
      assertThat(store.pendingEffects().kicks())
          .as("the next burst's transaction wrote the ran kick down, no commit of its own")
          .isEmpty();
      assertThat(store.pendingEffects().reloadPostfix())
          .as("while that burst's own effect (a new domain) is pending")
          .isTrue();
    }
  }

  @Test
  void newMailboxGetsALoginKeyThatSuspensionAndANewPasswordRenewAndOtherChangesKeep()
      throws Exception {
    Path file = dir.resolve("mail.sqlite");
    try (LocalHostStore store = LocalHostStore.open(file, Durability.NORMAL)) {
      Reconciler reconciler = new Reconciler(store, TOPIC);
      reconciler.apply(puts(STATE));
      String created = loginKey(file, "alice@example.test");
      assertThat(created).matches("[0-9a-f]{16}");

      reconciler.apply(mailboxChange(5, "alice-pw", "active", 1L << 20));
      assertThat(loginKey(file, "alice@example.test")).as("quota changed").isEqualTo(created);

      reconciler.apply(mailboxChange(6, "alice-pw", "suspended", 1L << 20));
      String suspended = loginKey(file, "alice@example.test");
      assertThat(suspended).as("suspended").isNotEqualTo(created);

      reconciler.apply(mailboxChange(7, "alice-pw", "active", 1L << 20));
      reconciler.apply(mailboxChange(8, "alice-pw", "active", 1L << 20));
      assertThat(loginKey(file, "alice@example.test")).as("reactivated").isEqualTo(suspended);

      reconciler.apply(mailboxChange(9, "new-pw", "active", 1L << 20));
      assertThat(loginKey(file, "alice@example.test"))
          .as("new password")
          .isNotIn(created, suspended);
      assertThat(store.contentHash()).isEqualTo(ContentHash.of(store.allEntries()));
    }
  }

  @Test
  void storeOfSchemaVersionOneIsUpgradedInPlaceAndEveryMailboxGetsAKey() throws Exception {
    Path file = dir.resolve("mail.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      // the mailboxes table as schema version 1 created it
      s.execute(
          "CREATE TABLE mailboxes (address TEXT NOT NULL PRIMARY KEY CHECK (address ="
              + " lower(address)), password TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN"
              + " ('active', 'suspended')), home TEXT NOT NULL, quota_bytes INTEGER NOT NULL CHECK"
              + " (quota_bytes > 0)) WITHOUT ROWID");
      s.execute(
          "INSERT INTO mailboxes VALUES ('alice@example.test', '"
              + HostStates.hash("alice-pw")
              + "', 'active', 'example.test/10', 1073741824)");
      s.execute("PRAGMA user_version = 1");
    }
    assertThat(LocalHostStore.needsUpgrade(file)).isTrue();

    try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
      assertThat(loginKey(file, "alice@example.test")).matches("[0-9a-f]{16}");
      assertThat(store.allEntries()).hasSize(1);
    }

    assertThat(LocalHostStore.needsUpgrade(file)).isFalse();
  }

  private static List<EntryRecord> mailboxChange(
      long offset, String password, String status, long quota) {
    HostState s =
        state()
            .domain(1, "example.test")
            .mailbox(10, "alice@example.test", password, status, quota)
            .alias(20, "info@example.test", 10)
            .build();
    return records(0, offset, HostEntries.changesOf(s.mailbox(10).orElseThrow(), s.aliasesOf(10)));
  }

  /** Read as the daemons read: a separate read-only connection. */
  private static String loginKey(Path file, String address) throws Exception {
    try (Connection reader = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
        ResultSet rs =
            reader
                .createStatement()
                .executeQuery(
                    "SELECT login_key FROM mailboxes WHERE address = '" + address + "'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  /**
   * The hash is kept up to date by add/remove per change, never recomputed by the agent: after many
   * one-change bursts over a store of some size it must still be the hash of exactly the rows.
   */
  @Test
  void contentHashStaysTheHashOfTheRowsThroughManyOneChangeBursts() {
    String[] hashes = {HostStates.hash("one-pw"), HostStates.hash("two-pw")};
    try (LocalHostStore store =
        LocalHostStore.open(dir.resolve("mail.sqlite"), Durability.NORMAL)) {
      Reconciler reconciler = new Reconciler(store, TOPIC);
      long offset = 0;
      for (int from = 0; from < 2_000; from += 500) {
        List<EntryRecord> burst = new ArrayList<>();
        for (int i = from; i < from + 500; i++) {
          burst.add(mailboxRecord(offset++, i, hashes[0]));
        }
        reconciler.apply(burst);
      }
      for (int i = 0; i < 300; i++) {
        reconciler.apply(List.of(mailboxRecord(offset++, (i * 7919) % 2_000, hashes[(i + 1) % 2])));
      }

      assertThat(store.contentHash()).isEqualTo(ContentHash.of(store.allEntries()));
      assertThat(store.entryCount()).isEqualTo(2_000);
    }
  }

  private static EntryRecord mailboxRecord(long offset, int i, String hash) {
    HostMailbox m =
        HostMailbox.of(i + 1, "d" + (i % 50) + ".test", "u" + i, hash, "active", 1L << 30);
    MailboxEntry e = new MailboxEntry(m.address(), m.id(), m.passwordHash(), m.status(), m.quota());
    return new EntryRecord(0, offset, e.key().value(), e.line());
  }

  /**
   * A full read in which keys repeat (a topic not compacted yet): the last record of a key wins,
   * and the hash summed from the lines read equals the hash of the rows stored, whether or not keys
   * repeat.
   */
  @Test
  void aResyncOfRecordsThatRepeatKeysStoresTheLastOfEachAndItsHash() {
    HostState later =
        state()
            .domain(1, "example.test")
            .mailbox(10, "alice@example.test", "alice-new-pw")
            .mailbox(11, "bob@example.test", "bob-pw")
            .build();
    List<EntryRecord> all = new ArrayList<>(puts(STATE));
    List<EntryChange> changes = new ArrayList<>();
    HostEntries.render(later).forEach(e -> changes.add(new EntryChange.Put(e)));
    // the alias and the sender entry it brought are gone
    HostEntries.render(STATE).stream()
        .map(HostEntry::key)
        .filter(k -> HostEntries.render(later).stream().noneMatch(e -> e.key().equals(k)))
        .forEach(k -> changes.add(new EntryChange.Remove(k)));
    all.addAll(records(0, all.size(), changes));
    try (LocalHostStore store = LocalHostStore.open(dir.resolve("mail.sqlite"), Durability.FULL)) {
      new Reconciler(store, TOPIC).resync(all, Map.of(0, (long) all.size()));
      assertThat(store.allEntries()).containsExactlyInAnyOrderElementsOf(HostEntries.render(later));
      assertThat(store.contentHash()).isEqualTo(ContentHash.of(HostEntries.render(later)));
    }
    try (LocalHostStore store = LocalHostStore.open(dir.resolve("once.sqlite"), Durability.FULL)) {
      new Reconciler(store, TOPIC).resync(puts(later), Map.of(0, 3L));
      assertThat(store.contentHash()).isEqualTo(ContentHash.of(HostEntries.render(later)));
    }
  }
}
