package dev.poststack.api.outcome;

import org.apache.avro.specific.SpecificRecord;
import reactor.core.publisher.Mono;

/**
 * Where a write that runs under an Idempotency-Key keeps the event it is about to publish, found in
 * the Reactor context under this interface. {@link Submissions} records the event before publishing
 * it, so a retry after an uncertain publish (no acknowledgement, a crash) publishes that same event
 * again, which the provisioner applies at most once, instead of a new event that would fail against
 * the first one's effect.
 */
public interface EventJournal {
  /**
   * Completes once the event is kept; fails when the request no longer holds its claim, so it does
   * not publish at all.
   */
  Mono<Void> record(SpecificRecord event);
}
