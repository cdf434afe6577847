package dev.poststack.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.launcher.cli.OperatorException;
import dev.poststack.launcher.cli.ProgressBar;
import dev.poststack.launcher.spi.EventReplayer.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayArgumentsTest {

  @Test
  void readsAnInstantWithItsOffset() {
    assertThat(ReplayArguments.instant("2026-03-28T15:03:00+01:00"))
        .isEqualTo(Instant.parse("2026-03-28T14:03:00Z"));
  }

  @Test
  void refusesATimeWithoutZoneOrNotATimeAtAll() {
    for (String bad : new String[] {"not-a-time", "2026-03-28T14:03:00", "yesterday"}) {
      assertThatThrownBy(() -> ReplayArguments.instant(bad))
          .isInstanceOf(OperatorException.class)
          .hasMessageContaining("is not an ISO-8601 instant")
          .extracting(e -> ((OperatorException) e).exitCode())
          .isEqualTo(2);
    }
  }

  @Test
  void readsPartitionOffsetPairs() {
    assertThat(ReplayArguments.offsets("0:12, 1:0,2:7")).isEqualTo(Map.of(0, 12L, 1, 0L, 2, 7L));
  }

  @Test
  void refusesMalformedOrRepeatedPairs() {
    assertThatThrownBy(() -> ReplayArguments.offsets("0=12"))
        .hasMessageContaining("partition:offset pairs");
    assertThatThrownBy(() -> ReplayArguments.offsets("0:1,0:2"))
        .hasMessageContaining("names partition 0 twice");
    assertThatThrownBy(() -> ReplayArguments.offsets("0:-1")).hasMessageContaining("not negative");
  }

  @Test
  void theProgressLineShowsTheRateAndWhatIsLeft() {
    Progress p = new Progress(500, 2000, Duration.ofSeconds(2));
    assertThat(
            new ProgressBar(System.err, "replaying", "events")
                .line(p.done(), p.total(), p.eventsPerSecond()))
        .contains("500/2000 events")
        .contains("250 events/s")
        .contains("ETA 6s");
  }
}
