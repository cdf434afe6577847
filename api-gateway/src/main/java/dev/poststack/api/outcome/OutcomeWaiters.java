package dev.poststack.api.outcome;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

  /**
   * Many events awaited together (a bulk import): one signal stream for all of them, so a burst of
   * notifications becomes a few looks at the audit log, not one per event.
   */
  public Group registerAll(Collection<UUID> eventIds) {
    Sinks.Many<Boolean> sink = Sinks.many().replay().latest();
    List<Waiter> members = new ArrayList<>(eventIds.size());
    for (UUID id : eventIds) {
      Waiter waiter = new Waiter(id, sink);
      waiters.put(id, waiter);
      members.add(waiter);
    }
    return new Group(sink, members);
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

    private void poke() {
      synchronized (sink) { // a group's waiters share one sink
        sink.tryEmitNext(Boolean.TRUE);
      }
    }

    @Override
    public void close() {
      waiters.remove(eventId, this);
    }
  }

  /** Waiters registered together; closing the group closes each. */
  public static final class Group implements AutoCloseable {
    private final Sinks.Many<Boolean> sink;
    private final List<Waiter> members;

    private Group(Sinks.Many<Boolean> sink, List<Waiter> members) {
      this.sink = sink;
      this.members = members;
    }

    public Flux<Boolean> signals() {
      return sink.asFlux();
    }

    @Override
    public void close() {
      members.forEach(Waiter::close);
    }
  }
}
