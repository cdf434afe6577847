package dev.poststack.system.newcomer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code bin/poststack dev}, exactly as README says: from the checkout, no arguments, no {@code
 * POSTSTACK_*} variable set. Its output is kept line by line (and in a log file for a reader of a
 * failure); {@link #stop()} sends SIGTERM, as {@code kill} or a service manager would.
 */
final class DevRun implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread pump;

  private DevRun(Process process, Path log) {
    this.process = process;
    this.pump = new Thread(() -> pump(log), "dev-run-output");
    pump.setDaemon(true);
    pump.start();
  }

  static DevRun start(Path checkout, Path log) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(checkout.resolve("bin/poststack").toString(), "dev")
            .directory(checkout.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(name -> name.startsWith("POSTSTACK_"));
    return new DevRun(pb.start(), log);
  }

  private void pump(Path log) {
    try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter w =
            new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = r.readLine()) != null) {
        w.println(line);
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process is gone; what was read stays
    }
  }

  /**
   * The first line that matches, waiting for it; fails with the output so far when the run ends
   * first.
   */
  String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      int seen = 0;
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (wanted.test(lines.get(seen))) {
            return lines.get(seen);
          }
        }
        long left = until - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !pump.isAlive())) {
          throw new AssertionError(
              "bin/poststack dev never printed the expected line"
                  + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                  + ":\n"
                  + output());
        }
        lines.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
      }
    }
  }

  /**
   * Waits for the summary's closing line; from then on every summary line is in {@link #output()}.
   */
  void awaitReady(Duration timeout) throws InterruptedException {
    await(l -> l.startsWith("Ctrl-C stops everything"), timeout);
  }

  /** A summary value ({@code " API key sk_live_…"}) by its label. */
  String summary(String label) {
    Pattern p = Pattern.compile("^  " + Pattern.quote(label) + "\\s+(\\S+).*");
    synchronized (lines) {
      for (String line : lines) {
        Matcher m = p.matcher(line);
        if (m.matches()) {
          return m.group(1);
        }
      }
    }
    throw new AssertionError("no '" + label + "' in the summary:\n" + output());
  }

  Optional<String> find(Pattern pattern) {
    synchronized (lines) {
      return lines.stream()
          .map(pattern::matcher)
          .filter(Matcher::find)
          .map(m -> m.group(1))
          .findFirst();
    }
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** SIGTERM, then the exit code once everything it started is stopped. */
  int stop() throws InterruptedException {
    // the handle's destroy only signals; Process.destroy would also close our end of its output
    process.toHandle().destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      throw new AssertionError(
          "bin/poststack dev did not stop within 90 s of SIGTERM:\n" + output());
    }
    pump.join(5_000);
    return process.exitValue();
  }

  /** Whatever happened in the test: nothing of this run may outlive it. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
