package dev.poststack.api.platform;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * LISTENs on one PostgreSQL channel over a dedicated connection (a pooled one would be handed to
 * other work and its LISTEN lost), reconnecting forever with backoff. What a listener may have
 * missed while the connection was down it learns from {@code onConnected}, called after every
 * (re)connect once the LISTEN holds, and {@code onDisconnected}, called as soon as it is lost.
 */
public final class PostgresNotifications {
  private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);

  /** What a listener is told. */
  public interface Listener {
    void connected();

    void disconnected();

    void notified(String payload);
  }

  private final ConnectionFactory factory;
  private final String channel;
  private final Listener listener;
  private volatile Disposable subscription;
  private volatile boolean connected;

  /**
   * @param channel a PostgreSQL identifier chosen by us (it is written into the LISTEN statement)
   */
  public PostgresNotifications(R2dbcProperties properties, String channel, Listener listener) {
    if (!channel.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a channel name: " + channel);
    }
    this.factory = ConnectionFactories.get(dedicatedOptions(properties));
    this.channel = channel;
    this.listener = listener;
  }

  /** The pool's URL without the pool: this connection is never handed out. */
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
                                "{} LISTEN connection lost, reconnecting: {}",
                                channel,
                                s.failure().toString())))
            .subscribe(listener::notified);
  }

  private Flux<String> listenOnce() {
    return Mono.from(factory.create())
        .cast(PostgresqlConnection.class)
        .flatMapMany(
            conn ->
                conn.createStatement("LISTEN " + channel)
                    .execute()
                    .flatMap(PostgresqlResult::getRowsUpdated)
                    .thenMany(
                        Flux.defer(
                            () -> {
                              connected = true;
                              listener.connected();
                              return conn.getNotifications();
                            }))
                    .map(n -> n.getParameter() == null ? "" : n.getParameter())
                    .doFinally(
                        signal -> {
                          connected = false;
                          listener.disconnected();
                          Mono.from(conn.close()).onErrorResume(e -> Mono.empty()).subscribe();
                        }));
  }

  public boolean isConnected() {
    return connected;
  }

  public void stop() {
    Disposable s = subscription;
    if (s != null) {
      s.dispose();
    }
    subscription = null;
  }

  public boolean isRunning() {
    Disposable s = subscription;
    return s != null && !s.isDisposed();
  }
}
