package dev.poststack.api.outcome;

import dev.poststack.schemas.Channels;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * LISTENs on {@code poststack_outcome} over one dedicated connection (a pooled one would be handed
 * to other work and its LISTEN lost) and wakes the matching waiter. The provisioner NOTIFYs inside
 * its transaction, so the signal arrives only after the audit row is committed and readable.
 * Reconnects forever with backoff; after each (re)connect every waiter re-checks once.
 */
@Component
class OutcomeListener implements SmartLifecycle {
  static final String CHANNEL = Channels.OUTCOME;
  private static final Logger log = LoggerFactory.getLogger(OutcomeListener.class);

  private final ConnectionFactory factory;
  private final OutcomeWaiters waiters;
  private volatile Disposable subscription;
  private volatile boolean connected;

  public OutcomeListener(R2dbcProperties properties, OutcomeWaiters waiters) {
    this.factory = ConnectionFactories.get(dedicatedOptions(properties));
    this.waiters = waiters;
  }

  private static ConnectionFactoryOptions dedicatedOptions(R2dbcProperties p) {
    var options =
        ConnectionFactoryOptions.parse(p.getUrl().replace("r2dbc:pool:", "r2dbc:")).mutate();
    if (p.getUsername() != null) {
      options.option(ConnectionFactoryOptions.USER, p.getUsername());
    }
    if (p.getPassword() != null) {
      options.option(ConnectionFactoryOptions.PASSWORD, p.getPassword());
    }
    return options.build();
  }

  @Override
  public void start() {
    subscription =
        Flux.defer(this::listenOnce)
            .repeat()
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                    .maxBackoff(Duration.ofSeconds(5))
                    .doBeforeRetry(
                        s ->
                            log.warn(
                                "outcome LISTEN connection lost, reconnecting: {}",
                                s.failure().toString())))
            .subscribe(this::dispatch);
  }

  private Flux<String> listenOnce() {
    return Mono.from(factory.create())
        .cast(PostgresqlConnection.class)
        .flatMapMany(
            conn ->
                conn.createStatement("LISTEN " + CHANNEL)
                    .execute()
                    .flatMap(PostgresqlResult::getRowsUpdated)
                    .thenMany(
                        Flux.defer(
                            () -> {
                              connected = true;
                              waiters.signalAll();
                              return conn.getNotifications();
                            }))
                    .map(n -> n.getParameter() == null ? "" : n.getParameter())
                    .doFinally(
                        signal -> {
                          connected = false;
                          Mono.from(conn.close()).onErrorResume(e -> Mono.empty()).subscribe();
                        }));
  }

  private void dispatch(String payload) {
    try {
      waiters.signal(UUID.fromString(payload.trim()));
    } catch (IllegalArgumentException e) {
      log.warn("ignoring a {} notification that is not an event id", CHANNEL);
    }
  }

  public boolean isConnected() {
    return connected;
  }

  @Override
  public void stop() {
    Disposable s = subscription;
    if (s != null) {
      s.dispose();
    }
    subscription = null;
  }

  @Override
  public boolean isRunning() {
    return subscription != null && !subscription.isDisposed();
  }
}
