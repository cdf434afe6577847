package dev.poststack.bench.replay;

import dev.poststack.bench.Report;
import dev.poststack.bench.pipeline.ApiClient;
import dev.poststack.bench.pipeline.DevStackProcess;
import dev.poststack.schemas.Topics;
import dev.poststack.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replay figures beside the raw costs that bound them, in one run: the event log grown to each size
 * (100k, 1M events by default) on a real broker, applied live by the provisioner; then, per size, a
 * raw read-and-decode of the whole topic, a raw batched insert of as many rows, and {@code
 * bin/poststack replay} (into a scratch database), {@code --verify} and (at the largest size)
 * {@code --render}, each timed from outside as an operator would see it.
 */
public final class ReplayBench {
  private ReplayBench() {}

  public static void run() throws Exception {
    List<Long> sizes =
        Arrays.stream(System.getProperty("bench.replay.sizes", "100000,1000000").split(","))
            .map(String::trim)
            .map(Long::parseLong)
            .sorted()
            .toList();
    Path checkout = Path.of("").toAbsolutePath();
    Report report = new Report();
    System.out.println("[replay] starting bin/poststack dev");
    try (DevStackProcess dev = DevStackProcess.start(checkout);
        TestDatabase scratch = TestDatabase.create()) {
      ApiClient api = new ApiClient(dev.apiUrl(), dev.apiKey());
      long domainId = api.domainId("example.test");
      // one create through the API, so the dev team's id and key are the real ones of its events
      api.createMailbox(domainId, "replay-first");
      EventFlood flood = new EventFlood(dev.kafkaBootstrap(), dev.database());
      long[] teamAndKey = flood.teamAndKey(domainId);
      long teamId = teamAndKey[0];
      String keyId = Long.toString(teamAndKey[1]);
      long published = flood.applied();
      for (long size : sizes) {
        long missing = size - published;
        if (missing > 0) {
          System.out.printf("[replay] publishing %d mailbox creates%n", missing);
          double produced = flood.publish(teamId, domainId, keyId, missing);
          report.add(
              "events published (batched producer) to reach " + size,
              String.format("%.0f events/s", produced));
          long t0 = System.nanoTime();
          long target = published + missing;
          while (!flood.appliedAtLeast(target)) {
            Thread.sleep(500);
          }
          double seconds = (System.nanoTime() - t0) / 1e9;
          report.add(
              "live provisioner: apply " + missing + " events (from publish end)",
              String.format("%.1f s, %.0f events/s", seconds, missing / seconds));
          published = target;
        }
        long events = flood.audited();
        System.out.printf("[replay] %d events in the log: raw baselines%n", events);
        var consumed =
            RawConsumerBaseline.measure(dev.kafkaBootstrap(), Topics.MAILBOX_EVENTS.name());
        report.add(
            "raw consumer: read + decode " + consumed.records() + " records",
            String.format("%.1f s, %.0f records/s", consumed.seconds(), consumed.perSecond()));
        double inserted = RawBatchInsertBaseline.rowsPerSecond(scratch, events);
        report.add(
            "raw PostgreSQL batch insert (1,000 rows/commit), " + events + " rows",
            String.format("%.0f rows/s", inserted));

        System.out.printf("[replay] bin/poststack replay (%d events)%n", events);
        Run replay = operator(checkout, dev, "replay");
        double replayRate = events / replay.wallSeconds();
        report.add(
            "bin/poststack replay, " + events + " events (wall, JVM start included)",
            String.format("%.1f s, %.0f events/s", replay.wallSeconds(), replayRate));
        report.ratio(
            "ratio: replay events/s at " + events + " / slower raw baseline",
            replayRate / Math.min(consumed.perSecond(), inserted));
        // what the operator waits for beyond the apply: JVM start, the provisioner's context, the
        // scratch database and its migrations (a fixed cost, large beside 100k events)
        double applyRate = events / replay.applySeconds();
        report.add(
            "… of which applying the log (the replay's own figure)",
            String.format("%.1f s, %.0f events/s", replay.applySeconds(), applyRate));
        report.ratio(
            "ratio: applying only / slower raw baseline",
            applyRate / Math.min(consumed.perSecond(), inserted));

        System.out.printf("[replay] bin/poststack replay --verify (%d mailboxes)%n", size);
        double verifySeconds = operator(checkout, dev, "replay", "--verify").wallSeconds();
        report.add(
            "bin/poststack replay --verify, " + size + " mailboxes (wall)",
            String.format("%.1f s", verifySeconds));

        if (size == sizes.get(sizes.size() - 1)) {
          Path dir = Files.createTempDirectory("poststack-bench-render-");
          try {
            System.out.printf("[replay] bin/poststack replay --render (%d mailboxes)%n", size);
            double renderSeconds =
                operator(checkout, dev, "replay", "--render", dir.resolve("out").toString())
                    .wallSeconds();
            report.add(
                "bin/poststack replay --render, " + size + " mailboxes (wall)",
                String.format("%.1f s", renderSeconds));
          } finally {
            delete(dir);
          }
        }
      }
      System.out.println("[replay] stopping bin/poststack dev");
    }
    report.print();
  }

  /**
   * A replay as the operator saw it: the wall time of the whole command, and the seconds its
   * summary line ({@code Replayed N events in X s, …}) gives for applying the log alone.
   */
  private record Run(double wallSeconds, double applySeconds) {}

  private static final Pattern REPLAYED = Pattern.compile("Replayed \\d+ events in ([0-9.]+) s");

  /** Runs {@code bin/poststack args…} beside the dev stack; its times, or why it failed. */
  private static Run operator(Path checkout, DevStackProcess dev, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(checkout.resolve("bin/poststack").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true);
    pb.environment().putAll(dev.env());
    long t0 = System.nanoTime();
    double apply = Double.NaN;
    Process p = pb.start();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        // the progress bar redraws with carriage returns; print only whole lines
        int cr = line.lastIndexOf('\r');
        String whole = cr >= 0 ? line.substring(cr + 1) : line;
        System.out.println("    " + args[0] + "| " + whole);
        Matcher m = REPLAYED.matcher(whole);
        if (m.find()) {
          apply = Double.parseDouble(m.group(1));
        }
      }
    }
    if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (exit " + p.exitValue() + ")");
    }
    return new Run((System.nanoTime() - t0) / 1e9, apply);
  }

  private static void delete(Path dir) throws Exception {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
