package dev.poststack.controlplane.host;

import java.util.Locale;

/** Where a mail host stands, as the registry shows it ({@link HostClassifier} decides). */
public enum HostState {
  /** Reporting, and it has read every host entry the provisioner published. */
  IN_SYNC,
  /** Reporting and behind, but moving: its positions advanced within the stale threshold. */
  CATCHING_UP,
  /** Behind, and neither advanced nor read the oldest missing entry for the stale threshold. */
  STALE,
  /** No report for the offline threshold; not counted by propagation. */
  OFFLINE,
  /** An operator removed it; not counted, kept for the record. */
  REMOVED;

  /** {@code in_sync}, {@code catching_up}, … as the API and the CLI print it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
