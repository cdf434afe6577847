package dev.poststack.api.outcome;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.event.EventPublisher;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.schemas.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes an event and waits for what the provisioner made of it: woken by NOTIFY, with a slow
 * poll of the audit log as a safety net (a missed notification costs one poll interval, not a wrong
 * answer). After {@code poststack.outcome-timeout} the outcome is Pending: a 202, never a lie.
 */
@Component
public class Submissions implements EventResumer {
  private final EventPublisher publisher;
  private final OutcomeWaiters waiters;
  private final OutcomeStore outcomes;
  private final Duration timeout;
  private final Duration pollInterval;
  // looked up when a retry resumes, not at construction: the services that answer also submit
  private final ObjectProvider<AppliedAnswer> appliedAnswers;

  public Submissions(
      EventPublisher publisher,
      OutcomeWaiters waiters,
      OutcomeStore outcomes,
      ApiProperties properties,
      ObjectProvider<AppliedAnswer> appliedAnswers) {
    this.appliedAnswers = appliedAnswers;
    this.publisher = publisher;
    this.waiters = waiters;
    this.outcomes = outcomes;
    this.timeout = properties.outcomeTimeout();
    this.pollInterval = properties.outcomePollInterval();
  }

  public Mono<Outcome> submit(SpecificRecord event) {
    UUID eventId = Events.envelope(event).getEventId();
    long teamId = Events.envelope(event).getTeamId();
    return Mono.using(
            () -> waiters.register(eventId),
            waiter -> recorded(event).then(publisher.publish(event)).then(await(eventId, waiter)),
            OutcomeWaiters.Waiter::close)
        .flatMap(
            outcome ->
                outcome instanceof Outcome.Pending
                    ? outcomes
                        .rememberPending(teamId, Events.domainId(event), eventId)
                        .thenReturn(outcome)
                    : Mono.just(outcome));
  }

  /**
   * Publishes many events (a bulk import) and waits up to {@code wait} for their outcomes, looking
   * at the audit log for all still undecided at once whenever notifications arrive (or every poll
   * interval). Events still undecided then are {@link Outcome.Pending}, kept as pending operations
   * like a late single write. No event is recorded for an Idempotency-Key replay: a bulk caller
   * runs again and its rows are found applied.
   */
  public Mono<Map<UUID, Outcome>> submitAll(List<? extends SpecificRecord> events, Duration wait) {
    if (events.isEmpty()) {
      return Mono.just(Map.of());
    }
    List<UUID> ids = events.stream().map(e -> Events.envelope(e).getEventId()).toList();
    Map<UUID, Outcome> decided = new ConcurrentHashMap<>();
    return Mono.using(
            () -> waiters.registerAll(ids),
            group ->
                publisher
                    .publishAll(events)
                    .then(
                        Flux.merge(
                                group.signals(),
                                Flux.interval(pollInterval, pollInterval).map(t -> true))
                            .onBackpressureLatest()
                            .concatMap(
                                t ->
                                    outcomes
                                        .findAll(
                                            ids.stream()
                                                .filter(id -> !decided.containsKey(id))
                                                .toList())
                                        .doOnNext(o -> decided.put(o.eventId(), o))
                                        .then(Mono.just(decided.size())),
                                1)
                            .takeUntil(n -> n == ids.size())
                            .then()
                            .timeout(wait, Mono.empty())),
            OutcomeWaiters.Group::close)
        .then(
            Mono.defer(
                () -> {
                  Map<UUID, Outcome> all = new LinkedHashMap<>();
                  List<Long> pendingDomains = new ArrayList<>();
                  List<UUID> pendingIds = new ArrayList<>();
                  for (SpecificRecord event : events) {
                    UUID id = Events.envelope(event).getEventId();
                    Outcome outcome = decided.get(id);
                    if (outcome == null) {
                      outcome = new Outcome.Pending(id);
                      pendingIds.add(id);
                      pendingDomains.add(Events.domainId(event));
                    }
                    all.put(id, outcome);
                  }
                  long team = Events.envelope(events.get(0)).getTeamId();
                  return outcomes
                      .rememberPendingAll(team, pendingDomains, pendingIds)
                      .thenReturn(all);
                }));
  }

  /**
   * Publishes, waits, and answers: applied → {@code applied} (a read-back, or a fixed body);
   * rejected → its error; late → 202 with {@code pendingBody}.
   */
  public Mono<ApiResponse> answer(
      SpecificRecord event,
      Supplier<Mono<ApiResponse>> applied,
      Function<PendingOperation, Object> pendingBody) {
    return submit(event).flatMap(outcome -> Answers.of(outcome, applied, pendingBody));
  }

  /**
   * Publishes again an event an earlier attempt of the same request recorded (its publish was
   * uncertain) and answers as that attempt would have: the provisioner applies an event id at most
   * once, so this either applies it now or finds its outcome. Late → 202 with the operation.
   */
  @Override
  public Mono<ApiResponse> resume(SpecificRecord event, Caller caller, String path) {
    return answer(
        event,
        () ->
            appliedAnswers
                .orderedStream()
                .map(answers -> answers.of(caller, event, path))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "no answer for " + event.getClass().getSimpleName() + " at " + path)),
        op -> Map.of("operation", op));
  }

  /** Keeps the event first where the request runs under an Idempotency-Key. */
  private static Mono<Void> recorded(SpecificRecord event) {
    return Mono.deferContextual(
        context ->
            context
                .<EventJournal>getOrEmpty(EventJournal.class)
                .map(journal -> journal.record(event))
                .orElse(Mono.empty()));
  }

  private Mono<Outcome> await(UUID eventId, OutcomeWaiters.Waiter waiter) {
    Flux<Object> triggers =
        Flux.merge(
            waiter.signals(), Flux.interval(pollInterval, pollInterval).onBackpressureDrop());
    return triggers
        .concatMap(t -> outcomes.find(eventId), 1)
        .next()
        .timeout(timeout, Mono.fromSupplier(() -> new Outcome.Pending(eventId)));
  }
}
