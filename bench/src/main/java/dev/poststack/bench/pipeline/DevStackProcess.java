package dev.poststack.bench.pipeline;

import dev.poststack.testing.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
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
  private final MailHostPorts mailHost;
  private final Map<String, String> summary;
  private final Path dataDir;
  private final Map<String, String> env;

  private DevStackProcess(
      Process process,
      String apiUrl,
      String apiKey,
      String kafka,
      String db,
      double s,
      MailHostPorts mailHost,
      Map<String, String> summary,
      Path dataDir,
      Map<String, String> env) {
    this.dataDir = dataDir;
    this.env = Map.copyOf(env);
    this.process = process;
    this.apiUrl = apiUrl;
    this.apiKey = apiKey;
    this.kafkaBootstrap = kafka;
    this.database = db;
    this.secondsToReady = s;
    this.mailHost = mailHost;
    this.summary = summary;
  }

  /** The mail host's ports when it runs ({@link #startWithMailHost}), else null. */
  public record MailHostPorts(int imaps, int pop3s, int smtp, int submissions) {}

  /** The dev stack without its mail host ({@code POSTSTACK_MAILHOST=off}). */
  public static DevStackProcess start(Path checkout) throws Exception {
    return start(checkout, null, Map.of());
  }

  /** The same, with more settings for the API ({@code POSTSTACK_DNS_SERVERS}, …). */
  public static DevStackProcess start(Path checkout, Map<String, String> moreEnv) throws Exception {
    return start(checkout, null, moreEnv);
  }

  /**
   * The dev stack with its local mail host (private Dovecot + Postfix and its reload agent) on free
   * ports; fails when the launcher skipped the mail host (daemons not installed, not root).
   */
  public static DevStackProcess startWithMailHost(Path checkout) throws Exception {
    DevStackProcess dev = start(checkout, mailHostPorts(), Map.of());
    if (dev.summary.get("Certificate") == null || dev.summary.get("Host store") == null) {
      dev.close();
      throw new IllegalStateException(
          "bin/poststack dev started without its mail host (see its mail host step above)");
    }
    return dev;
  }

  /**
   * The dev stack with {@code n} mail hosts ({@code dev --mail-hosts n}: {@code mh-1} … on
   * 127.0.1.1 …, the same free ports on each), under {@code /var/lib/poststack/<data dir id>/};
   * {@link #close()} removes their directories too.
   */
  public static DevStackProcess startWithMailHosts(Path checkout, int n) throws Exception {
    DevStackProcess dev =
        start(checkout, mailHostPorts(), Map.of(), List.of("--mail-hosts", Integer.toString(n)));
    if (!(n + " of " + n).equals(dev.summary.get("Mail hosts"))) {
      dev.close();
      throw new IllegalStateException(
          "bin/poststack dev did not start its " + n + " mail hosts (see their steps above)");
    }
    return dev;
  }

  private static MailHostPorts mailHostPorts() {
    int[] p = FreePorts.distinct(4);
    return new MailHostPorts(p[0], p[1], p[2], p[3]);
  }

  private static DevStackProcess start(
      Path checkout, MailHostPorts mail, Map<String, String> moreEnv) throws Exception {
    return start(checkout, mail, moreEnv, List.of());
  }

  private static DevStackProcess start(
      Path checkout, MailHostPorts mail, Map<String, String> moreEnv, List<String> devOptions)
      throws Exception {
    Path dataDir = Files.createTempDirectory("poststack-bench-");
    // the mail host's daemons (postfix, dovecot, the mail uid) must be able to search every
    // directory above their base directory
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    int http = FreePorts.one();
    int kafka = FreePorts.pairForBroker(); // its KRaft controller takes kafka + 1
    String key = "sk_live_bench" + UUID.randomUUID().toString().replace("-", "");
    String database = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    List<String> command =
        new java.util.ArrayList<>(List.of(checkout.resolve("bin/poststack").toString(), "dev"));
    command.addAll(devOptions);
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true);
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "POSTSTACK_DATA_DIR",
                dataDir.toString(),
                "POSTSTACK_HTTP_PORT",
                Integer.toString(http),
                "POSTSTACK_KAFKA_PORT",
                Integer.toString(kafka),
                "POSTSTACK_DEV_API_KEY",
                key,
                "POSTSTACK_PG",
                "local",
                "POSTSTACK_PG_DATABASE",
                database,
                "POSTSTACK_MAILHOST",
                mail == null ? "off" : "on",
                // the per-key and per-team limits protect a real API; the benchmark measures the
                // pipeline behind them
                "POSTSTACK_RATELIMIT_PERSECOND",
                "100000",
                "POSTSTACK_RATELIMIT_BURST",
                "100000"));
    // the operator endpoints (GET/DELETE /hosts) for what a bench does beside a team's work
    env.put("POSTSTACK_OPERATOR_TOKEN", "op_bench" + UUID.randomUUID().toString().replace("-", ""));
    env.put("POSTSTACK_RATELIMIT_TEAM_PERSECOND", "100000");
    env.put("POSTSTACK_RATELIMIT_TEAM_BURST", "100000");
    // the bench's one team holds 100k mailboxes and more; the default per-team limit is 10,000
    env.put("POSTSTACK_LIMITS_MAILBOXES", "1000000000");
    if (mail != null) {
      env.put("POSTSTACK_IMAPS_PORT", Integer.toString(mail.imaps()));
      env.put("POSTSTACK_POP3S_PORT", Integer.toString(mail.pop3s()));
      env.put("POSTSTACK_SMTP_PORT", Integer.toString(mail.smtp()));
      env.put("POSTSTACK_SUBMISSIONS_PORT", Integer.toString(mail.submissions()));
      if (devOptions.isEmpty()) { // several hosts are named and placed by dev itself
        env.put("POSTSTACK_HOST_ID", "bench");
        // inside the scratch data directory, so the clean-up below removes its store and Maildirs
        env.put("POSTSTACK_MAILHOST_DIR", dataDir.resolve("mailhost").toString());
      }
    }
    env.putAll(moreEnv);
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process process = pb.start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Map<String, String> summary = new java.util.concurrent.ConcurrentHashMap<>();
    Thread pump = new Thread(() -> pump(process, ready, summary), "dev-stack-output");
    pump.setDaemon(true);
    pump.start();
    try {
      // each more mail host adds its daemons' start (rspamd's first one compiles for a while)
      ready.get(devOptions.isEmpty() ? 180 : 600, TimeUnit.SECONDS);
    } catch (Exception e) {
      // SIGTERM first: the launcher stops its mail hosts' daemons, which are not its descendants
      // once they daemonized and would outlive a SIGKILL
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
      throw new IllegalStateException(
          "bin/poststack dev did not become ready: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    for (int i = 0; i < 100 && !summary.containsKey(""); i++) {
      Thread.sleep(50);
    }
    return new DevStackProcess(
        process,
        "http://127.0.0.1:" + http,
        key,
        "127.0.0.1:" + kafka,
        database,
        seconds,
        mail,
        summary,
        dataDir,
        env);
  }

  private static final java.util.regex.Pattern SUMMARY_PATH =
      java.util.regex.Pattern.compile(
          "^  (Certificate|Host store|Host dirs|Mail hosts)\\s+(/\\S+|\\d+ of \\d+).*");

  private static void pump(
      Process process, CompletableFuture<Void> ready, Map<String, String> summary) {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        System.out.println("    dev| " + line);
        var m = SUMMARY_PATH.matcher(line);
        if (m.matches()) {
          summary.put(m.group(1), m.group(2));
        }
        if (line.startsWith("PostStack ready in")) {
          ready.complete(null);
        }
        if (line.startsWith("Ctrl-C stops")) {
          summary.put(
              "", "complete"); // the summary lines (with the mail host's paths) were all read
        }
      }
      ready.completeExceptionally(new IllegalStateException("exited with " + process.waitFor()));
    } catch (IOException | InterruptedException e) {
      ready.completeExceptionally(e);
    }
  }

  /**
   * The settings the stack was started with, so an operator command run beside it ({@code
   * bin/poststack replay}, {@code admin …}) finds the same data directory, broker and database.
   */
  public Map<String, String> env() {
    return env;
  }

  public String apiUrl() {
    return apiUrl;
  }

  public String apiKey() {
    return apiKey;
  }

  /** The Bearer token of the operator endpoints ({@code /hosts}). */
  public String operatorToken() {
    return env.get("POSTSTACK_OPERATOR_TOKEN");
  }

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  public String database() {
    return database;
  }

  public MailHostPorts mailHost() {
    return mailHost;
  }

  /** The mail host's self-signed certificate (PEM), as the dev summary names it. */
  public Path mailHostCertificate() {
    return Path.of(summary.get("Certificate"));
  }

  /**
   * Host {@code n}'s self-signed certificate under {@code dev --mail-hosts}: {@code <host
   * dirs>/mh-<n>/ssl/cert.pem}.
   */
  public Path clusterHostCertificate(int n) {
    return Path.of(summary.get("Host dirs"), "mh-" + n, "ssl", "cert.pem");
  }

  /** The mail host's live lookup store, as the dev summary names it. */
  public Path mailHostStore() {
    return Path.of(summary.get("Host store"));
  }

  /** The launcher's JVM (bin/poststack execs java), whose children include the broker's JVM. */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  public double secondsToReady() {
    return secondsToReady;
  }

  /**
   * SIGTERM, as Ctrl-C would; the launcher stops its children in order. Then the run's scratch data
   * directory (broker log, mail host store and Maildirs) and scratch database are removed.
   */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      return; // something may still hold them; leave the scratch state for a look
    }
    String hostsDir = summary.get("Host dirs");
    if (hostsDir != null && hostsDir.startsWith("/var/lib/poststack/")) {
      // several hosts live where dev puts them, named by this data directory's id: ours alone
      try (var paths = Files.walk(Path.of(hostsDir))) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        System.out.println("[bench] could not remove " + hostsDir + ": " + e.getMessage());
      }
    }
    try (var paths = Files.walk(dataDir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.out.println("[bench] could not remove " + dataDir + ": " + e.getMessage());
    }
    try (var c =
            java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        var st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database);
    } catch (java.sql.SQLException e) {
      System.out.println("[bench] could not drop database " + database + ": " + e.getMessage());
    }
  }
}
