package dev.poststack.provisioner.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.provisioner.host.Propagation.EntryPosition;
import dev.poststack.provisioner.host.Propagation.HostPositions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PropagationTest {
  private static final Optional<EntryPosition> AT_P1_O10 = Optional.of(new EntryPosition(1, 10));

  @Test
  void aHostHasAppliedTheEntryOnceItsNextOffsetOnThatPartitionIsBeyondTheRecord() {
    List<HostPositions> hosts =
        List.of(
            new HostPositions("beyond", Map.of(1, 11L)),
            new HostPositions("at-the-record", Map.of(1, 10L)),
            new HostPositions("behind", Map.of(1, 3L)));
    assertThat(Propagation.of(AT_P1_O10, false, hosts)).isEqualTo(new Propagation(3, 1));
  }

  @Test
  void anOffsetOnAnotherPartitionSaysNothingAboutTheEntry() {
    List<HostPositions> hosts =
        List.of(
            new HostPositions("other-partition", Map.of(0, 500L, 2, 500L)),
            new HostPositions("no-positions", Map.of()));
    assertThat(Propagation.of(AT_P1_O10, false, hosts)).isEqualTo(new Propagation(2, 0));
  }

  @Test
  void aChangeStillInTheOutboxHasReachedNoHost() {
    List<HostPositions> hosts = List.of(new HostPositions("beyond", Map.of(1, 11L)));
    assertThat(Propagation.of(AT_P1_O10, true, hosts)).isEqualTo(new Propagation(1, 0));
  }

  @Test
  void anEntryNeverPublishedIsAppliedNowhereAndNoHostsMeansZeroOfZero() {
    assertThat(
            Propagation.of(
                Optional.empty(), false, List.of(new HostPositions("h", Map.of(1, 99L)))))
        .isEqualTo(new Propagation(1, 0));
    assertThat(Propagation.of(AT_P1_O10, false, List.of())).isEqualTo(new Propagation(0, 0));
  }
}
