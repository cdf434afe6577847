package dev.poststack.api.mailbox;

import dev.poststack.api.http.ApiResponse;
import dev.poststack.api.problem.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code poststack.mailbox.create}: the create path's latency histogram, tagged by answer. */
@Component
class CreateLatency {
  private final MeterRegistry registry;

  CreateLatency(MeterRegistry registry) {
    this.registry = registry;
  }

  Mono<ApiResponse> record(Mono<ApiResponse> create) {
    return Mono.defer(
        () -> {
          Timer.Sample sample = Timer.start(registry);
          return create
              .doOnSuccess(
                  answer ->
                      sample.stop(
                          timer(answer == null ? "none" : Integer.toString(answer.status()))))
              .doOnError(e -> sample.stop(timer(e instanceof ApiException a ? a.code() : "error")));
        });
  }

  private Timer timer(String outcome) {
    return Timer.builder("poststack.mailbox.create")
        .description("POST /mailboxes from request to answer, outcome wait included")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry);
  }
}
