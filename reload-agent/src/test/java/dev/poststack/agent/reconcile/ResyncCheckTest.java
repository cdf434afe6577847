package dev.poststack.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResyncCheckTest {
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final TopicHorizon TOPIC =
      new TopicHorizon(Duration.ofHours(24), Map.of(0, 0L, 1, 5L), Map.of(0, 100L, 1, 50L));

  @Test
  void aHostThatReadToTheEndWithinTheRetentionCatchesUp() {
    assertThat(
            ResyncCheck.reason(
                Map.of(0, 90L, 1, 50L), Optional.of(NOW.minus(Duration.ofHours(23))), TOPIC, NOW))
        .isEmpty();
  }

  @Test
  void aHostThatLastReadToTheEndLongerAgoThanTheRetentionResyncs() {
    assertThat(
            ResyncCheck.reason(
                Map.of(0, 90L, 1, 50L), Optional.of(NOW.minus(Duration.ofHours(25))), TOPIC, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("delete.retention.ms"));
  }

  @Test
  void aPositionBeforeTheLogsFirstOffsetResyncs() {
    assertThat(ResyncCheck.reason(Map.of(0, 90L, 1, 3L), Optional.of(NOW), TOPIC, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("partition 1", "first offset 5"));
  }

  @Test
  void aPositionPastTheLogsEndMeansTheTopicWasRecreated() {
    assertThat(ResyncCheck.reason(Map.of(0, 101L), Optional.of(NOW), TOPIC, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("re-created"));
  }

  @Test
  void aNewHostIsBuiltFromTheWholeTopicUnlessTheTopicHoldsNothing() {
    assertThat(ResyncCheck.reason(Map.of(), Optional.empty(), TOPIC, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("new host"));
    TopicHorizon empty =
        new TopicHorizon(Duration.ofHours(24), Map.of(0, 7L, 1, 0L), Map.of(0, 7L, 1, 0L));
    assertThat(ResyncCheck.reason(Map.of(), Optional.empty(), empty, NOW)).isEmpty();
  }

  @Test
  void anUnrecordedTimeLeavesThePositionsToDecide() {
    assertThat(ResyncCheck.reason(Map.of(0, 90L, 1, 50L), Optional.empty(), TOPIC, NOW)).isEmpty();
  }

  @Test
  void aRequestIsFollowedOnlyWhenNewAtTheSamePositionsAndTheHashStillDiffers() {
    Map<Integer, Long> at = Map.of(0, 90L, 1, 50L);
    String wrong = "a".repeat(64);
    String expected = "b".repeat(64);
    ResyncRequest request = new ResyncRequest(NOW, at, expected);

    assertThat(ResyncCheck.follows(request, Optional.empty(), at, wrong)).isTrue();
    assertThat(ResyncCheck.follows(request, Optional.of(NOW.minusMillis(1)), at, wrong)).isTrue();
    assertThat(ResyncCheck.follows(request, Optional.of(NOW), at, wrong))
        .as("handled already")
        .isFalse();
    assertThat(ResyncCheck.follows(request, Optional.empty(), Map.of(0, 91L, 1, 50L), wrong))
        .as("moved on: judged again at its next report")
        .isFalse();
    assertThat(ResyncCheck.follows(request, Optional.empty(), at, expected))
        .as("already equal")
        .isFalse();
  }
}
