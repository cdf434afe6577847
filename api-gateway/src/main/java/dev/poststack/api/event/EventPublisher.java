package dev.poststack.api.event;

import dev.poststack.api.problem.ApiException;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Appends an event to the log of record, keyed by domain id so one domain's changes apply in order.
 * Completes when the broker acknowledged it (acks=all, idempotent producer, linger 0).
 */
@Component
public class EventPublisher {
  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
  private final KafkaTemplate<String, byte[]> kafka;
  private final EventCodec codec = new EventCodec();

  public EventPublisher(KafkaTemplate<String, byte[]> kafka) {
    this.kafka = kafka;
  }

  public Mono<Void> publish(SpecificRecord event) {
    // send() may block on metadata while the broker is away: keep it off the event loop
    return Mono.fromFuture(
            () ->
                kafka.send(
                    Topics.MAILBOX_EVENTS.name(), Events.partitionKey(event), codec.encode(event)))
        .subscribeOn(Schedulers.boundedElastic())
        .doOnError(e -> log.error("publishing {} failed", event.getClass().getSimpleName(), e))
        .onErrorMap(
            e -> !(e instanceof ApiException),
            e -> ApiException.unavailable("the event log is unavailable; retry"))
        .then();
  }
}
