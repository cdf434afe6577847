package dev.poststack.admin.launcher;

import dev.poststack.admin.host.HostRegistryReads;
import dev.poststack.admin.host.HostRemoval;
import dev.poststack.controlplane.host.HostThresholds;
import dev.poststack.controlplane.host.HostView;
import dev.poststack.launcher.spi.HostRegistryAccess;
import dev.poststack.launcher.spi.StackEndpoints;
import java.time.Duration;
import java.util.List;

/** {@code poststack hosts} and {@code poststack hosts remove ID}. */
public final class LauncherHostRegistry implements HostRegistryAccess {
  private static final Duration REMOVAL_WAIT = Duration.ofSeconds(15);

  @Override
  public List<Host> hosts(StackEndpoints stack, Thresholds thresholds) {
    return reads(stack, thresholds).all().stream().map(LauncherHostRegistry::host).toList();
  }

  @Override
  public Host remove(StackEndpoints stack, Thresholds thresholds, String hostId) {
    return host(
        new HostRemoval(reads(stack, thresholds), stack.kafkaBootstrapServers(), REMOVAL_WAIT)
            .remove(hostId));
  }

  private static HostRegistryReads reads(StackEndpoints stack, Thresholds t) {
    return new HostRegistryReads(
        LauncherAdmins.database(stack),
        new HostThresholds(
            Duration.ofSeconds(t.staleSeconds()), Duration.ofSeconds(t.offlineSeconds())));
  }

  private static Host host(HostView v) {
    var r = v.row();
    return new Host(
        r.hostId(),
        r.address(),
        v.state().wireName(),
        r.lastSeenAt(),
        r.lagEntries(),
        v.lagSeconds(),
        v.hashMatches().orElse(null),
        r.resyncRequestedAt().orElse(null),
        r.lastError().orElse(null),
        r.refusedEntries().size());
  }
}
