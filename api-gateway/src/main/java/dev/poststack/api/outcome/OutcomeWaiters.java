package dev.poststack.api.outcome;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Requests of this instance waiting for an outcome, keyed by event id. A waiter is registered
 * before its event is published, so a notification can never arrive too early to be seen.
 */
@Component
class OutcomeWaiters {
  private final ConcurrentHashMap<UUID, Waiter> waiters = new ConcurrentHashMap<>();

  public Waiter register(UUID eventId) {
    Waiter waiter = new Waiter(eventId, Sinks.many().replay().latest());
    waiters.put(eventId, waiter);
    return waiter;
  }

  /** The outcome of this event is in the audit log: look now. */
  void signal(UUID eventId) {
    Waiter waiter = waiters.get(eventId);
    if (waiter != null) {
      waiter.poke();
    }
  }

  /** After a reconnect notifications may have been missed: everyone looks once. */
  void signalAll() {
    waiters.values().forEach(Waiter::poke);
  }

  int size() {
    return waiters.size();
  }

  public final class Waiter implements AutoCloseable {
    private final UUID eventId;
    private final Sinks.Many<Boolean> sink;

    private Waiter(UUID eventId, Sinks.Many<Boolean> sink) {
      this.eventId = eventId;
      this.sink = sink;
    }

    public Flux<Boolean> signals() {
      return sink.asFlux();
    }

    private synchronized void poke() {
      sink.tryEmitNext(Boolean.TRUE);
    }

    @Override
    public void close() {
      waiters.remove(eventId, this);
    }
  }
}
