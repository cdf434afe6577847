package dev.poststack.api.platform;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs every {@link Purge} a minute after start (sooner if the interval is shorter) and then every
 * {@code poststack.housekeeping-interval} (1 h); every instance may run them, each is idempotent. A
 * failed purge is logged and tried again at the next tick.
 */
@Component
class Purges implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(Purges.class);
  private final List<Purge> purges;
  private final Duration interval;
  private volatile Disposable task;

  Purges(List<Purge> purges, ApiProperties properties) {
    this.purges = List.copyOf(purges);
    this.interval = properties.housekeepingInterval();
  }

  @Override
  public void start() {
    Duration first =
        interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1);
    task =
        Flux.interval(first, interval)
            .concatMap(tick -> Flux.fromIterable(purges).concatMap(this::run))
            .subscribe();
  }

  private Mono<Long> run(Purge purge) {
    return purge
        .purge()
        .onErrorResume(
            e -> {
              log.warn("{} purge failed: {}", purge.name(), e.toString());
              return Mono.empty();
            });
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
