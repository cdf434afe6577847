package dev.poststack.api.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * WARN lines that a caller can repeat at will (a flood of bad keys, a database that stays down) are
 * written at most once per key per window; when the window ends, one more line says how many were
 * left out: "… and 1234 more like it in the last 10 s". The key is chosen by our code (a status and
 * our own message, never a client's value), and at most {@value #MAX_KEYS} are remembered.
 */
public final class RepeatedWarnings {
  static final int MAX_KEYS = 1000;
  private final Logger log;
  private final Duration window;
  private final Cache<String, AtomicLong> suppressed;

  public RepeatedWarnings(Logger log, Duration window) {
    this(log, window, Ticker.systemTicker(), Scheduler.systemScheduler());
  }

  RepeatedWarnings(Logger log, Duration window, Ticker ticker, Scheduler scheduler) {
    this.log = log;
    this.window = window;
    this.suppressed =
        Caffeine.newBuilder()
            .maximumSize(MAX_KEYS)
            .expireAfterWrite(window)
            .ticker(ticker)
            .scheduler(scheduler) // so the summary line comes when the window ends, not later
            .executor(Runnable::run)
            .<String, AtomicLong>removalListener((key, count, cause) -> summarize(key, count))
            .build();
  }

  /** Logs {@code format} at WARN unless the same key was logged within the window. */
  public void warn(String key, String format, Object... arguments) {
    if (!log.isWarnEnabled()) {
      return;
    }
    AtomicLong[] created = new AtomicLong[1];
    AtomicLong count = suppressed.get(key, k -> created[0] = new AtomicLong());
    if (count == created[0]) {
      log.warn(format, arguments);
    } else {
      count.incrementAndGet();
    }
  }

  /** Ends every window now (for tests and shutdown): pending summaries are written. */
  public void flush() {
    suppressed.invalidateAll();
    suppressed.cleanUp();
  }

  /** Runs the cache's housekeeping, which writes the summaries of windows that have ended. */
  void cleanUp() {
    suppressed.cleanUp();
  }

  long size() {
    return suppressed.estimatedSize();
  }

  private void summarize(String key, AtomicLong count) {
    long n = count == null ? 0 : count.get();
    if (n > 0) {
      log.warn(
          "… and {} more like it in the last {} s: {}", n, Math.max(1, window.toSeconds()), key);
    }
  }
}
