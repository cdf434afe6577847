package dev.poststack.agent.activity;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Whether and how often the agent forwards its mail host's activity ({@code
 * POSTSTACK_AGENT_ACTIVITY}, {@code …_ACTIVITY_POLL_MS}, {@code …_ACTIVITY_BATCH}).
 *
 * @param enabled off only for tests and tools that forward themselves; a store-only agent (no mail
 *     host) has nothing to forward either way
 * @param batch rows per table and delivery lines per poll (each poll is one Kafka batch)
 * @param usageEvery every mailbox's usage is read and sent this often (0: never), besides after
 *     deliveries and IMAP/POP3 changes, so a usage the control plane missed is corrected
 */
public record ActivitySettings(
    boolean enabled, Duration pollEvery, int batch, Duration usageEvery) {
  public static final ActivitySettings DEFAULT =
      new ActivitySettings(true, Duration.ofSeconds(1), 500, Duration.ofHours(1));

  /** With the default usage sweep (hourly). */
  public ActivitySettings(boolean enabled, Duration pollEvery, int batch) {
    this(enabled, pollEvery, batch, DEFAULT.usageEvery());
  }

  public ActivitySettings {
    if (pollEvery == null || pollEvery.isNegative() || pollEvery.isZero()) {
      throw new IllegalArgumentException("the activity poll interval must be positive");
    }
    if (usageEvery == null || usageEvery.isNegative()) {
      throw new IllegalArgumentException("the usage sweep interval must be zero (off) or positive");
    }
    if (batch < 1 || batch > 10_000) {
      throw new IllegalArgumentException("the activity batch must be 1 to 10000, got " + batch);
    }
  }

  public static ActivitySettings from(Map<String, String> env) {
    String on = env.getOrDefault("POSTSTACK_AGENT_ACTIVITY", "on").toLowerCase(Locale.ROOT);
    if (!on.equals("on") && !on.equals("off")) {
      throw new IllegalArgumentException("POSTSTACK_AGENT_ACTIVITY is on or off, got '" + on + "'");
    }
    return new ActivitySettings(
        on.equals("on"),
        Duration.ofMillis(
            Long.parseLong(env.getOrDefault("POSTSTACK_AGENT_ACTIVITY_POLL_MS", "1000"))),
        Integer.parseInt(env.getOrDefault("POSTSTACK_AGENT_ACTIVITY_BATCH", "500")),
        Duration.ofSeconds(
            Long.parseLong(env.getOrDefault("POSTSTACK_AGENT_ACTIVITY_USAGE_SECONDS", "3600"))));
  }

  public ActivitySettings off() {
    return new ActivitySettings(false, pollEvery, batch, usageEvery);
  }
}
