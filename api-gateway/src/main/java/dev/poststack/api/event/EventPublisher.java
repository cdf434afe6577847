package dev.poststack.api.event;

import dev.poststack.api.problem.ApiException;
import dev.poststack.api.work.WorkPool;
import dev.poststack.api.work.WorkPools;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
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
  private static final int CHUNK = 500;
  private final EventCodec codec = new EventCodec();

  public EventPublisher(KafkaTemplate<String, byte[]> kafka, WorkPools work) {
    this.kafka = kafka;
    this.publishing = work.publishing();
  }

  /**
   * Appends events (many: a bulk import), a chunk of up to {@value #CHUNK} per task on the publish
   * pool: every record of a chunk is handed to the producer before the first acknowledgement is
   * awaited, so the producer batches them instead of paying one round trip each. Completes when all
   * are acknowledged; fails like {@link #publish} when any is not (some may then be in the log: the
   * caller must be able to run again).
   */
  public Mono<Void> publishAll(List<? extends SpecificRecord> events) {
    if (events.isEmpty()) {
      return Mono.empty();
    }
    // send() may block on metadata while the broker is away, and a slow broker holds each publish
    // until its ack: both on the publish pool, in the team's own line, bounded by its time-out
    long team = Events.envelope(events.get(0)).getTeamId();
    // the broker's own answer comes a second before the pool's time-out, so a broker that does not
    // acknowledge is answered as what it is (503, the event log is unavailable), not as a slow pool
    long waitMillis = Math.max(1_000, publishing.limits().timeout().toMillis() - 1_000);
    String what =
        events.size() == 1 ? events.get(0).getClass().getSimpleName() : events.size() + " events";
    List<List<? extends SpecificRecord>> chunks = new ArrayList<>();
    for (int i = 0; i < events.size(); i += CHUNK) {
      chunks.add(events.subList(i, Math.min(events.size(), i + CHUNK)));
    }
    return Flux.fromIterable(chunks)
        .concatMap(
            chunk ->
                publishing.run(
                    team,
                    () -> {
                      List<CompletableFuture<?>> sent = new ArrayList<>(chunk.size());
                      for (SpecificRecord event : chunk) {
                        sent.add(
                            kafka.send(
                                Topics.MAILBOX_EVENTS.name(),
                                Events.partitionKey(event),
                                codec.encode(event)));
                      }
                      long deadline = System.nanoTime() + waitMillis * 1_000_000;
                      try {
                        for (CompletableFuture<?> f : sent) {
                          f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        }
                      } catch (TimeoutException e) {
                        throw ApiException.unavailable(
                            "the event log did not acknowledge the event"
                                + (chunk.size() == 1 ? "" : "s")
                                + " in time; retry");
                      } catch (ExecutionException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                      }
                      return chunk.size();
                    }))
        .doOnError(
            e -> !(e instanceof ApiException), e -> log.error("publishing {} failed", what, e))
        .onErrorMap(
            e -> !(e instanceof ApiException),
            e -> ApiException.unavailable("the event log is unavailable; retry"))
        .then();
  }

  /** One event: {@link #publishAll} of one, its own task in the team's line of the pool. */
  public Mono<Void> publish(SpecificRecord event) {
    return publishAll(List.of(event));
  }
}
