package dev.poststack.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Given the last reload and what is pending, what runs now and what waits. */
class ReloadPacingTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final ReloadPacing FIVE_SECONDS = new ReloadPacing(Duration.ofSeconds(5));
  private static final Effects RELOAD = new Effects(true, new TreeSet<>(Set.of()));
  private static final Effects RELOAD_AND_KICK =
      new Effects(true, new TreeSet<>(Set.of("alice@example.test")));

  @Test
  void theFirstReloadRunsAtOnce() {
    ReloadPacing.Due due = FIVE_SECONDS.due(RELOAD, Optional.empty(), T0);

    assertThat(due.now()).isEqualTo(RELOAD);
    assertThat(due.reloadHeldUntil()).isEmpty();
  }

  @Test
  void aReloadInsideTheWindowIsHeldUntilItEndsWhileKicksRunAtOnce() {
    ReloadPacing.Due due = FIVE_SECONDS.due(RELOAD_AND_KICK, Optional.of(T0), T0.plusMillis(1_200));

    assertThat(due.now())
        .isEqualTo(new Effects(false, new TreeSet<>(Set.of("alice@example.test"))));
    assertThat(due.reloadHeldUntil()).contains(T0.plusSeconds(5));
  }

  @Test
  void aHeldReloadRunsOnceTheWindowHasPassed() {
    assertThat(FIVE_SECONDS.due(RELOAD, Optional.of(T0), T0.plusSeconds(5)).now())
        .isEqualTo(RELOAD);
    assertThat(FIVE_SECONDS.due(RELOAD, Optional.of(T0), T0.plusSeconds(60)).now())
        .isEqualTo(RELOAD);
  }

  @Test
  void withoutAReloadPendingEverythingRunsAndNothingIsHeld() {
    Effects kick = new Effects(false, new TreeSet<>(Set.of("bob@example.test")));

    ReloadPacing.Due due = FIVE_SECONDS.due(kick, Optional.of(T0), T0.plusMillis(1));

    assertThat(due.now()).isEqualTo(kick);
    assertThat(due.reloadHeldUntil()).isEmpty();
  }

  @Test
  void aClockSetBackDoesNotHoldAReload() {
    assertThat(FIVE_SECONDS.due(RELOAD, Optional.of(T0), T0.minusSeconds(3600)).now())
        .isEqualTo(RELOAD);
  }

  @Test
  void aZeroWindowNeverHoldsAReload() {
    ReloadPacing none = new ReloadPacing(Duration.ZERO);

    assertThat(none.due(RELOAD, Optional.of(T0), T0).now()).isEqualTo(RELOAD);
  }

  @Test
  void aNegativeWindowIsRefused() {
    assertThatThrownBy(() -> new ReloadPacing(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whatRanIsTakenOutOfThePendingEffectsAndAHeldReloadStays() {
    Effects ran = FIVE_SECONDS.due(RELOAD_AND_KICK, Optional.of(T0), T0.plusSeconds(1)).now();

    assertThat(RELOAD_AND_KICK.minus(ran)).isEqualTo(RELOAD);
    assertThat(RELOAD_AND_KICK.minus(RELOAD_AND_KICK).isEmpty()).isTrue();
  }
}
