package dev.poststack.provisioner.host;

import dev.poststack.schemas.Channels;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Runs {@link HostEntriesRepair} when an operator asks ({@code bin/poststack admin hosts repair}):
 * a NOTIFY on {@value Channels#HOST_REPAIR} with {@code <request id> missing|all}, answered with a
 * NOTIFY on {@value Channels#HOST_REPAIR_DONE}. The repair itself stays the provisioner's, as the
 * outbox is its table; requests run one at a time, and anything malformed is ignored.
 */
@Component
class RepairRequests implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(RepairRequests.class);
  private static final Pattern REQUEST = Pattern.compile("([A-Za-z0-9_-]{1,64}) (missing|all)");

  private final HostEntriesRepair repair;
  private final ConnectionFactory connections;
  private final DatabaseClient db;
  private volatile Disposable running;

  /** One parsed request. */
  record Request(String id, boolean all) {
    static Optional<Request> parse(String payload) {
      Matcher m = REQUEST.matcher(payload == null ? "" : payload);
      return m.matches()
          ? Optional.of(new Request(m.group(1), m.group(2).equals("all")))
          : Optional.empty();
    }
  }

  RepairRequests(HostEntriesRepair repair, ConnectionFactory connections, DatabaseClient db) {
    this.repair = repair;
    this.connections = connections;
    this.db = db;
  }

  @Override
  public void start() {
    running =
        Listen.on(connections, Channels.HOST_REPAIR)
            .map(n -> Request.parse(n.getParameter()))
            .filter(Optional::isPresent)
            .map(Optional::get)
            .concatMap(this::serve, 1)
            .subscribe();
  }

  private Mono<Void> serve(Request request) {
    return repair
        .enqueue(request.all())
        .map(enqueued -> request.id() + " " + enqueued)
        .onErrorResume(
            failure -> {
              LOG.warn("host-entry repair {} failed: {}", request.id(), failure.toString());
              return Mono.just(request.id() + " failed");
            })
        .flatMap(
            answer ->
                db.sql("select pg_notify(:channel, :answer)")
                    .bind("channel", Channels.HOST_REPAIR_DONE)
                    .bind("answer", answer)
                    .then());
  }

  @Override
  public void stop() {
    Disposable r = running;
    if (r != null) {
      r.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    Disposable r = running;
    return r != null && !r.isDisposed();
  }
}
