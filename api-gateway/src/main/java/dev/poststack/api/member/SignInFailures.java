package dev.poststack.api.member;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed sign-ins per address within a sliding window. Guessing from many client addresses at one
 * member's address is stopped here; guessing from one client address at many is stopped by the
 * API's per-address budget for requests without a working credential. Pure: the caller passes the
 * time. Per instance, like the address budgets; bounded to {@code maxAddresses}, forgetting the
 * oldest.
 */
final class SignInFailures {
  private final int allowed;
  private final long windowNanos;
  private final int maxAddresses;
  private final Map<String, Deque<Long>> failures;

  SignInFailures(int allowed, Duration window, int maxAddresses) {
    this.allowed = allowed;
    this.windowNanos = window.toNanos();
    this.maxAddresses = maxAddresses;
    this.failures =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > SignInFailures.this.maxAddresses;
          }
        };
  }

  /** Seconds until this address may try again, or 0 when it may now. */
  synchronized long retryAfterSeconds(String email, long nowNanos) {
    Deque<Long> times = failures.get(email);
    if (times == null) {
      return 0;
    }
    prune(times, nowNanos);
    if (times.size() < allowed) {
      return 0;
    }
    long waitNanos = times.peekFirst() + windowNanos - nowNanos;
    return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
  }

  synchronized void failed(String email, long nowNanos) {
    Deque<Long> times = failures.computeIfAbsent(email, e -> new ArrayDeque<>());
    prune(times, nowNanos);
    times.addLast(nowNanos);
    while (times.size() > allowed) {
      times.removeFirst();
    }
  }

  synchronized void succeeded(String email) {
    failures.remove(email);
  }

  private void prune(Deque<Long> times, long nowNanos) {
    while (!times.isEmpty() && nowNanos - times.peekFirst() >= windowNanos) {
      times.removeFirst();
    }
  }
}
