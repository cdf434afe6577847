package dev.poststack.agent;

import static dev.poststack.agent.HostStates.records;
import static dev.poststack.agent.HostStates.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.agent.daemon.DaemonCommandException;
import dev.poststack.agent.daemon.DaemonControl;
import dev.poststack.agent.reconcile.InMemoryEntrySource;
import dev.poststack.agent.report.AppliedStatus;
import dev.poststack.agent.store.Durability;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.HostEntries;
import dev.poststack.renderer.host.HostState;
import dev.poststack.renderer.hostconfig.RenderedFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
  private final List<AppliedStatus> reports = new ArrayList<>();
  private boolean daemonsBroken;

  private final DaemonControl daemons =
      new DaemonControl() {
        @Override
        public void reloadPostfix() {
          call("reload postfix");
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

      daemonsBroken = false;
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> {
                agent.reconcileOnce();
                return store.pendingEffects().isEmpty();
              });
      assertThat(daemonCalls).containsExactly("reload postfix", "kick alice@example.test");
    }
  }
}
