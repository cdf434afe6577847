package dev.poststack.bench.isolation;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.domain.DomainAdmin;
import dev.poststack.admin.team.TeamAdmin;
import dev.poststack.bench.Latencies;
import dev.poststack.bench.Load;
import dev.poststack.bench.Report;
import dev.poststack.bench.pipeline.ApiClient;
import dev.poststack.bench.pipeline.DevStackProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code bench/run isolation}: team B's create latency (1 client, back to back) while team A
 * floods, each flood beside an idle round measured just before it, in the same run: A's domain
 * verifications hanging on a silent name server; A's creates (each a password hash) from 32 clients
 * as fast as they go; the same at 20 creates/s, what one key gets under the default per-key rate
 * limit. The API's rate limit itself is lifted, as in the pipeline bench, so what is measured is
 * the slow-work pools, not the limiter. Last, A's imports one after another (rows with passwords,
 * whose hashes borrow the pool's idle threads).
 */
public final class IsolationBench {
  private final ApiClient b;
  private final long bDomain;
  private final int creates;
  private final Report report = new Report();
  private final AtomicLong bFailures = new AtomicLong();

  private IsolationBench(ApiClient b, long bDomain, int creates) {
    this.b = b;
    this.bDomain = bDomain;
    this.creates = creates;
  }

  public static void run() throws Exception {
    int scale = Integer.getInteger("bench.isolation.scale", Integer.getInteger("bench.scale", 1));
    int creates = Integer.getInteger("bench.isolation.creates", 300) * scale;
    int clients = Integer.getInteger("bench.isolation.floodClients", 32);
    double pacedRate = Double.parseDouble(System.getProperty("bench.isolation.pacedRate", "17"));
    try (SilentNameServer silent = new SilentNameServer()) {
      System.out.println("[isolation] starting bin/poststack dev (its name server: a silent one)");
      try (DevStackProcess dev =
          DevStackProcess.start(
              Path.of("").toAbsolutePath(), Map.of("POSTSTACK_DNS_SERVERS", silent.address()))) {
        ApiClient b = new ApiClient(dev.apiUrl(), dev.apiKey());
        IsolationBench bench = new IsolationBench(b, b.domainId("example.test"), creates);
        AdminDatabase db =
            new AdminDatabase("jdbc:postgresql://127.0.0.1:5432/" + dev.database(), "postgres", "");
        TeamAdmin.TeamKey teamA = new TeamAdmin(db).createTeam("bench-flooder");
        long aDomain;
        try (DomainAdmin domains =
            new DomainAdmin(db, dev.kafkaBootstrap(), Duration.ofSeconds(30), "bench")) {
          aDomain = domains.ensureVerifiedDomain(teamA.teamId(), "flooder.test");
        }
        ApiClient a = new ApiClient(dev.apiUrl(), teamA.apiKey());
        long aSlowDomain = a.createDomain("slow-name-server.test");
        Load.run(4, 100, Duration.ofSeconds(60), bench::bCreate); // warm-up, not reported

        int queriesBefore = silent.queries();
        bench.phase(
            "A: " + clients + " clients verifying a domain (silent DNS)",
            "dns",
            () -> new Flood(clients, "a-verify", seq -> a.tryVerifyDomain(aSlowDomain)),
            flood -> silent.queries() > queriesBefore && flood.answered() > 0);
        bench.report.add(
            "  queries the silent name server received",
            Integer.toString(silent.queries() - queriesBefore));
        bench.phase(
            "A: " + clients + " clients creating, unpaced",
            "create flood",
            () ->
                new Flood(
                    clients,
                    "a-create",
                    seq -> a.tryCreateMailbox(aDomain, "u" + seq, "flood-" + UUID.randomUUID())),
            flood -> flood.answered() >= 50);
        bench.phase(
            String.format("A: %d clients creating, %.0f/s in all", clients, pacedRate),
            "paced creates",
            () ->
                new Flood(
                    clients,
                    pacedRate,
                    "a-paced",
                    seq -> a.tryCreateMailbox(aDomain, "p" + seq, "paced-" + UUID.randomUUID())),
            flood -> flood.answered() >= 20);
        int importRows = Integer.getInteger("bench.isolation.importRows", 500);
        AtomicLong importStarted = new AtomicLong(Long.MAX_VALUE);
        bench.phase(
            "A: one import after another (" + importRows + " rows with passwords each)",
            "import",
            () -> {
              importStarted.set(System.nanoTime());
              return new Flood(
                  1,
                  "a-import",
                  seq -> {
                    StringBuilder rows = new StringBuilder();
                    for (int i = 0; i < importRows; i++) {
                      String local = "imp" + seq + "x" + i;
                      rows.append("{\"email\":\"")
                          .append(local)
                          .append("@flooder.test\",\"password\":\"import-")
                          .append(local)
                          .append("\"}\n");
                    }
                    return a.importRows(rows.toString());
                  });
            },
            // the first import's hashes are under way within a second of its request
            flood -> System.nanoTime() - importStarted.get() > Duration.ofSeconds(1).toNanos());
        bench.report.print();
        System.out.println("[isolation] stopping bin/poststack dev");
      }
    }
  }

  private void bCreate(long seq) throws Exception {
    try {
      b.createMailbox(bDomain, "iso" + UUID.randomUUID().toString().substring(0, 12));
    } catch (IllegalStateException e) {
      bFailures.incrementAndGet(); // counted and reported, not fatal: a flood may cost B answers
    }
  }

  private Latencies.Result bRound() throws Exception {
    bFailures.set(0);
    return Load.run(1, creates, Duration.ofSeconds(300), this::bCreate);
  }

  /** An idle round of B, then the same under A's flood, and their ratios. */
  private void phase(
      String flooding,
      String tag,
      Supplier<Flood> flood,
      java.util.function.Predicate<Flood> started)
      throws Exception {
    System.out.println("[isolation] B creates, idle, then with " + flooding);
    Latencies.Result idle = bRound();
    report.add("B create (API 201), 1 client, idle", idle);
    Latencies.Result loaded;
    String answers;
    try (Flood f = flood.get()) {
      waitUntil(() -> started.test(f));
      loaded = bRound();
      answers = f.summary();
    }
    report.add("B create, 1 client, " + flooding, loaded);
    report.add("  A's answers during it (status×count)", answers);
    report.add("  B's creates not answered 201", Long.toString(bFailures.get()));
    report.ratio(
        "ratio: B p50 under " + tag + " / idle just before", loaded.p50Ms() / idle.p50Ms());
    report.ratio(
        "ratio: B p99 under " + tag + " / idle just before", loaded.p99Ms() / idle.p99Ms());
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the flood did not start within 60 s");
      }
      Thread.sleep(50);
    }
  }
}
