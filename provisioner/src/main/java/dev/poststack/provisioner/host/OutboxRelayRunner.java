package dev.poststack.provisioner.host;

import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs the relay when the apply transaction's NOTIFY on {@value HostEntryOutbox#CHANNEL} arrives
 * (LISTEN on a dedicated connection, outside the pool) and on a periodic poll, which covers a lost
 * LISTEN connection, a failed batch, and a NOTIFY that arrived while another instance held the
 * relay lock. Wake-ups that arrive during a run collapse into one more run.
 */
@Component
class OutboxRelayRunner implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayRunner.class);

  private final OutboxRelay relay;
  private final ConnectionFactory connections;
  private final Duration pollInterval;
  private final Duration pruneInterval;
  private final boolean autoStartup;
  private volatile Disposable running;

  /** Run by one wake-up at a time (concatMap), so plain fields suffice. */
  private long lastPrune;

  private boolean pruned;

  OutboxRelayRunner(
      OutboxRelay relay,
      ConnectionFactory connections,
      @Value("${poststack.provisioner.outbox.poll-interval:1s}") Duration pollInterval,
      @Value("${poststack.provisioner.outbox.prune-interval:1m}") Duration pruneInterval,
      @Value("${poststack.provisioner.outbox.relay:true}") boolean autoStartup) {
    this.relay = relay;
    this.autoStartup = autoStartup;
    this.connections = connections;
    this.pollInterval = pollInterval;
    this.pruneInterval = pruneInterval;
  }

  @Override
  public void start() {
    running =
        Flux.merge(notifications(), Flux.interval(Duration.ZERO, pollInterval))
            .onBackpressureLatest()
            .concatMap(wakeup -> runOnce(), 1)
            .subscribe();
  }

  private Mono<Integer> runOnce() {
    return relay
        .drain()
        .flatMap(
            published ->
                pruneDue() ? relay.prunePublished().thenReturn(published) : Mono.just(published))
        .onErrorResume(
            failure -> {
              // the batch rolled back and stays unpublished; the next wake-up retries it
              LOG.warn(
                  "host-entry relay failed, retrying on the next wake-up: {}", failure.toString());
              return Mono.just(0);
            });
  }

  /** Pruning rows a day old is housekeeping: once per prune interval, not after every wake-up. */
  private boolean pruneDue() {
    long now = System.nanoTime();
    if (pruned && now - lastPrune < pruneInterval.toNanos()) {
      return false;
    }
    pruned = true;
    lastPrune = now;
    return true;
  }

  private Flux<Object> notifications() {
    return Listen.on(connections, HostEntryOutbox.CHANNEL)
        .map(notification -> (Object) notification);
  }

  /**
   * False for a replay's context ({@code poststack.provisioner.outbox.relay=false}): a scratch
   * database's outbox must never reach the live host-entries topic.
   */
  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public void stop() {
    Disposable r = running;
    if (r != null) {
      r.dispose();
    }
    running = null;
  }

  @Override
  public boolean isRunning() {
    return running != null && !running.isDisposed();
  }
}
