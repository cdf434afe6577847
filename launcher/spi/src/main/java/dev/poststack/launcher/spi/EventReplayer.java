package dev.poststack.launcher.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code poststack replay}: the provisioner's replay of the event log into the database its context
 * points at. Unlike the other extensions this one is not found with {@link
 * java.util.ServiceLoader}: it is a bean of a provisioner context the launcher starts for the
 * replay (listener and relay off, its database the replay's target), so the replay applies events
 * with the provisioner's own rule code and migrations, not a copy.
 */
public interface EventReplayer {

  /**
   * Where the replay stops: at most one of {@code instant} (per partition, the last record whose
   * timestamp is at or before it) and {@code offsets} (exclusive end offset of every partition);
   * both null means the end of the log as it is when the replay starts.
   */
  record Until(Instant instant, Map<Integer, Long> offsets) {
    public static final Until END = new Until(null, null);

    public Until {
      if (instant != null && offsets != null) {
        throw new IllegalArgumentException("--until and --until-offsets exclude each other");
      }
      offsets = offsets == null ? null : Map.copyOf(offsets);
    }
  }

  /** Events read so far of those the replay will read, and the rate since it began. */
  record Progress(long done, long total, Duration elapsed) {
    public double eventsPerSecond() {
      return perSecond(done, elapsed);
    }
  }

  /**
   * What the replay did: records read ({@code events}), of which applied, rejected (a refusal,
   * audited like the live run's), duplicates (an event id already applied) and undecodable (the
   * live path dead-letters those); where it ended (exclusive offsets per partition).
   */
  record Result(
      long events,
      long applied,
      long rejected,
      long duplicates,
      long undecodable,
      Duration elapsed,
      Map<Integer, Long> endOffsets) {
    public Result {
      endOffsets = Map.copyOf(endOffsets);
    }

    public double eventsPerSecond() {
      return perSecond(events, elapsed);
    }
  }

  /** Replays from the beginning of the log up to {@code until} into this context's database. */
  Result replay(Until until, Consumer<Progress> progress) throws Exception;

  /**
   * The recovery after losing the database: refuses unless this context's database holds no
   * provisioner state and the provisioner's consumer group has no active member; replays the whole
   * log, sets the id sequences past the highest replayed ids, and commits the group's offsets where
   * the replay ended, so a provisioner started afterwards resumes there.
   */
  Result rebuild(Consumer<Progress> progress) throws Exception;

  /**
   * The host entries this context's database renders to (what {@code admin hosts repair} renders),
   * each as its canonical line, sorted by key.
   */
  List<String> hostEntryLines() throws Exception;

  /**
   * Compares this context's database with another holding the same provisioner tables, table by
   * table: empty when every state table is equal, else one line naming the first differing table
   * and row.
   */
  Optional<String> differenceFrom(String jdbcUrl, String user, String password) throws Exception;

  private static double perSecond(long count, Duration elapsed) {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : count / seconds;
  }
}
