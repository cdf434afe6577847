package dev.poststack.controlplane.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class HostClassifierTest {
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final HostThresholds T =
      new HostThresholds(Duration.ofSeconds(60), Duration.ofSeconds(180));
  private final HostClassifier classifier = new HostClassifier(T);

  private static HostClassifier.Facts facts(
      boolean removed, long silentFor, long stillFor, long lag, Long oldestAge) {
    return new HostClassifier.Facts(
        removed,
        NOW.minusSeconds(silentFor),
        NOW.minusSeconds(stillFor),
        lag,
        Optional.ofNullable(oldestAge).map(NOW::minusSeconds));
  }

  @Test
  void aReportingHostThatReadEverythingIsInSync() {
    assertThat(classifier.classify(facts(false, 5, 3600, 0, null), NOW))
        .isEqualTo(HostState.IN_SYNC);
  }

  @Test
  void anIdleHostThatJustFellBehindIsCatchingUpNotStale() {
    // positions unchanged for an hour (nothing to read), then a change was published a second ago
    assertThat(classifier.classify(facts(false, 5, 3600, 1, 1L), NOW))
        .isEqualTo(HostState.CATCHING_UP);
  }

  @Test
  void aHostWithOldLagThatStillAdvancesIsCatchingUp() {
    assertThat(classifier.classify(facts(false, 1, 1, 50_000, 900L), NOW))
        .isEqualTo(HostState.CATCHING_UP);
  }

  @Test
  void aFrozenAgentWithOldLagIsStaleUntilItIsSilentForTheOfflineThreshold() {
    assertThat(classifier.classify(facts(false, 60, 60, 3, 60L), NOW)).isEqualTo(HostState.STALE);
    assertThat(classifier.classify(facts(false, 179, 179, 3, 100L), NOW))
        .isEqualTo(HostState.STALE);
    assertThat(classifier.classify(facts(false, 180, 180, 3, 100L), NOW))
        .isEqualTo(HostState.OFFLINE);
  }

  @Test
  void aHostThatReportsButNeverAdvancesWhileBehindIsStale() {
    // an agent failing every pass still reports its error: heard from, but stuck
    assertThat(classifier.classify(facts(false, 2, 600, 10, 600L), NOW)).isEqualTo(HostState.STALE);
  }

  @Test
  void aSilentHostIsOfflineEvenInSync() {
    assertThat(classifier.classify(facts(false, 181, 181, 0, null), NOW))
        .isEqualTo(HostState.OFFLINE);
  }

  @Property
  void removedWinsOverEverything(
      @ForAll @LongRange(min = 0, max = 100_000) long silent,
      @ForAll @LongRange(min = 0, max = 100_000) long still,
      @ForAll @LongRange(min = 0, max = 1_000_000) long lag) {
    assertThat(classifier.classify(facts(true, silent, still, lag, lag > 0 ? still : null), NOW))
        .isEqualTo(HostState.REMOVED);
  }

  @Property
  void stateFollowsTheDocumentedThresholds(
      @ForAll @LongRange(min = 0, max = 1000) long silent,
      @ForAll @LongRange(min = 0, max = 1000) long still,
      @ForAll @LongRange(min = 0, max = 1000) long lag,
      @ForAll @LongRange(min = 0, max = 1000) long oldest) {
    HostState state =
        classifier.classify(facts(false, silent, still, lag, lag > 0 ? oldest : null), NOW);
    if (silent >= 180) {
      assertThat(state).isEqualTo(HostState.OFFLINE);
    } else if (lag == 0) {
      assertThat(state).isEqualTo(HostState.IN_SYNC);
    } else if (still >= 60 && oldest >= 60) {
      assertThat(state).isEqualTo(HostState.STALE);
    } else {
      assertThat(state).isEqualTo(HostState.CATCHING_UP);
    }
  }

  @Test
  void thresholdsComeFromTheEnvironmentAndAreChecked() {
    assertThat(HostThresholds.from(Map.of())).isEqualTo(HostThresholds.DEFAULT);
    assertThat(
            HostThresholds.from(
                Map.of(HostThresholds.STALE_ENV, "5", HostThresholds.OFFLINE_ENV, "20")))
        .isEqualTo(new HostThresholds(Duration.ofSeconds(5), Duration.ofSeconds(20)));
    assertThatThrownBy(() -> HostThresholds.from(Map.of(HostThresholds.STALE_ENV, "soon")))
        .hasMessageContaining(HostThresholds.STALE_ENV);
    assertThatThrownBy(
            () ->
                HostThresholds.from(
                    Map.of(HostThresholds.STALE_ENV, "50", HostThresholds.OFFLINE_ENV, "20")))
        .hasMessageContaining("offline");
  }
}
