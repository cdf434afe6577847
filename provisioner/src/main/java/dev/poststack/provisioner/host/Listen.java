package dev.poststack.provisioner.host;

import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A LISTEN on a dedicated connection, outside the pool (a pooled one would be handed to other work
 * and its LISTEN lost), re-established with backoff whenever it is lost.
 */
final class Listen {
  private static final Logger LOG = LoggerFactory.getLogger(Listen.class);

  private Listen() {}

  static Flux<Notification> on(ConnectionFactory connections, String channel) {
    return Flux.usingWhen(
            Mono.from(direct(connections).create()), c -> listen(c, channel), Connection::close)
        .doOnError(
            failure -> LOG.warn("LISTEN {} lost, reconnecting: {}", channel, failure.toString()))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
        .repeatWhen(completed -> completed.delayElements(Duration.ofSeconds(1)));
  }

  private static Flux<Notification> listen(Connection connection, String channel) {
    PostgresqlConnection pg = (PostgresqlConnection) connection;
    return pg.createStatement("LISTEN " + channel)
        .execute()
        .flatMap(result -> result.getRowsUpdated())
        .thenMany(pg.getNotifications());
  }

  /** The pool's own factory: a LISTEN connection must not go back to the pool. */
  private static ConnectionFactory direct(ConnectionFactory factory) {
    ConnectionFactory f = factory;
    while (f instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
      f = inner;
    }
    return f;
  }
}
