package dev.poststack.bench.mailhost;

import dev.poststack.agent.ReloadAgent;
import dev.poststack.agent.daemon.DaemonControl;
import dev.poststack.agent.reconcile.ApplyPlan;
import dev.poststack.agent.reconcile.EntryRecord;
import dev.poststack.agent.reconcile.InMemoryEntrySource;
import dev.poststack.agent.reconcile.Reconciler;
import dev.poststack.agent.store.Durability;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.bench.Latencies;
import dev.poststack.bench.Report;
import dev.poststack.renderer.host.ContentHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * Apply cost per change on a host store holding 10k, 100k and 1M mailboxes, through the reload
 * agent's real apply path ({@link Reconciler#apply}: decode, read the stored rows, plan, write rows
 * + position + content hash in one {@code BEGIN IMMEDIATE … COMMIT} on {@link LocalHostStore}'s one
 * writer connection), without Kafka. Each change is its own burst, the agent's worst case. Beside
 * it, interleaved sample by sample, a raw one-row upsert + commit on a second connection to the
 * same file with the same {@code synchronous} setting: the floor one change cannot go below.
 */
final class StoreApplyBench {
  static final String TOPIC = "poststack.host-entries";
  private static final int DOMAINS = 500;
  private static final int BURST = 2000; // the agent's POSTSTACK_AGENT_MAX_BURST default
  private static final int SAMPLES =
      1500; // per size and setting: 1000 password changes, 500 new mailboxes
  private static final long QUOTA = 1L << 30;

  private final Report report;
  private final Path dir;
  private final EntryRecords records = new EntryRecords();
  private final String hashA = EntryRecords.hash("bench-store-a", "benchsta");
  private final String hashB = EntryRecords.hash("bench-store-b", "benchstb");
  private final SplittableRandom random = new SplittableRandom(42);
  private final BitSet flipped = new BitSet();
  private int size;
  private int nextNew = 50_000_000;

  StoreApplyBench(Report report, Path dir) {
    this.report = report;
    this.dir = dir;
  }

  /** The ratio of agent to raw p50 with synchronous=FULL at each size, for the summary. */
  List<double[]> run(int[] sizes, long maxSecondsPerFill) throws Exception {
    Path file = dir.resolve("host-store.sqlite");
    List<double[]> ratios = new ArrayList<>();
    try {
      warmUp(dir.resolve("warm-up.sqlite"));
      for (int target : sizes) {
        long t0 = System.nanoTime();
        int before = size;
        try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
          fill(new Reconciler(store, TOPIC), target, t0 + maxSecondsPerFill * 1_000_000_000L);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        report.add(
            String.format(
                "host store filled %,d → %,d mailboxes (bursts of %d)", before, size, BURST),
            String.format(
                "%.1f s, %,.0f entries/s, file %,d MB",
                s, (size - before) / s, Files.size(file) >> 20));
        for (Durability durability : new Durability[] {Durability.FULL, Durability.NORMAL}) {
          double[] r = measure(file, durability);
          if (durability == Durability.FULL) {
            ratios.add(new double[] {size, r[0], r[1]});
          }
        }
      }
      try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
        long t = System.nanoTime();
        boolean same = store.contentHash().equals(ContentHash.of(store.allEntries()));
        System.out.printf(
            "  [store] content hash recomputed from all %,d rows: %s (%.1f s)%n",
            store.entryCount(),
            same ? "equal to the stored one" : "DIFFERS",
            (System.nanoTime() - t) / 1e9);
        if (!same) {
          report.add("host store content hash after the run", "DIFFERS from its rows (a bug)");
        }
      }
    } finally {
      deleteTree(dir);
    }
    return ratios;
  }

  /**
   * Class loading and JIT on a throwaway store, so the first size's figures are not the cold ones.
   */
  private void warmUp(Path file) throws Exception {
    System.out.println("  [store] warm-up on a throwaway store (not a figure)");
    StoreApplyBench warm = new StoreApplyBench(new Report(true), dir);
    try (LocalHostStore store = LocalHostStore.open(file, Durability.FULL)) {
      warm.fill(new Reconciler(store, TOPIC), 20_000, System.nanoTime() + 120_000_000_000L);
    }
    warm.measure(file, Durability.NORMAL);
    warm.measure(file, Durability.FULL);
  }

  private void fill(Reconciler reconciler, int target, long deadline) {
    if (size == 0) {
      List<EntryRecord> domains = new ArrayList<>();
      for (int d = 0; d < DOMAINS; d++) {
        domains.add(records.domain(d + 1, "d" + d + ".test"));
      }
      reconciler.apply(domains);
    }
    long lastPrint = System.nanoTime();
    while (size < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "filling the host store to " + target + " took too long (at " + size + ")");
      }
      List<EntryRecord> burst = new ArrayList<>(BURST);
      for (int i = 0; i < BURST && size < target; i++, size++) {
        burst.add(mailbox(size, hashA));
      }
      reconciler.apply(burst);
      if (System.nanoTime() - lastPrint > 10_000_000_000L) {
        System.out.printf("  [store] filling: %,d / %,d mailboxes%n", size, target);
        lastPrint = System.nanoTime();
      }
    }
  }

  private EntryRecord mailbox(int i, String hash) {
    return records.mailbox(i + 1, "d" + (i % DOMAINS) + ".test", "u" + i, hash, QUOTA);
  }

  /** Returns {apply p50 / raw p50, apply p99 / raw p99} for password changes. */
  private double[] measure(Path file, Durability durability) throws Exception {
    Latencies update = new Latencies();
    Latencies insert = new Latencies();
    Latencies pass = new Latencies();
    Latencies raw = new Latencies();
    try (LocalHostStore store = LocalHostStore.open(file, durability);
        Connection c = rawConnection(file, durability);
        Statement s = c.createStatement()) {
      Reconciler reconciler = new Reconciler(store, TOPIC);
      InMemoryEntrySource source = new InMemoryEntrySource();
      // the agent's whole pass, with the daemons and the status topic stubbed (a kick is a doveadm
      // process)
      ReloadAgent agent =
          new ReloadAgent(
              "bench",
              TOPIC,
              store,
              source,
              status -> {},
              DaemonControl.none(),
              Duration.ofHours(1),
              Clock.systemUTC());
      s.execute(
          "CREATE TABLE IF NOT EXISTS raw_baseline (k INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
      PreparedStatement upsert =
          c.prepareStatement(
              "INSERT INTO raw_baseline (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v ="
                  + " excluded.v");
      for (int i = 0; i < 200; i++) { // warm-up: JIT, statement caches, the pages touched
        settle(store, reconciler.apply(List.of(passwordChange())));
        pass(agent, source, passwordChange());
        rawCommit(s, upsert, i);
      }
      for (int i = 0; i < SAMPLES; i++) {
        boolean isNew = i % 3 == 2;
        EntryRecord change = isNew ? newMailbox() : passwordChange();
        long t = System.nanoTime();
        ApplyPlan plan = reconciler.apply(List.of(change));
        (isNew ? insert : update).record(System.nanoTime() - t);
        settle(store, plan);
        t = System.nanoTime();
        rawCommit(s, upsert, i);
        raw.record(System.nanoTime() - t);
        if (!isNew) {
          t = System.nanoTime();
          pass(agent, source, passwordChange());
          pass.record(System.nanoTime() - t);
        }
      }
    }
    var u = update.result();
    var r = raw.result();
    String at = String.format("%,d mailboxes, %s", size, durability);
    report.add("apply 1 change: password, " + at, ms(u));
    report.add("apply 1 change: new mailbox, " + at, ms(insert.result()));
    report.add("agent pass, 1 password change, " + at, ms(pass.result()));
    report.add("raw SQLite 1-row upsert+commit, " + at, ms(r));
    double[] ratio = {u.p50Ms() / r.p50Ms(), u.p99Ms() / r.p99Ms()};
    report.add(
        "ratio: apply (password) / raw commit, " + at,
        String.format("p50 %.2f, p99 %.2f", ratio[0], ratio[1]));
    return ratio;
  }

  /**
   * After a timed Reconciler.apply (one transaction): the kick it left pending is noted as run, as
   * the agent does once doveadm ran; the next apply's transaction writes that down (timed, as in
   * the agent).
   */
  private static void settle(LocalHostStore store, ApplyPlan plan) {
    if (plan.actions().size() != 1) {
      throw new IllegalStateException("expected one row change, got " + plan.actions());
    }
    if (!plan.effects().isEmpty()) {
      store.effectsRan(store.pendingEffects());
    }
  }

  private static void pass(ReloadAgent agent, InMemoryEntrySource source, EntryRecord change) {
    source.add(List.of(change));
    ReloadAgent.Step step = agent.reconcileOnce();
    if (step.records() != 1 || step.changes() != 1) {
      throw new IllegalStateException("the agent pass did not apply its one change: " + step);
    }
  }

  private static String ms(Latencies.Result r) {
    return String.format("p50 %.3f ms, p99 %.3f ms (n=%d)", r.p50Ms(), r.p99Ms(), r.count());
  }

  /** A real change: the mailbox's hash flips between two, so no change is a no-op repeat. */
  private EntryRecord passwordChange() {
    int i = random.nextInt(size);
    flipped.flip(i);
    return mailbox(i, flipped.get(i) ? hashB : hashA);
  }

  private EntryRecord newMailbox() {
    int i = nextNew++;
    return records.mailbox(i + 1, "d" + (i % DOMAINS) + ".test", "n" + i, hashA, QUOTA);
  }

  private static void rawCommit(Statement s, PreparedStatement upsert, int i) throws SQLException {
    s.execute("BEGIN IMMEDIATE");
    upsert.setInt(1, i % 50);
    upsert.setInt(2, i);
    upsert.executeUpdate();
    s.execute("COMMIT");
  }

  private static Connection rawConnection(Path file, Durability durability) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(
        durability == Durability.FULL
            ? SQLiteConfig.SynchronousMode.FULL
            : SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(5000);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  private static void deleteTree(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
