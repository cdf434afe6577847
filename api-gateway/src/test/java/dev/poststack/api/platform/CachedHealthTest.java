package dev.poststack.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

class CachedHealthTest {
  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final AtomicInteger realChecks = new AtomicInteger();
  private final List<Sinks.One<Health>> pending = new ArrayList<>();

  @AfterEach
  void tearDown() {
    clock.dispose();
  }

  /** A check that answers only when the test says so, like a slow database. */
  private Mono<Health> slowCheck() {
    Sinks.One<Health> answer = Sinks.one();
    pending.add(answer);
    return answer.asMono();
  }

  @Test
  void callersDuringACheckShareItAndCallersAfterItReuseItsAnswerUntilTheTtlEnds() {
    CachedHealth health =
        new CachedHealth(
            this::slowCheck, Duration.ofSeconds(2), realChecks::incrementAndGet, clock);

    List<Health> answers = new ArrayList<>();
    List<Disposable> callers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      callers.add(health.health().subscribe(answers::add));
    }
    assertThat(realChecks).hasValue(1);

    pending.get(0).tryEmitValue(Health.up().build());
    assertThat(answers).hasSize(50).allMatch(h -> h.getStatus().equals(Status.UP));

    clock.advanceTimeBy(Duration.ofMillis(1900));
    for (int i = 0; i < 50; i++) {
      health.health().subscribe(answers::add);
    }
    assertThat(realChecks).hasValue(1);
    assertThat(answers).hasSize(100);

    clock.advanceTimeBy(Duration.ofMillis(200));
    health.health().subscribe(answers::add);
    health.health().subscribe(answers::add);
    assertThat(realChecks).hasValue(2);
    callers.forEach(Disposable::dispose);
  }

  @Test
  void aDownAnswerIsCachedToo() {
    CachedHealth health =
        new CachedHealth(
            () -> Mono.just(Health.down().build()),
            Duration.ofSeconds(2),
            realChecks::incrementAndGet,
            clock);

    for (int i = 0; i < 10; i++) {
      assertThat(health.health().block().getStatus()).isEqualTo(Status.DOWN);
    }
    assertThat(realChecks).hasValue(1);
  }
}
