package dev.poststack.admin.launcher;

import dev.poststack.admin.host.HostsRepair;
import dev.poststack.launcher.spi.HostsRepairer;
import dev.poststack.launcher.spi.StackEndpoints;
import java.time.Duration;

/** {@code poststack admin hosts repair [--all]}: asks the running provisioner and waits. */
public final class LauncherHostsRepairer implements HostsRepairer {
  // a full render of a large state takes a while; a missing provisioner is reported after this
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  @Override
  public long repair(StackEndpoints stack, boolean all) {
    return new HostsRepair(LauncherAdmins.database(stack), TIMEOUT).request(all);
  }
}
