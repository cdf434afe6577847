package dev.poststack.provisioner.activity;

import java.util.ArrayList;
import java.util.List;

/**
 * When a mailbox's usage earns a quota notice. The thresholds are nested (80 % below 100 %), so
 * what was announced is one level: the highest threshold at or below the usage that has had its
 * notice. A usage at or above a threshold above that level announces it (a jump from 50 % to 105 %
 * announces both, 80 first: a handler counting on the warning before the limit gets it); a usage
 * below a threshold lowers the level beneath it, so rising past it again announces it again.
 * Integer arithmetic only, exact for any {@code long}.
 */
public final class QuotaThresholds {
  public static final int NONE = 0;
  public static final int WARNING = 80;
  public static final int FULL = 100;
  private static final List<Integer> ASCENDING = List.of(WARNING, FULL);

  private QuotaThresholds() {}

  /** The new level and the thresholds to announce now, lowest first. */
  public record Crossing(int level, List<Integer> announce) {
    public Crossing {
      announce = List.copyOf(announce);
    }
  }

  /**
   * @param announced the level announced so far ({@link #NONE}, {@link #WARNING} or {@link #FULL})
   * @param usedBytes the usage just applied, ≥ 0
   * @param quotaBytes the mailbox's quota, > 0
   */
  public static Crossing next(int announced, long usedBytes, long quotaBytes) {
    if (usedBytes < 0 || quotaBytes <= 0) {
      throw new IllegalArgumentException("usage must be >= 0 and quota > 0");
    }
    int reached = reached(usedBytes, quotaBytes);
    List<Integer> announce = new ArrayList<>();
    for (int threshold : ASCENDING) {
      if (threshold > announced && threshold <= reached) {
        announce.add(threshold);
      }
    }
    return new Crossing(reached, announce);
  }

  /** The highest threshold the usage is at or above, {@link #NONE} below 80 %. */
  static int reached(long usedBytes, long quotaBytes) {
    if (usedBytes >= quotaBytes) {
      return FULL;
    }
    // used / quota >= 4/5  <=>  used >= ceil(4 * quota / 5) = quota - floor(quota / 5): no overflow
    if (usedBytes >= quotaBytes - quotaBytes / 5) {
      return WARNING;
    }
    return NONE;
  }
}
