package dev.poststack.controlplane.host;

import java.time.Duration;
import java.util.Map;

/**
 * When a host counts as stale or offline. Agents report after every burst and every 30 s when idle
 * ({@code POSTSTACK_AGENT_REPORT_SECONDS}), so the defaults allow two missed reports before stale
 * and six before offline.
 *
 * @param staleAfter a host with lag whose oldest missing entry is at least this old and whose
 *     positions have not advanced for this long is stale
 * @param offlineAfter a host silent for this long is offline: propagation stops counting it
 */
public record HostThresholds(Duration staleAfter, Duration offlineAfter) {
  public static final String STALE_ENV = "POSTSTACK_HOSTS_STALE_SECONDS";
  public static final String OFFLINE_ENV = "POSTSTACK_HOSTS_OFFLINE_SECONDS";
  public static final HostThresholds DEFAULT =
      new HostThresholds(Duration.ofSeconds(60), Duration.ofSeconds(180));

  public HostThresholds {
    if (staleAfter == null
        || offlineAfter == null
        || staleAfter.isNegative()
        || staleAfter.isZero()) {
      throw new IllegalArgumentException("host thresholds must be positive");
    }
    if (offlineAfter.compareTo(staleAfter) < 0) {
      throw new IllegalArgumentException(
          "the offline threshold must not be shorter than the stale threshold");
    }
  }

  /** From {@value #STALE_ENV} and {@value #OFFLINE_ENV} (whole seconds), else the defaults. */
  public static HostThresholds from(Map<String, String> env) {
    return new HostThresholds(
        seconds(env, STALE_ENV, DEFAULT.staleAfter()),
        seconds(env, OFFLINE_ENV, DEFAULT.offlineAfter()));
  }

  private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(v.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number of seconds, got '" + v + "'");
    }
  }
}
