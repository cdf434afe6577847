package dev.poststack.provisioner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

class RetryPolicyTest {

  @Test
  void attemptsAreDeliveriesInAllSoThereIsOnePauseFewerThanAttempts() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofMillis(1000));
    assertThat(pauses(policy)).containsExactly(200L, 400L, 800L, 1000L);
    assertThat(pauses(new RetryPolicy(1, Duration.ofMillis(200), Duration.ofSeconds(1)))).isEmpty();
  }

  @Test
  void theDefaultsGiveUpAfterAboutHalfAMinute() {
    RetryPolicy defaults = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(30));
    assertThat(pauses(defaults).stream().mapToLong(Long::longValue).sum()).isEqualTo(25_400L);
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Long> pauses(RetryPolicy policy) {
    BackOffExecution execution = policy.backOff().start();
    List<Long> pauses = new ArrayList<>();
    for (long next = execution.nextBackOff();
        next != BackOffExecution.STOP;
        next = execution.nextBackOff()) {
      pauses.add(next);
      if (pauses.size() > 100) {
        break;
      }
    }
    return pauses;
  }
}
