package dev.poststack.bench.profile;

import dev.poststack.bench.Latencies;
import dev.poststack.bench.Load;
import dev.poststack.bench.pipeline.ApiClient;
import dev.poststack.bench.pipeline.DevStackProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import one.convert.Arguments;
import one.convert.JfrToFlame;

/**
 * Issue 15's "profile first": CPU profiles of the dev stack's JVMs under the 32-client create load.
 * {@code bin/poststack dev} runs the API and the provisioner in one JVM and the broker in a child
 * JVM; after a warm-up, JFR (settings "profile") records both through {@code jcmd} while 32 clients
 * create mailboxes, then each recording becomes a flame graph (async-profiler's jfr-converter,
 * HTML) and a table of where the CPU went by step, written to {@code docs/perf/<date>/}.
 */
public final class ProfileBench {
  private static final String RECORDING = "poststack-profile";

  private ProfileBench() {}

  /**
   * @param keepRecordings keep the raw {@code .jfr} files beside the graphs (for {@code jfr print}
   *     or another converter); they are megabytes, so they are not kept by default
   */
  public static void run(boolean keepRecordings) throws Exception {
    Path repo = Path.of("").toAbsolutePath();
    Path out = repo.resolve("docs/perf/" + LocalDate.now(ZoneOffset.UTC));
    Files.createDirectories(out);
    System.out.println("[bench profile] starting bin/poststack dev; profiles go to " + out);
    try (DevStackProcess dev = DevStackProcess.start(repo)) {
      ApiClient api = new ApiClient(dev.apiUrl(), dev.apiKey());
      long domainId = api.domainId("example.test");
      Map<String, ProcessHandle> jvms = new LinkedHashMap<>();
      jvms.put("api-and-provisioner", dev.handle());
      jvms.put(
          "broker",
          dev.handle()
              .descendants()
              .filter(p -> p.info().commandLine().orElse("").contains("kafka"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no broker child JVM found")));

      System.out.println("[bench profile] warm-up: 600 creates, 4 clients");
      Load.run(4, 600, Duration.ofSeconds(120), seq -> api.createMailbox(domainId, "pw" + seq));
      jvms.forEach((name, jvm) -> jcmd(jvm, "JFR.start", "name=" + RECORDING, "settings=profile"));
      System.out.println("[bench profile] recording: 1500 creates, 32 clients");
      Instant t0 = Instant.now();
      Latencies.Result load =
          Load.run(
              32, 1500, Duration.ofSeconds(300), seq -> api.createMailbox(domainId, "p" + seq));
      Duration recorded = Duration.between(t0, Instant.now());
      List<String> lines = new ArrayList<>();
      lines.add("# CPU profile: 32 clients creating mailboxes through the whole pipeline");
      lines.add("");
      lines.add(
          "`bench/run profile`, "
              + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
              + ": "
              + load
              + " (1500 creates in "
              + recorded.toMillis() / 1000.0
              + " s, after a warm-up of 600).");
      for (Map.Entry<String, ProcessHandle> jvm : jvms.entrySet()) {
        Path jfr = out.resolve(jvm.getKey() + ".jfr");
        jcmd(jvm.getValue(), "JFR.stop", "name=" + RECORDING, "filename=" + jfr);
        Path html = out.resolve(jvm.getKey() + "-cpu.html");
        Arguments args = new Arguments("--title", jvm.getKey() + ": CPU samples");
        JfrToFlame.convert(jfr.toString(), html.toString(), args);
        lines.addAll(table(jvm.getKey(), CpuSteps.of(jfr), html.getFileName().toString()));
        if (!keepRecordings) {
          Files.delete(jfr); // megabytes of raw samples; the graph and the table are what we keep
        }
      }
      Files.write(out.resolve("README.md"), lines);
      lines.forEach(System.out::println);
    }
  }

  private static List<String> table(String jvm, Map<String, Long> steps, String graph) {
    long total = steps.values().stream().mapToLong(Long::longValue).sum();
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add(
        "## " + jvm + " (" + total + " CPU samples; flame graph: [" + graph + "](" + graph + "))");
    lines.add("");
    lines.add("| step | share of CPU samples |");
    lines.add("|---|---|");
    List<String> order = new ArrayList<>();
    CpuSteps.STEPS.forEach(s -> order.add(s.name()));
    order.add(CpuSteps.OTHER);
    for (String step : order) {
      long n = steps.getOrDefault(step, 0L);
      if (n > 0) {
        lines.add(String.format("| %s | %.1f %% |", step, 100.0 * n / total));
      }
    }
    return lines;
  }

  private static void jcmd(ProcessHandle jvm, String... command) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    cmd.add(Long.toString(jvm.pid()));
    cmd.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run jcmd: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running jcmd", e);
    }
  }
}
