package dev.poststack.bench.mailhost;

import dev.poststack.agent.reconcile.ApplyPlan;
import dev.poststack.agent.reconcile.EntryRecord;
import dev.poststack.agent.reconcile.Reconciler;
import dev.poststack.agent.store.Durability;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.bench.Latencies;
import java.nio.file.Path;
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
 * on the running mail host, idle and while a writer applies changes at a fixed rate to the same live
 * store through the agent's store code ({@link LocalHostStore} + {@link Reconciler}), every failure
 * counted.
 */
final class LoginLoadBench {
  /** Logins/s, latency and failures of one phase; the writer's figures when one ran. */
  record Phase(int clients, boolean writer, long logins, long failures, double seconds, Latencies.Result latency,
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

  Phase run(int clients, long seconds, int maxLoginsPerClient, Writer writer) throws Exception {
    Latencies latencies = new Latencies();
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
      latencies.start();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(pool.submit(() -> {
          SplittableRandom random = new SplittableRandom(client * 31L + (writer == null ? 0 : 1));
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
                System.out.println("  [logins] failed: " + m.address() + " " + a.outcome() + " " + a.detail());
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(seconds + 60, TimeUnit.SECONDS);
      }
      latencies.stop();
    } finally {
      pool.shutdownNow();
    }
    double s = (System.nanoTime() - begin) / 1e9;
    Writer.Figures w = writer == null ? null : writer.stop();
    return new Phase(clients, writer != null, ok.get(), failed.get(), s, latencies.result(), w);
  }

  /**
   * Applies one change per burst at a fixed rate to the live host store through the agent's store
   * code: alternately a new mailbox and a quota change of one it created (changes that ask no
   * daemon for anything, so only the store is measured). Its positions go under its own topic name,
   * so the running agent's positions are untouched; it is a second writer connection beside the
   * agent's, which sits idle meanwhile (busy timeout 5 s on both).
   */
  static final class Writer implements AutoCloseable {
    record Figures(long changes, double perSecond, Latencies.Result apply, long errors) {}

    private final LocalHostStore store;
    private final Reconciler reconciler;
    private final EntryRecords records = new EntryRecords();
    private final String domain;
    private final String hash;
    private final int perSecond;
    private final long maxChanges;
    private final SplittableRandom random = new SplittableRandom(11);
    private Thread thread;
    private volatile boolean running;
    private Latencies latencies;
    private long changes;
    private long errors;
    private int created;
    private long started;

    Writer(Path store, String domain, int perSecond, long maxChanges) {
      this.store = LocalHostStore.open(store, Durability.FULL);
      this.reconciler = new Reconciler(this.store, "bench.writer");
      this.domain = domain;
      this.hash = EntryRecords.hash("bench-writer-pw", "benchwri");
      this.perSecond = perSecond;
      this.maxChanges = maxChanges;
    }

    void start() {
      latencies = new Latencies();
      changes = 0;
      errors = 0;
      running = true;
      thread = new Thread(this::loop, "store-writer");
      thread.setDaemon(true);
      started = System.nanoTime();
      latencies.start();
      thread.start();
    }

    private void loop() {
      long period = 1_000_000_000L / perSecond;
      long next = System.nanoTime();
      while (running && changes < maxChanges) {
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
        EntryRecord change;
        if (created == 0 || changes % 2 == 0) {
          int i = created++;
          change = records.mailbox(900_000_000L + i, domain, "writer" + i, hash, 1L << 30);
        } else {
          int i = random.nextInt(created);
          change = records.mailbox(900_000_000L + i, domain, "writer" + i, hash, (1L << 30) + changes * 1024);
        }
        long t = System.nanoTime();
        try {
          ApplyPlan plan = reconciler.apply(List.of(change));
          latencies.record(System.nanoTime() - t);
          if (plan.actions().size() != 1) {
            errors++;
          }
        } catch (RuntimeException e) {
          errors++;
          System.out.println("  [writer] apply failed: " + e.getMessage());
        }
        changes++;
      }
    }

    Figures stop() throws InterruptedException {
      running = false;
      thread.join(10_000);
      latencies.stop();
      double s = (System.nanoTime() - started) / 1e9;
      return new Figures(changes, changes / s, latencies.result(), errors);
    }

    @Override
    public void close() {
      running = false;
      store.close();
    }
  }
}
