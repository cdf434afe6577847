package dev.poststack.launcher.dev;

import java.io.PrintStream;
import java.util.Locale;

/** The dev command's numbered progress lines: {@code [1/5] Kafka broker ... ready in 2.1 s}. */
final class Progress {
  private final PrintStream out;
  private final int total;
  private int current;
  private long stepStart;

  Progress(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  void begin(String label) {
    current++;
    stepStart = System.nanoTime();
    out.printf(Locale.ROOT, "[%d/%d] %-20s ... ", current, total, label);
    out.flush();
  }

  void ready(String detail) {
    out.printf(Locale.ROOT, "ready in %s  %s%n", seconds(System.nanoTime() - stepStart), detail);
  }

  void skipped(String why) {
    out.println("skipped: " + why);
  }

  void failed() {
    out.println("FAILED after " + seconds(System.nanoTime() - stepStart));
  }

  void stopped() {
    out.println("stopped after " + seconds(System.nanoTime() - stepStart));
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
