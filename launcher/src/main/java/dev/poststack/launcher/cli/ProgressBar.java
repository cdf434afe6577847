package dev.poststack.launcher.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * One line on stderr, redrawn in place (at most 4 times a second), once long work has run longer
 * than a second: how far, how fast, how long still. Short work prints nothing but its summary. One
 * bar for every operator command that shows progress ({@code replay}, {@code admin import}).
 */
public final class ProgressBar {
  private static final Duration QUIET_FOR = Duration.ofSeconds(1);
  private static final long REDRAW_NANOS = Duration.ofMillis(250).toNanos();
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final String verb;
  private final String unit;
  private long lastDrawn;
  private boolean drawn;

  /**
   * @param verb what the work is doing ({@code replaying})
   * @param unit what it counts, plural ({@code events})
   */
  public ProgressBar(PrintStream err, String verb, String unit) {
    this.err = err;
    this.verb = verb;
    this.unit = unit;
  }

  /** {@code perSecond} is the rate so far, of what this run did (not what an earlier run did). */
  public void show(long done, long total, double perSecond, Duration elapsed) {
    if (elapsed.compareTo(QUIET_FOR) < 0) {
      return;
    }
    long now = System.nanoTime();
    if (drawn && now - lastDrawn < REDRAW_NANOS && done < total) {
      return;
    }
    lastDrawn = now;
    drawn = true;
    err.print("\r" + line(done, total, perSecond));
    err.flush();
  }

  /** Ends the bar's line so the summary starts on its own. */
  public void finish() {
    if (drawn) {
      err.println();
    }
  }

  public String line(long done, long total, double perSecond) {
    double share = total == 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(share * WIDTH);
    String eta = perSecond <= 0 ? "?" : formatSeconds((long) Math.ceil((total - done) / perSecond));
    return String.format(
        "%s [%s%s] %d/%d %s  %.0f %s/s  ETA %s ",
        verb,
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        done,
        total,
        unit,
        perSecond,
        unit,
        eta);
  }

  private static String formatSeconds(long s) {
    return s >= 3600
        ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
