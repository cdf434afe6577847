package dev.poststack.api.webhook.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The dispatcher's threads in this API instance: one per topic source, one polling {@code
 * usage_notice}, one claiming due deliveries for the sender pool. All state is in PostgreSQL (and
 * the consumer groups' offsets), so {@link #stop} at any moment and {@link #start} again (here or
 * in another instance) loses nothing; a send cut off mid-way is tried again when its lease ends.
 */
public final class Dispatcher implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** What one start builds: fresh sources, sender and pool. */
  record Parts(
      List<TopicSource> sources,
      UsageNotices notices,
      Sender sender,
      ExecutorService pool,
      Wakeup wakeup) {}

  private final Supplier<Parts> parts;
  private final Duration pollInterval;
  private volatile boolean running;
  private Parts current;
  private final List<Thread> threads = new ArrayList<>();

  Dispatcher(Supplier<Parts> parts, Duration pollInterval) {
    this.parts = parts;
    this.pollInterval = pollInterval;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    current = parts.get();
    for (TopicSource source : current.sources()) {
      threads.add(daemon("webhook-source", source));
    }
    Parts p = current;
    threads.add(
        daemon("webhook-sender", () -> loop(() -> p.sender().startDue(), "sender", p.wakeup())));
    threads.add(
        daemon(
            "webhook-usage-notices",
            () -> loop(() -> p.notices().poll(), "usage notices", new Wakeup())));
  }

  private interface Pass {
    int run() throws Exception;
  }

  /** Runs a pass again at once while it finds work, else after the poll interval. */
  private void loop(Pass pass, String what, Wakeup wakeup) {
    while (running) {
      int n = 0;
      try {
        n = pass.run();
      } catch (Exception e) {
        log.warn("webhook {} pass failed: {}", what, e.toString());
      }
      if (n == 0) {
        try {
          wakeup.await(pollInterval);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    current.sources().forEach(TopicSource::stop);
    current.pool().shutdownNow();
    // no interrupts: an interrupted JDBC or Kafka call breaks its connection; the loops see
    // running = false within one poll interval. Sends queued in the pool are dropped: their rows
    // stay claimed until the lease ends and are sent then, as after a crash.
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      current.pool().awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  static ExecutorService pool(int threads) {
    var n = new java.util.concurrent.atomic.AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "webhook-send-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }
}
