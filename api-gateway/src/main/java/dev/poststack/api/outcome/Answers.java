package dev.poststack.api.outcome;

import dev.poststack.api.http.ApiResponse;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/** Turns an outcome into the answer: applied → read back; rejected → its error; late → 202. */
final class Answers {
  private Answers() {}

  static Mono<ApiResponse> of(
      Outcome outcome,
      Supplier<Mono<ApiResponse>> applied,
      Function<PendingOperation, Object> pendingBody) {
    if (outcome instanceof Outcome.Applied) {
      return applied.get();
    }
    if (outcome instanceof Outcome.Rejected rejected) {
      return Mono.error(Rejections.toException(rejected));
    }
    return Mono.just(
        ApiResponse.accepted(pendingBody.apply(PendingOperation.of(outcome.eventId()))));
  }
}
