package dev.poststack.agent;

import static dev.poststack.agent.HostStates.records;
import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.agent.daemon.DaemonCommandException;
import dev.poststack.agent.daemon.DaemonControl;
import dev.poststack.agent.reconcile.InMemoryEntrySource;
import dev.poststack.agent.reconcile.ReloadPacing;
import dev.poststack.agent.reconcile.ResyncRequests;
import dev.poststack.agent.report.AppliedStatus;
import dev.poststack.agent.store.Durability;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostState;
import dev.poststack.renderer.hostconfig.RenderedFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop over a real store with a scripted source and daemons that can fail. */
class ReloadAgentIT {
  @TempDir Path dir;

  private final InMemoryEntrySource bursts = new InMemoryEntrySource();
  private final List<String> daemonCalls = new ArrayList<>();
  private final List<Instant> reloads = new ArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final List<AppliedStatus> reports = new ArrayList<>();
  private boolean daemonsBroken;

  private final DaemonControl daemons =
      new DaemonControl() {
        @Override
        public void reloadPostfix() {
          call("reload postfix");
          reloads.add(clock.instant());
        }

        @Override
        public void kick(String address) {
          call("kick " + address);
        }

        @Override
        public void reload(RenderedFile.Daemon daemon) {
          call("reload " + daemon);
        }

        private void call(String what) {
          if (daemonsBroken) {
            throw new DaemonCommandException(what + " failed");
          }
          daemonCalls.add(what);
        }
      };

  private static List<EntryChange> puts(HostState s) {
    return HostEntries.render(s).stream().map(e -> (EntryChange) new EntryChange.Put(e)).toList();
  }

  /**
   * A domain toggled in a loop (one burst every 250 ms for 10 s, as an inbound flag flipped by a
   * script): never two {@code postfix reload}s closer than the 5 s window (so at most one per
   * window plus the trailing one), and one within the window after the last change, so the final
   * state is what Postfix ends up serving. Without pacing this was 41 reloads.
   */
  @Test
  void domainToggledInALoopReloadsPostfixAtMostOncePerWindowAndOnceAfterTheLastChange() {
    Duration window = Duration.ofSeconds(5);
    Duration every = Duration.ofMillis(250);
    int changes = 41;
    try (LocalHostStore store = LocalHostStore.open(dir.resolve("s.sqlite"), Durability.NORMAL)) {
      ReloadAgent agent =
          new ReloadAgent(
              "h",
              "t",
              store,
              bursts,
              reports::add,
              daemons,
              Duration.ofHours(1),
              clock,
              new ReloadPacing(window),
              ResyncRequests.NONE,
              Duration.ZERO);
      HostState on = state().domain(1, "example.test").build();
      Instant first = clock.instant();
      Instant lastChange = first;
      for (int i = 0; i < changes; i++) {
        List<EntryChange> toggle =
            i % 2 == 0
                ? puts(on)
                : List.of(new EntryChange.Remove(EntryKey.parse("domain:example.test")));
        bursts.add(records(0, i, toggle));
        lastChange = clock.instant();
        agent.reconcileOnce();
        clock.advance(every);
      }
      for (int i = 0; i < 100 && !store.pendingEffects().isEmpty(); i++) {
        agent.reconcileOnce();
        clock.advance(every);
      }

      // one reload per window over the span of the changes, plus the one after the last change
      long bound = Duration.between(first, lastChange).toMillis() / window.toMillis() + 2;
      assertThat(reloads).hasSizeLessThanOrEqualTo((int) bound).hasSizeGreaterThanOrEqualTo(2);
      for (int i = 1; i < reloads.size(); i++) {
        assertThat(Duration.between(reloads.get(i - 1), reloads.get(i)))
            .isGreaterThanOrEqualTo(window);
      }
      assertThat(reloads.get(reloads.size() - 1))
          .as("the last change is followed by a reload within the window")
          .isAfterOrEqualTo(lastChange)
          .isBeforeOrEqualTo(lastChange.plus(window).plus(every));
      assertThat(store.pendingEffects().isEmpty()).isTrue();
      assertThat(store.allEntries()).containsExactlyElementsOf(HostEntries.render(on));
    }
  }

  /**
   * Under load the agent commits at most once per commit gap: the first change after a quiet gap is
   * committed at once, and bursts that arrive within the gap after a commit are gathered into the
   * next one; the effects of every gathered burst still run.
   */
  @Test
  void burstsArrivingWithinTheCommitGapShareOneCommitAndTheFirstAfterAQuietGapGoesAtOnce() {
    InMemoryEntrySource source = InMemoryEntrySource.waiting();
    Duration gap = Duration.ofMillis(300);
    try (LocalHostStore store = LocalHostStore.open(dir.resolve("s.sqlite"), Durability.NORMAL)) {
      ReloadAgent agent =
          new ReloadAgent(
              "h",
              "t",
              store,
              source,
              reports::add,
              daemons,
              Duration.ofHours(1),
              Clock.systemUTC(),
              new ReloadPacing(Duration.ZERO),
              ResyncRequests.NONE,
              gap);
      source.add(records(0, 0, puts(state().domain(1, "one.test").build())));
      ReloadAgent.Step first = agent.reconcileOnce();
      assertThat(first.records()).as("the first change after a quiet gap, alone").isEqualTo(1);

      for (int i = 2; i <= 4; i++) {
        source.add(records(0, i - 1, puts(state().domain(i, "d" + i + ".test").build())));
      }
      ReloadAgent.Step gathered = agent.reconcileOnce();

      assertThat(gathered.records())
          .as("three bursts within the gap after a commit: one commit")
          .isEqualTo(3);
      assertThat(store.positions("t")).isEqualTo(Map.of(0, 4L));
      assertThat(store.entryCount()).isEqualTo(4);
      assertThat(gathered.effects().reloadPostfix()).isTrue();
    }
  }

  @Test
  void failingDaemonCommandsNeitherBlockNewEntriesNorGetLost() {
    try (LocalHostStore store = LocalHostStore.open(dir.resolve("s.sqlite"), Durability.NORMAL)) {
      ReloadAgent agent =
          new ReloadAgent(
              "h",
              "t",
              store,
              bursts,
              reports::add,
              daemons,
              Duration.ofHours(1),
              Clock.systemUTC());
      HostState active =
          state().domain(1, "example.test").mailbox(10, "alice@example.test", "pw").build();
      HostState suspended =
          state()
              .domain(1, "example.test")
              .mailbox(10, "alice@example.test", "pw", "suspended", 1L << 30)
              .build();
      bursts.add(records(0, 0, puts(active)));
      bursts.add(
          records(0, 2, HostEntries.changesOf(suspended.mailbox(10).orElseThrow(), List.of())));
      bursts.add(records(0, 3, puts(state().domain(2, "shop.test").build())));
      daemonsBroken = true;

      ReloadAgent.Step first = agent.reconcileOnce();
      agent.reconcileOnce();
      agent.reconcileOnce();

      assertThat(first.effects().reloadPostfix()).isTrue();
      assertThat(store.positions("t")).isEqualTo(Map.of(0, 4L));
      assertThat(store.pendingEffects().kicks()).containsExactly("alice@example.test");
      assertThat(daemonCalls).isEmpty();
      assertThat(reports).last().extracting(AppliedStatus::entryCount).isEqualTo(3L);
      assertThat(reports.get(reports.size() - 1).problems().lastError())
          .as("the daemons' failure is reported, not only logged")
          .hasValueSatisfying(e -> assertThat(e.message()).startsWith("daemon effects: "));

      daemonsBroken = false;
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> {
                agent.reconcileOnce();
                return store.pendingEffects().isEmpty();
              });
      assertThat(daemonCalls).containsExactly("reload postfix", "kick alice@example.test");
      bursts.add(records(0, 4, puts(state().domain(3, "later.test").build())));
      agent.reconcileOnce();
      assertThat(reports.get(reports.size() - 1).problems().lastError())
          .as("cleared once the daemons succeed again")
          .isEmpty();
    }
  }
}
