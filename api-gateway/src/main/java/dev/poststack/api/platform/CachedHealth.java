package dev.poststack.api.platform;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A health check run at most once per {@code ttl} however many callers ask: callers during a check
 * share it, callers after it reuse its answer until the ttl ends. /actuator/health is public, so
 * without this every call would take a pool connection and ask the broker.
 */
final class CachedHealth implements ReactiveHealthIndicator, AutoCloseable {
  private final ReactiveHealthIndicator check;
  private final Mono<Health> cached;

  CachedHealth(ReactiveHealthIndicator check, Duration ttl, Runnable onRealCheck) {
    this(check, ttl, onRealCheck, Schedulers.parallel());
  }

  CachedHealth(ReactiveHealthIndicator check, Duration ttl, Runnable onRealCheck, Scheduler clock) {
    this.check = check;
    this.cached =
        Mono.defer(
                () -> {
                  onRealCheck.run();
                  return check.health();
                })
            .cache(ttl, clock);
  }

  @Override
  public Mono<Health> health() {
    return cached;
  }

  @Override
  public void close() throws Exception {
    if (check instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
