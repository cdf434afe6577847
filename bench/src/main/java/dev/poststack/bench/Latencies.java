package dev.poststack.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latency samples of one measured phase, and the wall-clock time they took. */
public final class Latencies {
  private final Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(1), 3);
  private final Histogram total = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
  private long startNanos;
  private long endNanos;

  public void start() {
    startNanos = System.nanoTime();
  }

  public void stop() {
    endNanos = System.nanoTime();
  }

  public void record(long nanos) {
    recorder.recordValue(Math.min(nanos, TimeUnit.MINUTES.toNanos(1)));
  }

  /** Everything recorded so far (calling it again later includes the samples recorded since). */
  public synchronized Result result() {
    total.add(recorder.getIntervalHistogram());
    var h = total;
    double seconds = (endNanos - startNanos) / 1e9;
    return new Result(
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1e6,
        h.getValueAtPercentile(99) / 1e6,
        h.getTotalCount() / seconds);
  }

  /** Count, p50 and p99 in milliseconds, and completed operations per second. */
  public record Result(long count, double p50Ms, double p99Ms, double perSecond) {
    @Override
    public String toString() {
      return String.format("n=%d p50=%.3f ms p99=%.3f ms %.0f/s", count, p50Ms, p99Ms, perSecond);
    }
  }
}
