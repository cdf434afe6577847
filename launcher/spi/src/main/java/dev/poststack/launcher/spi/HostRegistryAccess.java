package dev.poststack.launcher.spi;

import java.time.Instant;
import java.util.List;

/**
 * Operator actions behind {@code poststack hosts} and {@code poststack hosts remove ID}: the host
 * registry as the API's {@code GET /hosts} shows it, and a host's removal (a tombstone on the
 * status topic, which the provisioner applies). Implemented by module admin; found with {@link
 * java.util.ServiceLoader} (file {@code
 * META-INF/services/dev.poststack.launcher.spi.HostRegistryAccess}, public no-argument
 * constructor).
 */
public interface HostRegistryAccess {

  /**
   * One host as the table shows it.
   *
   * @param hashMatches null when unknown (the host has not read every published entry)
   */
  record Host(
      String id,
      String address,
      String state,
      Instant lastSeenAt,
      long lagEntries,
      long lagSeconds,
      Boolean hashMatches,
      Instant resyncRequestedAt,
      String lastError,
      int refusedEntries) {}

  /**
   * @param staleSeconds {@code POSTSTACK_HOSTS_STALE_SECONDS}
   * @param offlineSeconds {@code POSTSTACK_HOSTS_OFFLINE_SECONDS}
   */
  record Thresholds(long staleSeconds, long offlineSeconds) {}

  List<Host> hosts(StackEndpoints stack, Thresholds thresholds) throws Exception;

  /**
   * Removes the host and waits for the provisioner to record it; a host that is not registered is a
   * {@link java.util.NoSuchElementException}.
   *
   * @return the host as it stands afterwards (state {@code removed}, unless the provisioner did not
   *     apply the removal in time: then its state before, and the removal is still on the topic)
   */
  Host remove(StackEndpoints stack, Thresholds thresholds, String hostId) throws Exception;
}
