package dev.poststack.bench.isolation;

import dev.poststack.bench.pipeline.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One team's clients sending the same kind of request back to back until stopped, as a misbehaving
 * integration does; a 503 is honoured for its Retry-After, as the official SDK's retry does. Counts
 * the answers by status.
 */
final class Flood implements AutoCloseable {
  @FunctionalInterface
  interface Request {
    ApiClient.Answer send(long sequence) throws Exception;
  }

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final List<Thread> clients = new ArrayList<>();
  private final long startNanos = System.nanoTime();
  private long stopNanos;

  Flood(int clientCount, String name, Request request) {
    this(clientCount, 0, name, request);
  }

  /** {@code perSecond} > 0: all clients together send at most that many requests per second. */
  Flood(int clientCount, double perSecond, String name, Request request) {
    long intervalNanos = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
    AtomicLong nextSlot = new AtomicLong(System.nanoTime());
    for (int i = 0; i < clientCount; i++) {
      Thread t =
          new Thread(
              () -> {
                while (running.get()) {
                  try {
                    if (intervalNanos > 0) {
                      long slot = nextSlot.getAndAdd(intervalNanos);
                      long wait = slot - System.nanoTime();
                      if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                      }
                    }
                    ApiClient.Answer answer = request.send(sequence.getAndIncrement());
                    statuses.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
                    if (answer.status() == 503 && answer.retryAfterSeconds() > 0) {
                      Thread.sleep(answer.retryAfterSeconds() * 1000);
                    }
                  } catch (InterruptedException e) {
                    return;
                  } catch (Exception e) {
                    statuses.computeIfAbsent(-1, s -> new LongAdder()).increment();
                  }
                }
              },
              name + "-" + i);
      t.setDaemon(true);
      clients.add(t);
      t.start();
    }
  }

  long answered() {
    return statuses.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** "201×120 (15/s), 503×40": answers by status while it ran (-1: no answer, an I/O error). */
  String summary() {
    double seconds = ((stopNanos == 0 ? System.nanoTime() : stopNanos) - startNanos) / 1e9;
    StringBuilder out = new StringBuilder();
    new TreeMap<>(statuses)
        .forEach(
            (status, n) -> {
              if (out.length() > 0) {
                out.append(", ");
              }
              out.append(status).append('×').append(n.sum());
              out.append(String.format(" (%.0f/s)", n.sum() / seconds));
            });
    return out.toString();
  }

  /** Stops sending and waits for the requests in flight (a hung lookup ends at its time-out). */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    stopNanos = System.nanoTime();
    for (Thread t : clients) {
      t.join(60_000);
    }
  }
}
