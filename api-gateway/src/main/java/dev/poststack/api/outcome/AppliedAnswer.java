package dev.poststack.api.outcome;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.ApiResponse;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import reactor.core.publisher.Mono;

/**
 * The answer to a write whose event is applied, for a retry that resumed the event an earlier
 * attempt of the same request published (see {@link EventJournal}): the same answer the first
 * attempt gives when its outcome arrives in time. One per package that publishes events.
 */
public interface AppliedAnswer {
  /**
   * Empty when {@code event} is not one of this package's; {@code path} tells apart two requests
   * that publish one kind of event (a domain's verify and its PATCH).
   */
  Optional<Mono<ApiResponse>> of(Caller caller, SpecificRecord event, String path);
}
