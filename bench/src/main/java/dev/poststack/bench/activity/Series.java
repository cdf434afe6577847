package dev.poststack.bench.activity;

import java.util.ArrayList;
import java.util.List;

/** One measured figure: its rates per round for the host with and without recording. */
final class Series {
  private final String name;
  private final int clients;
  private final int count;
  private final boolean logins;
  private final List<Double> on = new ArrayList<>();
  private final List<Double> off = new ArrayList<>();

  Series(String name, int clients, int count, boolean logins) {
    this.name = name;
    this.clients = clients;
    this.count = count;
    this.logins = logins;
  }

  String name() {
    return name;
  }

  int clients() {
    return clients;
  }

  int count() {
    return count;
  }

  boolean logins() {
    return logins;
  }

  void add(String host, double rate) {
    (host.equals("on") ? on : off).add(rate);
  }

  /** A markdown row: medians and the paired ratios' median (min–max). */
  String row() {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(on.size(), off.size()); i++) {
      ratios.add(on.get(i) / off.get(i));
    }
    return String.format(
        "| %s | %.1f | %.1f | **%.2f** (%.2f–%.2f) |",
        name,
        median(on),
        median(off),
        median(ratios),
        ratios.stream().mapToDouble(d -> d).min().orElse(0),
        ratios.stream().mapToDouble(d -> d).max().orElse(0));
  }

  private static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    s.sort(Double::compare);
    int n = s.size();
    return n == 0 ? 0 : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
