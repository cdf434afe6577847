package dev.poststack.api.outcome;

import dev.poststack.api.auth.Caller;
import dev.poststack.api.http.ApiResponse;
import org.apache.avro.specific.SpecificRecord;
import reactor.core.publisher.Mono;

/**
 * Publishes again an event that an earlier attempt of the same request recorded ({@link
 * EventJournal}) and answers as that attempt would have; {@link Submissions} is the one.
 */
public interface EventResumer {
  Mono<ApiResponse> resume(SpecificRecord event, Caller caller, String path);
}
