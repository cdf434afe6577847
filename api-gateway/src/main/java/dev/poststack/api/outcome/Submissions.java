package dev.poststack.api.outcome;

import dev.poststack.api.event.EventPublisher;
import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.schemas.Events;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes an event and waits for what the provisioner made of it: woken by NOTIFY, with a slow
 * poll of the audit log as a safety net (a missed notification costs one poll interval, not a wrong
 * answer). After {@code poststack.outcome-timeout} the outcome is Pending: a 202, never a lie.
 */
@Component
public class Submissions {
  private final EventPublisher publisher;
  private final OutcomeWaiters waiters;
  private final OutcomeStore outcomes;
  private final Duration timeout;
  private final Duration pollInterval;

  public Submissions(
      EventPublisher publisher,
      OutcomeWaiters waiters,
      OutcomeStore outcomes,
      ApiProperties properties) {
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
            waiter -> publisher.publish(event).then(await(eventId, waiter)),
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
   * Publishes, waits, and answers: applied → {@code applied} (a read-back, or a fixed body);
   * rejected → its error; late → 202 with {@code pendingBody}.
   */
  public Mono<ApiResponse> answer(
      SpecificRecord event,
      Supplier<Mono<ApiResponse>> applied,
      Function<PendingOperation, Object> pendingBody) {
    return submit(event).flatMap(outcome -> Answers.of(outcome, applied, pendingBody));
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
