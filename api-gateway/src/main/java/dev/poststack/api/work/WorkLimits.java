package dev.poststack.api.work;

import java.time.Duration;

/**
 * The bounds of one kind's pool: {@code threads} run its work; a team runs at most {@code
 * perTeamThreads} of them at once and has at most {@code perTeamQueued} more waiting; at most
 * {@code queued} tasks wait in all; a caller waits at most {@code timeout} from admission to
 * result. With {@code lendsIdleThreads}, a thread that no team under its share is waiting for goes
 * to a team already at its share rather than idling (work-conserving); a team under its share still
 * goes first, so another team waits at most for one running task to end.
 */
public record WorkLimits(
    int threads,
    int perTeamThreads,
    int perTeamQueued,
    int queued,
    Duration timeout,
    boolean lendsIdleThreads) {

  /** A pool that never lends: a team runs at most {@code perTeamThreads}, whatever is idle. */
  public WorkLimits(
      int threads, int perTeamThreads, int perTeamQueued, int queued, Duration timeout) {
    this(threads, perTeamThreads, perTeamQueued, queued, timeout, false);
  }

  public WorkLimits {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    if (perTeamThreads < 1 || perTeamThreads > threads) {
      throw new IllegalArgumentException("perTeamThreads must be 1.." + threads);
    }
    if (perTeamQueued < 0 || queued < 0) {
      throw new IllegalArgumentException("queue sizes must not be negative");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /**
   * From settings where 0 threads means the number of cores and 0 per-team threads half the pool
   * (at least one), so that one team never holds every thread of a kind that has two or more.
   */
  public static WorkLimits of(
      int threads, int perTeamThreads, int perTeamQueued, int queued, Duration timeout, int cores) {
    return of(threads, perTeamThreads, perTeamQueued, queued, timeout, cores, false);
  }

  /** {@link #of} for a pool that may lend its idle threads. */
  public static WorkLimits of(
      int threads,
      int perTeamThreads,
      int perTeamQueued,
      int queued,
      Duration timeout,
      int cores,
      boolean lendsIdleThreads) {
    int pool = threads > 0 ? threads : Math.max(1, cores);
    int perTeam = perTeamThreads > 0 ? Math.min(perTeamThreads, pool) : Math.max(1, pool / 2);
    return new WorkLimits(pool, perTeam, perTeamQueued, queued, timeout, lendsIdleThreads);
  }

  /** Tasks of one team admitted at once: running plus waiting. */
  int perTeamInFlight() {
    return perTeamThreads + perTeamQueued;
  }
}
