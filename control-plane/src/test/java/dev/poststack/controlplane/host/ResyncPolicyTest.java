package dev.poststack.controlplane.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResyncPolicyTest {
  private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private final ResyncPolicy policy = new ResyncPolicy(Duration.ofMinutes(10));

  private static ResyncPolicy.Facts facts(
      boolean removed, boolean atEnd, String reported, Optional<Instant> last) {
    return new ResyncPolicy.Facts(removed, atEnd, reported, A, last);
  }

  @Test
  void asksAHostAtTheEndWhoseHashDiffers() {
    assertThat(policy.shouldAsk(facts(false, true, B, Optional.empty()), NOW)).isTrue();
  }

  @Test
  void neverAsksAHostThatIsBehindOrEqualOrRemoved() {
    assertThat(policy.shouldAsk(facts(false, false, B, Optional.empty()), NOW))
        .as("behind: no cheap expected value for its positions")
        .isFalse();
    assertThat(policy.shouldAsk(facts(false, true, A, Optional.empty()), NOW)).isFalse();
    assertThat(policy.shouldAsk(facts(true, true, B, Optional.empty()), NOW)).isFalse();
  }

  @Test
  void asksAgainOnlyAfterTheInterval() {
    assertThat(policy.shouldAsk(facts(false, true, B, Optional.of(NOW.minusSeconds(599))), NOW))
        .isFalse();
    assertThat(policy.shouldAsk(facts(false, true, B, Optional.of(NOW.minusSeconds(600))), NOW))
        .isTrue();
  }
}
