package dev.poststack.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load: {@code clients} threads each run the operation back to back, bounded in count
 * and time.
 */
public final class Load {
  private Load() {}

  @FunctionalInterface
  public interface Operation {
    void run(long sequence) throws Exception;
  }

  public static Latencies.Result run(int clients, int operations, Duration maxTime, Operation op)
      throws Exception {
    Latencies latencies = new Latencies();
    AtomicLong next = new AtomicLong();
    long deadline = System.nanoTime() + maxTime.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> futures = new ArrayList<>();
      latencies.start();
      for (int c = 0; c < clients; c++) {
        futures.add(
            pool.submit(
                () -> {
                  long seq;
                  while ((seq = next.getAndIncrement()) < operations
                      && System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    op.run(seq);
                    latencies.record(System.nanoTime() - t0);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      latencies.stop();
    } finally {
      pool.shutdownNow();
    }
    return latencies.result();
  }
}
