package dev.poststack.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The resident memory of the dev stack while a load runs: the launcher's JVM (API, provisioner,
 * relay) and its children (the broker's JVM), summed from each process's {@code VmRSS} every 250
 * ms; the peak is what the goal (under 1.5 GiB) is about. PostgreSQL is the machine's shared server
 * and is not counted.
 */
public final class StackMemory implements AutoCloseable {
  private final ProcessHandle stack;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong peakKib = new AtomicLong();

  private StackMemory(ProcessHandle stack) {
    this.stack = stack;
    sampler.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
  }

  /** Starts sampling the process and its descendants until {@link #close}. */
  public static StackMemory watch(ProcessHandle stack) {
    return new StackMemory(stack);
  }

  /** The largest sum seen so far, in MiB. */
  public double peakMib() {
    return peakKib.get() / 1024.0;
  }

  private void sample() {
    long kib =
        Stream.concat(Stream.of(stack), stack.descendants()).mapToLong(p -> rssKib(p.pid())).sum();
    peakKib.accumulateAndGet(kib, Math::max);
  }

  /** {@code VmRSS} of a process in KiB; 0 once it is gone. */
  static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException gone) {
      // the process ended between listing and reading
    }
    return 0;
  }

  @Override
  public void close() {
    sample();
    sampler.shutdownNow();
  }
}
