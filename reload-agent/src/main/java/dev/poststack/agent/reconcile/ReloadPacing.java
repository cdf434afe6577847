package dev.poststack.agent.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When pending daemon effects run: kicks at once, a {@code postfix reload} at most once per window.
 * Every reload restarts smtpd, trivial-rewrite and proxymap processes, so a domain toggled in a
 * loop must not reload the host each time. A reload asked for inside the window is held (it stays
 * pending in the store) and runs when the window has passed: the first change reloads at once, and
 * the last one is always followed by a reload, so it takes effect within the window.
 */
public record ReloadPacing(Duration window) {
  /** The default: at most one {@code postfix reload} per host every 5 seconds. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);

  public ReloadPacing {
    if (window == null || window.isNegative()) {
      throw new IllegalArgumentException("the postfix reload window must be zero or positive");
    }
  }

  /**
   * What to run now out of the pending effects.
   *
   * @param now the effects to run now (they are cleared from the store once they ran)
   * @param reloadHeldUntil when a held reload may run; empty when nothing is held
   */
  public record Due(Effects now, Optional<Instant> reloadHeldUntil) {}

  /**
   * @param lastReload when the last reload ran (empty: none since the agent started)
   */
  public Due due(Effects pending, Optional<Instant> lastReload, Instant now) {
    if (!pending.reloadPostfix() || lastReload.isEmpty()) {
      return new Due(pending, Optional.empty());
    }
    Instant last = lastReload.get();
    Instant allowedAt = last.plus(window);
    // a clock set back must not hold a reload for however far it went back
    if (!now.isBefore(allowedAt) || now.isBefore(last)) {
      return new Due(pending, Optional.empty());
    }
    return new Due(new Effects(false, pending.kicks()), Optional.of(allowedAt));
  }
}
