package dev.poststack.agent.reconcile;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The control plane's request that this host rebuild its store: it reported {@code positions}
 * (everything published then) with a content hash other than {@code expectedHash}. {@code
 * requestedAt} identifies the request; each is handled at most once.
 */
public record ResyncRequest(
    Instant requestedAt, Map<Integer, Long> positions, String expectedHash) {
  public ResyncRequest {
    positions = java.util.Collections.unmodifiableMap(new TreeMap<>(positions));
  }
}
