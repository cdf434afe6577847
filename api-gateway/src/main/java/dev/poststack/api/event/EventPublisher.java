package dev.poststack.api.event;

import dev.poststack.api.problem.ApiException;
import dev.poststack.api.work.WorkPool;
import dev.poststack.api.work.WorkPools;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Appends an event to the log of record, keyed by domain id so one domain's changes apply in order.
 * Completes when the broker acknowledged it (acks=all, idempotent producer, linger 0).
 */
@Component
public class EventPublisher {
  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
  private final KafkaTemplate<String, byte[]> kafka;
  private final WorkPool publishing;
  private final EventCodec codec = new EventCodec();

  public EventPublisher(KafkaTemplate<String, byte[]> kafka, WorkPools work) {
    this.kafka = kafka;
    this.publishing = work.publishing();
  }

  public Mono<Void> publish(SpecificRecord event) {
    // send() may block on metadata while the broker is away, and a slow broker holds each publish
    // until its ack: both on the publish pool, in the team's own line, bounded by its time-out
    long team = Events.envelope(event).getTeamId();
    // the broker's own answer comes a second before the pool's time-out, so a broker that does not
    // acknowledge is answered as what it is (503, the event log is unavailable), not as a slow pool
    long waitMillis = Math.max(1_000, publishing.limits().timeout().toMillis() - 1_000);
    return publishing
        .run(
            team,
            () -> {
              try {
                return kafka
                    .send(
                        Topics.MAILBOX_EVENTS.name(),
                        Events.partitionKey(event),
                        codec.encode(event))
                    .get(waitMillis, TimeUnit.MILLISECONDS);
              } catch (TimeoutException e) {
                throw ApiException.unavailable(
                    "the event log did not acknowledge the event in time; retry");
              } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
              }
            })
        .doOnError(
            e -> !(e instanceof ApiException),
            e -> log.error("publishing {} failed", event.getClass().getSimpleName(), e))
        .onErrorMap(
            e -> !(e instanceof ApiException),
            e -> ApiException.unavailable("the event log is unavailable; retry"))
        .then();
  }
}
