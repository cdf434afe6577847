package dev.poststack.agent.store;

import static dev.poststack.agent.HostStates.records;
import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.agent.HostStates;
import dev.poststack.agent.reconcile.ApplyPlan;
import dev.poststack.agent.reconcile.Reconciler;
import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full resync replaces every row in ONE transaction: a reader of the store (what Dovecot and
 * Postfix are) running all along sees the whole old set or the whole new set, never a mix, and is
 * never refused.
 */
class ResyncAtomicityIT {
  private static final int MAILBOXES = 1500;

  @TempDir Path dir;

  @Test
  void aReaderSeesTheOldRowsUntilTheResyncCommitsThenTheNewOnesNeverAMix() throws Exception {
    Path file = dir.resolve("host.sqlite");
    HostState old = mailboxes("old");
    HostState fresh = mailboxes("new");
    try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
      Reconciler reconciler = new Reconciler(store, "topic");
      reconciler.apply(records(0, 0, puts(old)));

      AtomicBoolean resynced = new AtomicBoolean();
      List<long[]> seen = new ArrayList<>();
      CompletableFuture<Void> reader =
          CompletableFuture.runAsync(
              () -> {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                  boolean last = false;
                  while (!last) {
                    last = resynced.get(); // one more read after the commit
                    seen.add(counts(c));
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });

      // the compacted topic: the new mailboxes; the old ones' records (and tombstones) are gone
      ApplyPlan plan = reconciler.resync(records(0, 5000, puts(fresh)), Map.of(0, 9000L));
      resynced.set(true);
      reader.get();

      assertThat(plan.actions()).hasSize(2 * MAILBOXES);
      assertThat(store.allEntries()).containsExactlyInAnyOrderElementsOf(HostEntries.render(fresh));
      assertThat(store.contentHash()).isEqualTo(ContentHash.of(HostEntries.render(fresh)));
      assertThat(store.positions("topic")).isEqualTo(Map.of(0, 9000L));
      assertThat(seen).hasSizeGreaterThan(1);
      assertThat(seen)
          .allSatisfy(
              s ->
                  assertThat(s)
                      .satisfiesAnyOf(
                          v -> assertThat(v).containsExactly(MAILBOXES, 0),
                          v -> assertThat(v).containsExactly(0, MAILBOXES)));
      assertThat(seen)
          .as("reads before the commit")
          .anySatisfy(v -> assertThat(v[0]).isEqualTo(MAILBOXES));
      assertThat(seen.get(seen.size() - 1)).containsExactly(0, MAILBOXES);
    }
  }

  /** Old and new mailboxes counted in one read transaction, as one lookup would see them. */
  private static long[] counts(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN");
      try {
        return new long[] {
          count(s, "select count(*) from mailboxes where address like 'old-%'"),
          count(s, "select count(*) from mailboxes where address like 'new-%'")
        };
      } finally {
        s.execute("COMMIT");
      }
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static HostState mailboxes(String prefix) {
    HostStates s = state().domain(1, "resync.test");
    for (int i = 0; i < MAILBOXES; i++) {
      s.mailbox(
          1 + i + (prefix.equals("old") ? 0 : MAILBOXES), prefix + "-" + i + "@resync.test", "pw");
    }
    return s.build();
  }

  private static List<EntryChange> puts(HostState s) {
    return HostEntries.render(s).stream().map(e -> (EntryChange) new EntryChange.Put(e)).toList();
  }
}
