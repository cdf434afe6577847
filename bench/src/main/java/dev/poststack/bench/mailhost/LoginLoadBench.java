package dev.poststack.bench.mailhost;

import dev.poststack.agent.ReloadAgent;
import dev.poststack.agent.daemon.DaemonControl;
import dev.poststack.agent.reconcile.EntryRecord;
import dev.poststack.agent.reconcile.InMemoryEntrySource;
import dev.poststack.agent.reconcile.Reconciler;
import dev.poststack.agent.reconcile.ReloadPacing;
import dev.poststack.agent.reconcile.ResyncRequests;
import dev.poststack.agent.store.Durability;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.bench.Latencies;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * IMAPS logins per second (connect + TLS + LOGIN + LOGOUT, closed loop, random existing mailboxes)
 * on the running mail host, idle and while a writer applies changes at a fixed rate to the same
 * live store through the agent's whole pass ({@link ReloadAgent} on {@link LocalHostStore}), every
 * failure counted.
 */
final class LoginLoadBench {
  /** Logins/s, latency and failures of one phase; the writer's figures when one ran. */
  record Phase(
      int clients,
      boolean writer,
      long logins,
      long failures,
      double seconds,
      Latencies.Result latency,
      Writer.Figures writerFigures) {
    double perSecond() {
      return logins / seconds;
    }
  }

  private final ImapLogin imap;
  private final List<PropagationBench.Created> mailboxes;

  LoginLoadBench(ImapLogin imap, List<PropagationBench.Created> mailboxes) {
    this.imap = imap;
    this.mailboxes = List.copyOf(mailboxes);
  }

  /**
   * Rounds of one condition add up; its latency samples go to the condition's {@code latencies}.
   */
  Phase run(
      int clients,
      long seconds,
      int maxLoginsPerClient,
      Writer writer,
      Latencies latencies,
      Phase before)
      throws Exception {
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicInteger printed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    if (writer != null) {
      writer.start();
    }
    long begin = System.nanoTime();
    long deadline = begin + TimeUnit.SECONDS.toNanos(seconds);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(
            pool.submit(
                () -> {
                  SplittableRandom random =
                      new SplittableRandom(client * 31L + (writer == null ? 0 : 1));
                  for (int i = 0; i < maxLoginsPerClient && System.nanoTime() < deadline; i++) {
                    PropagationBench.Created m = mailboxes.get(random.nextInt(mailboxes.size()));
                    long t = System.nanoTime();
                    ImapLogin.Attempt a = imap.login(m.address(), m.password(), true);
                    if (a.outcome() == ImapLogin.Outcome.OK) {
                      latencies.record(System.nanoTime() - t);
                      ok.incrementAndGet();
                    } else {
                      failed.incrementAndGet();
                      if (printed.incrementAndGet() <= 5) {
                        System.out.println(
                            "  [logins] failed: "
                                + m.address()
                                + " "
                                + a.outcome()
                                + " "
                                + a.detail());
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(seconds + 60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    double s = (System.nanoTime() - begin) / 1e9;
    Writer.Figures w = writer == null ? null : writer.stop();
    if (before != null) {
      return new Phase(
          clients,
          writer != null,
          before.logins() + ok.get(),
          before.failures() + failed.get(),
          before.seconds() + s,
          latencies.result(),
          w);
    }
    return new Phase(clients, writer != null, ok.get(), failed.get(), s, latencies.result(), w);
  }

  /**
   * Grows the live host store by {@code n} mailboxes (bursts of 2000, as the agent bootstraps a new
   * host), so logins are measured against a host of realistic size. Returns the seconds it took.
   */
  static double grow(Path store, String domain, int n) {
    long t0 = System.nanoTime();
    EntryRecords records = new EntryRecords();
    String hash = EntryRecords.hash("bench-bulk-pw", "benchblk");
    try (LocalHostStore s = LocalHostStore.open(store, Durability.FULL)) {
      Reconciler reconciler = new Reconciler(s, "bench.bulk");
      for (int from = 0; from < n; from += 2000) {
        List<EntryRecord> burst = new ArrayList<>();
        for (int i = from; i < Math.min(n, from + 2000); i++) {
          burst.add(records.mailbox(800_000_000L + i, domain, "bulk" + i, hash, 1L << 30));
        }
        reconciler.apply(burst);
        if ((from / 2000) % 100 == 99) {
          System.out.printf("  [logins] growing the host store: %,d / %,d%n", from + 2000, n);
        }
      }
      s.checkpoint();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Hands one change at a time, at a fixed rate, to an agent running its own loop on the live host
   * store ({@link ReloadAgent#reconcileOnce}: poll, apply, effects, report), as the host-entries
   * topic would: alternately a new mailbox and a quota change of one it created (changes that ask
   * no daemon for anything, so only the store is measured; the status report goes nowhere). The
   * agent groups what arrives within its commit gap into one commit, as on a real host. Its
   * positions go under a topic name of its own, so the running agent's positions are untouched; it
   * is a second writer connection beside the agent's, which sits idle meanwhile (busy timeout 5 s
   * on both).
   */
  static final class Writer implements AutoCloseable {
    record Figures(
        long changes,
        double perSecond,
        long commits,
        long errors,
        Durability durability,
        Duration commitGap) {}

    private final LocalHostStore store;
    private final InMemoryEntrySource source = InMemoryEntrySource.waiting();
    private final ReloadAgent agent;
    private final EntryRecords records = new EntryRecords();
    private final String domain;
    private final String prefix;
    private final Durability durability;
    private final Duration commitGap;
    private final String hash;
    private final int perSecond;
    private final long maxChanges;
    private final SplittableRandom random = new SplittableRandom(11);
    private Thread feeder;
    private Thread loop;
    private volatile boolean running;
    private volatile long applied;
    private volatile long fed;
    private long commits;
    private long errors;
    private int created;
    private long started;
    private double seconds;

    Writer(
        Path store,
        Durability durability,
        Duration commitGap,
        String domain,
        String prefix,
        int perSecond,
        long maxChanges) {
      this.prefix = prefix;
      this.durability = durability;
      this.commitGap = commitGap;
      this.store = LocalHostStore.open(store, durability);
      this.agent =
          new ReloadAgent(
              "bench-writer",
              "bench.writer." + prefix,
              this.store,
              source,
              status -> {},
              DaemonControl.none(),
              Duration.ofHours(1),
              Clock.systemUTC(),
              new ReloadPacing(ReloadPacing.DEFAULT_WINDOW),
              ResyncRequests.NONE,
              commitGap);
      this.domain = domain;
      this.hash = EntryRecords.hash("bench-writer-pw", "benchwri");
      this.perSecond = perSecond;
      this.maxChanges = maxChanges;
    }

    private long id(int i) {
      return 900_000_000L + Math.floorMod(prefix.hashCode(), 50) * 1_000_000L + i;
    }

    /** Runs until {@link #stop}; counts and latencies add up over all runs. */
    void start() {
      running = true;
      started = System.nanoTime();
      loop = new Thread(this::agentLoop, "store-writer-agent");
      loop.setDaemon(true);
      loop.start();
      feeder = new Thread(this::feed, "store-writer-feed");
      feeder.setDaemon(true);
      feeder.start();
    }

    private void feed() {
      long period = 1_000_000_000L / perSecond;
      long next = System.nanoTime();
      long limit = fed + maxChanges;
      while (running && fed < limit) {
        long now = System.nanoTime();
        if (now < next) {
          try {
            TimeUnit.NANOSECONDS.sleep(next - now);
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
        next += period;
        source.add(List.of(nextChange()));
        fed++;
      }
    }

    /** The agent's passes until stopped and every change handed in is applied. */
    private void agentLoop() {
      while (running || applied < fed) {
        try {
          ReloadAgent.Step step = agent.reconcileOnce();
          if (step.records() > 0) {
            commits++;
            applied += step.records();
          } else if (!step.nextRunIn().isZero()) {
            errors++; // the agent backs off only after a failed pass
            TimeUnit.NANOSECONDS.sleep(step.nextRunIn().toNanos());
          }
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          errors++;
          if (errors <= 5) {
            System.out.println("  [writer] pass failed: " + e);
          }
        }
      }
    }

    /** Alternately a new mailbox and a quota change of one this writer created. */
    private EntryRecord nextChange() {
      if (created == 0 || fed % 2 == 0) {
        int i = created++;
        return records.mailbox(id(i), domain, prefix + i, hash, 1L << 30);
      }
      int i = random.nextInt(created);
      return records.mailbox(id(i), domain, prefix + i, hash, (1L << 30) + fed * 1024);
    }

    Figures stop() throws InterruptedException {
      running = false;
      feeder.join(10_000);
      loop.join(10_000);
      seconds += (System.nanoTime() - started) / 1e9;
      return new Figures(applied, applied / seconds, commits, errors, durability, commitGap);
    }

    @Override
    public void close() {
      running = false;
      store.close();
    }
  }
}
