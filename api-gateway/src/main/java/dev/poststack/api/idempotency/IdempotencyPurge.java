package dev.poststack.api.idempotency;

import dev.poststack.api.platform.ApiProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Deletes records past their retention hourly; every instance may run it, the delete is idempotent.
 */
@Component
class IdempotencyPurge implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);
  private final IdempotencyStore store;
  private final Duration retention;
  private volatile Disposable task;

  IdempotencyPurge(IdempotencyStore store, ApiProperties properties) {
    this.store = store;
    this.retention = properties.idempotency().retention();
  }

  @Override
  public void start() {
    task =
        Flux.interval(Duration.ofMinutes(1), Duration.ofHours(1))
            .concatMap(
                tick ->
                    store
                        .purgeOlderThan(retention)
                        .onErrorResume(
                            e -> {
                              log.warn("idempotency purge failed: {}", e.toString());
                              return reactor.core.publisher.Mono.empty();
                            }))
            .subscribe();
  }

  @Override
  public void stop() {
    if (task != null) {
      task.dispose();
    }
    task = null;
  }

  @Override
  public boolean isRunning() {
    return task != null;
  }
}
