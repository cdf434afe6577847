package dev.poststack.api.webhook.delivery;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets a source in this instance wake the sender as soon as it has committed new deliveries, so a
 * delivery does not wait out the poll interval; other instances still find it by polling.
 */
final class Wakeup {
  private final Semaphore signal = new Semaphore(0);

  void signal() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  /** Waits for a signal or the timeout; true when signalled. */
  boolean await(Duration timeout) throws InterruptedException {
    boolean woken = signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    signal.drainPermits();
    return woken;
  }
}
