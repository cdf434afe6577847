package dev.poststack.agent.store;

import static dev.poststack.agent.HostStates.records;
import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.agent.reconcile.ApplyPlan;
import dev.poststack.agent.reconcile.Desired;
import dev.poststack.agent.reconcile.EntryRecord;
import dev.poststack.agent.reconcile.Planner;
import dev.poststack.agent.reconcile.Reconciler;
import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's writer connection against a real SQLite file. */
class LocalHostStoreIT {
  private static final String TOPIC = "poststack.host-entries";
  private static final HostState STATE = state()
      .domain(1, "example.test")
      .mailbox(10, "alice@example.test", "alice-pw")
      .alias(20, "info@example.test", 10)
      .build();

  @TempDir Path dir;

  private static List<EntryRecord> puts(HostState s) {
    return records(0, 0, HostEntries.render(s).stream().map(e -> (EntryChange) new EntryChange.Put(e)).toList());
  }

  @Test
  void newStoreIsWalWithTheSchemaNoPositionsAndTheEmptyHash() throws Exception {
    try (LocalHostStore store = LocalHostStore.open(dir.resolve("mail.sqlite"), Durability.FULL)) {
      assertThat(store.positions(TOPIC)).isEmpty();
      assertThat(store.contentHash()).isEqualTo(ContentHash.EMPTY);
      assertThat(store.entryCount()).isZero();
      try (Connection reader = DriverManager.getConnection("jdbc:sqlite:file:" + store.file() + "?mode=ro");
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
      try (Connection reader = DriverManager.getConnection("jdbc:sqlite:file:" + store.file() + "?mode=ro");
          ResultSet rs = reader.createStatement().executeQuery(
              "SELECT address FROM mailboxes WHERE address = 'alice@example.test' AND status = 'active'")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void sameBurstAppliedAgainChangesNoRow() {
    try (LocalHostStore store = LocalHostStore.open(dir.resolve("mail.sqlite"), Durability.NORMAL)) {
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
      ApplyPlan plan = Planner.plan(Desired.of(puts(STATE)), Map.of(), ContentHash.EMPTY, 4);

      assertThatThrownBy(() -> store.transaction(() -> {
        store.write(plan, TOPIC);
        throw new IllegalStateException("crash before commit");
      })).isInstanceOf(IllegalStateException.class);

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
      HostState suspended = state().domain(1, "example.test")
          .mailbox(10, "alice@example.test", "alice-pw", "suspended", 1L << 30).build();
      new Reconciler(store, TOPIC).apply(records(0, 4, HostEntries.changesOf(suspended.mailbox(10).orElseThrow(), List.of())));
    }
    try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
      assertThat(store.pendingEffects().reloadPostfix()).isTrue();
      assertThat(store.pendingEffects().kicks()).isEqualTo(Set.of("alice@example.test"));

      store.clearPendingEffects(store.pendingEffects());

      assertThat(store.pendingEffects().isEmpty()).isTrue();
    }
  }
}
