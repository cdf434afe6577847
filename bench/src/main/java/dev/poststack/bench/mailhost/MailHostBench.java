package dev.poststack.bench.mailhost;

import dev.poststack.agent.store.Durability;
import dev.poststack.bench.Latencies;
import dev.poststack.bench.Report;
import dev.poststack.bench.pipeline.ApiClient;
import dev.poststack.bench.pipeline.DevStackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code bench/run mailhost}: the mail host's figures in one run, each beside the raw cost that
 * bounds it, measured in the same run.
 *
 * <ol>
 *   <li>apply cost per change on a host store of 10k, 100k and 1M mailboxes (the agent's store and
 *       apply code, no Kafka, no daemons) beside a raw SQLite commit on the same file;
 *   <li>{@code bin/poststack dev} with its mail host on free ports: API 201 → first successful
 *       IMAPS login, and password change → new password accepted, beside a bare IMAPS login;
 *   <li>IMAPS logins/s, 1 and 4 clients, idle and while a writer applies 200 changes/s to the live
 *       store through the agent's store code.
 * </ol>
 *
 * Knobs (system properties): {@code bench.mailhost.creates} (200), {@code bench.mailhost.sizes}
 * (10000,100000,1000000), {@code bench.mailhost.writerSync} (full,normal), {@code
 * bench.mailhost.loginSeconds} (8 per round), {@code bench.mailhost.loginRounds} (6), {@code
 * bench.mailhost.loginStoreSize} (1000000: bulk mailboxes added to the live store first), {@code
 * bench.mailhost.writerRate} (200), {@code bench.mailhost.parts} (store,login,load).
 */
public final class MailHostBench {
  private MailHostBench() {}

  public static void run(String[] args) throws Exception {
    int creates = Integer.getInteger("bench.mailhost.creates", 200);
    int[] sizes =
        Arrays.stream(System.getProperty("bench.mailhost.sizes", "10000,100000,1000000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int loginSeconds = Integer.getInteger("bench.mailhost.loginSeconds", 8);
    int loginRounds = Integer.getInteger("bench.mailhost.loginRounds", 6);
    Durability[] writerSyncs =
        Arrays.stream(System.getProperty("bench.mailhost.writerSync", "full,normal").split(","))
            .map(v -> Durability.valueOf(v.trim().toUpperCase()))
            .toArray(Durability[]::new);
    int loginStoreSize = Integer.getInteger("bench.mailhost.loginStoreSize", 1_000_000);
    int writerRate = Integer.getInteger("bench.mailhost.writerRate", 200);
    Set<String> parts =
        Set.of(System.getProperty("bench.mailhost.parts", "store,login,load").split(","));
    Report report = new Report();
    List<String> targets = new ArrayList<>();
    List<String> loads = new ArrayList<>();
    loads.add(loadAverage());

    if (parts.contains("store")) {
      System.out.println(
          "[mailhost 1/4] apply cost per change on a host store of "
              + Arrays.toString(sizes)
              + " mailboxes (agent's store + apply code, no Kafka), beside a raw SQLite commit");
      Path dir = Files.createTempDirectory("poststack-bench-store-");
      List<double[]> ratios = new StoreApplyBench(report, dir).run(sizes, 600);
      loads.add(loadAverage());
      for (double[] r : ratios) {
        targets.add(
            String.format(
                "apply 1 change at %,.0f mailboxes (FULL) / raw commit: p50 %.2f× (target ≤ 2)",
                r[0], r[1]));
      }
    }
    if (!parts.contains("login") && !parts.contains("load")) {
      report.add(
          "machine load average (1 min) at start and after each part", String.join(", ", loads));
      finish(report, targets);
      return;
    }

    System.out.println(
        "[mailhost 2/4] starting bin/poststack dev with its mail host on free ports");
    try (DevStackProcess dev = DevStackProcess.startWithMailHost(Path.of("").toAbsolutePath())) {
      report.add(
          "bin/poststack dev with mail host: spawn to ready",
          String.format("%.2f s", dev.secondsToReady()));
      ApiClient api = new ApiClient(dev.apiUrl(), dev.apiKey());
      String domain = "example.test";
      long domainId = api.domainId(domain);
      ImapLogin imap = new ImapLogin(dev.mailHostCertificate(), dev.mailHost().imaps());

      System.out.println(
          "[mailhost 3/4] API answer → first IMAPS login: "
              + creates
              + " creates, then "
              + creates
              + " password changes; a bare IMAPS login between trials");
      List<PropagationBench.Created> mailboxes;
      try (PropagationBench prop = new PropagationBench(api, imap, dev.mailHostStore())) {
        prop.creates(
            domainId, domain, "mhwarm", 10, new Latencies(), 60_000); // warm-up, not a figure
        Latencies created = new Latencies();
        mailboxes = prop.creates(domainId, domain, "mh", creates, created, 600_000);
        Latencies changed = new Latencies();
        prop.passwordChanges(mailboxes, changed, 600_000);
        var bare = prop.bare.result();
        var c = created.result();
        var p = changed.result();
        report.add("bare IMAPS login (connect+TLS+LOGIN, existing mailbox)", ms(bare));
        report.add(
            "API answer → the agent's commit (row in the host store), creates and changes",
            ms(prop.commits.result()));
        report.add("API 201 (create) → commit, then one IMAPS login (its tagged OK)", ms(c));
        report.add("API 200 (password change) → commit, then one login with it", ms(p));
        report.add(
            "overlapping poll attempts (0: serial) / timed-out trials / failed logins after the"
                + " commit / bare failures",
            prop.attempts.get()
                + " / "
                + prop.timeouts.get()
                + " / "
                + prop.pollErrors.get()
                + " / "
                + prop.bareFailures.get());
        report.add(
            "ratio: create → login p50 / bare login p50",
            String.format("%.2f", c.p50Ms() / bare.p50Ms()));
        report.add(
            "ratio: password → login p50 / bare login p50",
            String.format("%.2f", p.p50Ms() / bare.p50Ms()));
        targets.add(
            String.format(
                "create → login: p50 %.2f× bare login (target ≤ 3), p99 %.0f ms (target ≤ 500)",
                c.p50Ms() / bare.p50Ms(), c.p99Ms()));
        targets.add(
            String.format(
                "password → login: p50 %.2f× bare login (target ≤ 3), p99 %.0f ms (target ≤ 500)",
                p.p50Ms() / bare.p50Ms(), p.p99Ms()));
      }

      loads.add(loadAverage());
      if (parts.contains("load") && !mailboxes.isEmpty()) {
        System.out.println(
            "[mailhost 4/4] IMAPS logins/s (connect+TLS+LOGIN+LOGOUT over "
                + mailboxes.size()
                + " mailboxes, store grown by "
                + loginStoreSize
                + "), idle vs a writer at "
                + writerRate
                + " changes/s; 1 and 4 clients, "
                + loginRounds
                + " rounds of idle "
                + loginSeconds
                + " s then writer "
                + loginSeconds
                + " s, writer "
                + Arrays.toString(writerSyncs));
        if (loginStoreSize > 0) {
          // the rows added below are on no topic, so the host's content hash stops matching the
          // expected one and the control plane would ask it to rebuild its store mid-measurement;
          // a removed host is not asked (its agent and daemons go on as before)
          int removed = new ApiClient(dev.apiUrl(), dev.operatorToken()).delete("/hosts/bench");
          if (removed / 100 != 2) {
            throw new IllegalStateException("DELETE /hosts/bench answered " + removed);
          }
          double s = LoginLoadBench.grow(dev.mailHostStore(), domain, loginStoreSize);
          report.add(
              String.format(
                  "live host store grown by %,d mailboxes for the login figures", loginStoreSize),
              String.format(
                  "%.1f s (%,.0f entries/s, agent's store code, bursts of 2000)",
                  s, loginStoreSize / s));
        }
        LoginLoadBench load = new LoginLoadBench(imap, mailboxes);
        for (int clients : new int[] {1, 4}) {
          for (Durability writerSync : writerSyncs) {
            measureLogins(
                report,
                targets,
                load,
                dev.mailHostStore(),
                domain,
                clients,
                writerSync,
                writerRate,
                loginSeconds,
                loginRounds);
          }
        }
      }
      loads.add(loadAverage());
      report.add(
          "machine load average (1 min) at start and after each part", String.join(", ", loads));
      System.out.println(
          "[mailhost] stopping bin/poststack dev (agent, Dovecot, Postfix, API, provisioner,"
              + " broker)");
    }
    finish(report, targets);
  }

  /** Rounds of idle then writer-on, so drift on a shared machine falls on both conditions alike. */
  private static void measureLogins(
      Report report,
      List<String> targets,
      LoginLoadBench load,
      Path store,
      String domain,
      int clients,
      Durability writerSync,
      int writerRate,
      int loginSeconds,
      int loginRounds)
      throws Exception {
    String c = clients + " client" + (clients == 1 ? "" : "s");
    try (LoginLoadBench.Writer writer =
        new LoginLoadBench.Writer(
            store,
            writerSync,
            java.time.Duration.ofMillis(
                Long.getLong(
                    "bench.mailhost.commitGapMs",
                    dev.poststack.agent.ReloadAgent.DEFAULT_COMMIT_GAP.toMillis())),
            domain,
            "w" + clients + writerSync.name().toLowerCase(java.util.Locale.ROOT).charAt(0) + "x",
            writerRate,
            (long) writerRate * (loginSeconds + 30))) {
      Latencies idleLatencies = new Latencies();
      Latencies busyLatencies = new Latencies();
      LoginLoadBench.Phase idle = null;
      LoginLoadBench.Phase busy = null;
      List<Double> roundRatios = new java.util.ArrayList<>();
      for (int round = 1; round <= loginRounds; round++) {
        LoginLoadBench.Phase i0 = idle;
        idle = load.run(clients, loginSeconds, 20_000, null, idleLatencies, idle);
        LoginLoadBench.Phase b0 = busy;
        busy = load.run(clients, loginSeconds, 20_000, writer, busyLatencies, busy);
        System.out.printf(
            "  [logins] %s, writer %s, round %d/%d: idle %.1f/s, writer on %.1f/s, failures %d +"
                + " %d%n",
            c,
            writerSync,
            round,
            loginRounds,
            roundRate(i0, idle),
            roundRate(b0, busy),
            idle.failures() - (i0 == null ? 0 : i0.failures()),
            busy.failures() - (b0 == null ? 0 : b0.failures()));
        roundRatios.add(roundRate(b0, busy) / roundRate(i0, idle));
      }
      phase(report, idle);
      phase(report, busy);
      double ratio = busy.perSecond() / idle.perSecond();
      var w = busy.writerFigures();
      if (w.errors() > 0 || w.perSecond() < 0.9 * writerRate) {
        targets.add(
            String.format(
                "WRITER DID NOT KEEP ITS RATE (%.0f/s of %d, %d errors): the next line means"
                    + " little",
                w.perSecond(), writerRate, w.errors()));
      }
      List<Double> sorted = roundRatios.stream().sorted().toList();
      double median =
          sorted.size() % 2 == 1
              ? sorted.get(sorted.size() / 2)
              : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
      report.add(
          "ratio: logins/s under writer (" + writerSync + ") / idle, " + c,
          String.format(
              "%.2f (per round, writer round / the idle round before it: %s; median %.2f)",
              ratio,
              roundRatios.stream()
                  .map(r -> String.format("%.2f", r))
                  .collect(java.util.stream.Collectors.joining(" ")),
              median));
      targets.add(
          String.format(
              "logins/s under %d changes/s (writer %s), %s: %.2f of idle (target ≥ 0.95), "
                  + "%d failures (target 0)",
              writerRate, writerSync, c, ratio, idle.failures() + busy.failures()));
    }
  }

  private static double roundRate(LoginLoadBench.Phase before, LoginLoadBench.Phase after) {
    return before == null
        ? after.perSecond()
        : (after.logins() - before.logins()) / (after.seconds() - before.seconds());
  }

  /** The machine's 1-minute load average: the figures are only as quiet as the neighbours. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  private static void phase(Report report, LoginLoadBench.Phase p) {
    int clients = p.clients();
    String name =
        String.format(
            "IMAPS logins/s, %d client%s, %s",
            clients, clients == 1 ? "" : "s", p.writer() ? "writer on" : "idle");
    report.add(
        name,
        String.format(
            "%.1f/s, p50 %.1f ms, p99 %.1f ms, %d logins, %d failures",
            p.perSecond(), p.latency().p50Ms(), p.latency().p99Ms(), p.logins(), p.failures()));
    if (p.writerFigures() != null) {
      var w = p.writerFigures();
      report.add(
          "  writer beside it ("
              + w.durability()
              + ", agent loop, commit gap "
              + w.commitGap().toMillis()
              + " ms)",
          String.format(
              "%,d changes, %.0f/s, %,d commits (%.1f changes each), %d errors",
              w.changes(),
              w.perSecond(),
              w.commits(),
              w.commits() == 0 ? 0.0 : (double) w.changes() / w.commits(),
              w.errors()));
    }
  }

  private static String ms(Latencies.Result r) {
    return String.format("p50 %.1f ms, p99 %.1f ms (n=%d)", r.p50Ms(), r.p99Ms(), r.count());
  }

  private static void finish(Report report, List<String> targets) {
    report.print();
    System.out.println();
    System.out.println(
        "=== against the design targets (one run, 2 shared cores: ratios, not absolutes) ===");
    targets.forEach(t -> System.out.println("  " + t));
  }
}
