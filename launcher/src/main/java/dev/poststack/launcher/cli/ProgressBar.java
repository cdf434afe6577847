package dev.poststack.launcher.replay;

import dev.poststack.launcher.spi.EventReplayer.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One line on stderr, redrawn in place, once a replay has run longer than a second: how far, how
 * fast, how long still. A short replay prints nothing but its summary.
 */
final class ProgressBar implements Consumer<Progress> {
  private static final Duration QUIET_FOR = Duration.ofSeconds(1);
  private static final long REDRAW_NANOS = Duration.ofMillis(250).toNanos();
  private static final int WIDTH = 30;

  private final PrintStream err;
  private long lastDrawn;
  private boolean drawn;

  ProgressBar(PrintStream err) {
    this.err = err;
  }

  @Override
  public void accept(Progress p) {
    if (p.elapsed().compareTo(QUIET_FOR) < 0) {
      return;
    }
    long now = System.nanoTime();
    if (drawn && now - lastDrawn < REDRAW_NANOS && p.done() < p.total()) {
      return;
    }
    lastDrawn = now;
    drawn = true;
    err.print("\r" + line(p));
    err.flush();
  }

  /** Ends the bar's line so the summary starts on its own. */
  void finish() {
    if (drawn) {
      err.println();
    }
  }

  static String line(Progress p) {
    double share = p.total() == 0 ? 1 : Math.min(1, (double) p.done() / p.total());
    int filled = (int) Math.round(share * WIDTH);
    double rate = p.eventsPerSecond();
    String eta = rate <= 0 ? "?" : formatSeconds((long) Math.ceil((p.total() - p.done()) / rate));
    return String.format(
        "replaying [%s%s] %d/%d events  %.0f events/s  ETA %s ",
        "#".repeat(filled), " ".repeat(WIDTH - filled), p.done(), p.total(), rate, eta);
  }

  private static String formatSeconds(long s) {
    return s >= 3600
        ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
