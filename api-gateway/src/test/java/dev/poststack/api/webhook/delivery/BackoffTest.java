package dev.poststack.api.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

  @Test
  void doublesFromTheInitialDelayUpToTheCapWithJitterInTheUpperHalf() {
    assertThat(backoff.delay(1, () -> 0.999))
        .isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
    assertThat(backoff.delay(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(15));
    assertThat(backoff.delay(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(60));
    assertThat(backoff.delay(30, () -> 0.999)).isLessThanOrEqualTo(Duration.ofHours(1));
    assertThat(backoff.delay(30, () -> 0.0)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void retriesForTheWholeWindowThenGivesUp() {
    Instant created = Instant.parse("2026-01-01T00:00:00Z");
    Instant until = created.plus(Duration.ofHours(25));
    Instant now = created;
    int attempt = 1;
    while (true) {
      var next = backoff.next(attempt, now, until, () -> 0.5);
      if (next.isEmpty()) {
        break;
      }
      now = next.get();
      attempt++;
    }
    // the last try is at least 24 h after the first, and there were not thousands of them
    assertThat(Duration.between(created, now)).isGreaterThanOrEqualTo(Duration.ofHours(24));
    assertThat(attempt).isBetween(20, 60);
  }
}
