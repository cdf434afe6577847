package dev.poststack.bench;

import java.util.ArrayList;
import java.util.List;

/** Collects named figures and prints them as one aligned table at the end of the run. */
public final class Report {
  private final List<String[]> rows = new ArrayList<>();
  private final boolean quiet;

  public Report() {
    this(false);
  }

  /** {@code quiet}: collects without printing (warm-up rounds whose figures are thrown away). */
  public Report(boolean quiet) {
    this.quiet = quiet;
  }

  public void add(String name, String figure) {
    rows.add(new String[] {name, figure});
    if (quiet) {
      return;
    }
    System.out.printf("  %-62s %s%n", name, figure);
    System.out.flush();
  }

  public void add(String name, Latencies.Result result) {
    add(name, result.toString());
  }

  public void ratio(String name, double value) {
    add(name, String.format("%.2f", value));
  }

  public void print() {
    System.out.println();
    System.out.println("=== PostStack bench summary ===");
    for (String[] row : rows) {
      System.out.printf("%-64s %s%n", row[0], row[1]);
    }
  }
}
