package dev.poststack.bench.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/poststack dev} as a child process on free ports, its own data directory and its own
 * database, exactly as a developer starts it; time-to-ready is measured from spawn to its summary.
 */
public final class DevStackProcess implements AutoCloseable {
  private final Process process;
  private final String apiUrl;
  private final String apiKey;
  private final String kafkaBootstrap;
  private final String database;
  private final double secondsToReady;

  private DevStackProcess(Process process, String apiUrl, String apiKey, String kafka, String db, double s) {
    this.process = process;
    this.apiUrl = apiUrl;
    this.apiKey = apiKey;
    this.kafkaBootstrap = kafka;
    this.database = db;
    this.secondsToReady = s;
  }

  public static DevStackProcess start(Path checkout) throws Exception {
    Path dataDir = Files.createTempDirectory("poststack-bench-");
    int http = freePort();
    int kafka = freePort();
    String key = "sk_live_bench" + UUID.randomUUID().toString().replace("-", "");
    String database = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ProcessBuilder pb = new ProcessBuilder(checkout.resolve("bin/poststack").toString(), "dev")
        .directory(checkout.toFile())
        .redirectErrorStream(true);
    pb.environment().putAll(Map.of(
        "POSTSTACK_DATA_DIR", dataDir.toString(),
        "POSTSTACK_HTTP_PORT", Integer.toString(http),
        "POSTSTACK_KAFKA_PORT", Integer.toString(kafka),
        "POSTSTACK_DEV_API_KEY", key,
        "POSTSTACK_PG", "local",
        "POSTSTACK_PG_DATABASE", database,
        "POSTSTACK_MAILHOST", "off",
        // the per-key limit protects a real API; the benchmark measures the pipeline behind it
        "POSTSTACK_RATELIMIT_PERSECOND", "100000",
        "POSTSTACK_RATELIMIT_BURST", "100000"));
    long t0 = System.nanoTime();
    Process process = pb.start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(process, ready), "dev-stack-output");
    pump.setDaemon(true);
    pump.start();
    try {
      ready.get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException("bin/poststack dev did not become ready: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new DevStackProcess(process, "http://127.0.0.1:" + http, key, "127.0.0.1:" + kafka, database, seconds);
  }

  private static void pump(Process process, CompletableFuture<Void> ready) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        System.out.println("    dev| " + line);
        if (line.startsWith("PostStack ready in")) {
          ready.complete(null);
        }
      }
      ready.completeExceptionally(new IllegalStateException("exited with " + process.waitFor()));
    } catch (IOException | InterruptedException e) {
      ready.completeExceptionally(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public String apiUrl() {
    return apiUrl;
  }

  public String apiKey() {
    return apiKey;
  }

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  public String database() {
    return database;
  }

  public double secondsToReady() {
    return secondsToReady;
  }

  /** SIGTERM, as Ctrl-C would; the launcher stops its children in order. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
