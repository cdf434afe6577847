package dev.poststack.api.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairShareTest {
  private static final long A = 1;
  private static final long B = 2;
  private static final long C = 3;

  private static FairShare<String> share(
      int threads, int perTeamThreads, int perTeamQueued, int queued) {
    return new FairShare<>(
        new WorkLimits(threads, perTeamThreads, perTeamQueued, queued, Duration.ofSeconds(1)));
  }

  @Test
  void aTeamIsAdmittedUpToItsThreadsPlusItsQueueThenRefusedWhileOtherTeamsAreStillAdmitted() {
    var share = share(4, 2, 1, 100);
    assertThat(share.offer(A, "a1")).isEmpty();
    assertThat(share.offer(A, "a2")).isEmpty();
    assertThat(share.offer(A, "a3")).isEmpty();
    assertThat(share.offer(A, "a4")).contains(FairShare.Refusal.TEAM_AT_CAP);
    assertThat(share.offer(B, "b1")).isEmpty();
  }

  @Test
  void everyoneIsRefusedOnceEveryThreadIsTakenAndTheQueueIsFull() {
    var share = share(2, 1, 5, 1);
    share.offer(A, "a1");
    share.offer(B, "b1");
    share.offer(A, "a2");
    assertThat(share.offer(C, "c1")).contains(FairShare.Refusal.KIND_FULL);
    share.next().orElseThrow();
    share.finished(A);
    assertThat(share.offer(C, "c1")).as("a place freed").isEmpty();
  }

  @Test
  void aTeamNeverRunsMoreThanItsThreadsEvenWhileOtherThreadsAreIdle() {
    var share = share(4, 2, 10, 100);
    for (int i = 0; i < 5; i++) {
      share.offer(A, "a" + i);
    }
    assertThat(share.next()).isPresent();
    assertThat(share.next()).isPresent();
    assertThat(share.next()).as("A holds its two threads; two stay free for others").isEmpty();
    assertThat(share.running(A)).isEqualTo(2);
    share.offer(B, "b1");
    assertThat(share.next().orElseThrow()).isEqualTo(new FairShare.Turn<>(B, "b1"));
  }

  @Test
  void aPoolThatLendsGivesIdleThreadsToBulkWorkAtItsShareButATeamUnderItsShareGoesFirst() {
    // A's tasks are bulk ("a…" may borrow); C's are single requests and never do
    var share =
        new FairShare<String>(
            new WorkLimits(4, 2, 10, 100, Duration.ofSeconds(1), true), t -> t.startsWith("a"));
    share.offer(C, "c1");
    share.offer(C, "c2");
    share.offer(C, "c3");
    assertThat(share.next()).isPresent();
    assertThat(share.next()).isPresent();
    assertThat(share.next()).as("a single request's task never borrows").isEmpty();
    share.finished(C);
    share.finished(C);
    assertThat(share.next()).isPresent();
    share.finished(C);
    for (int i = 0; i < 6; i++) {
      share.offer(A, "a" + i);
    }
    for (int i = 0; i < 4; i++) {
      assertThat(share.next()).as("nobody else waits: A borrows thread %d", i + 1).isPresent();
    }
    assertThat(share.running(A)).isEqualTo(4);
    assertThat(share.next()).as("every thread is taken").isEmpty();
    share.offer(B, "b1");
    share.finished(A);
    assertThat(share.next().orElseThrow())
        .as("the first thread to end goes to B, under its share, before A's next task")
        .isEqualTo(new FairShare.Turn<>(B, "b1"));
    share.finished(A);
    assertThat(share.next().orElseThrow()).isEqualTo(new FairShare.Turn<>(A, "a4"));
  }

  @Test
  void waitingTeamsAreServedInTurnSoAFloodWaitsBehindItselfNotInFrontOfOthers() {
    var share = share(1, 1, 10, 100);
    share.offer(A, "a1");
    share.offer(A, "a2");
    share.offer(A, "a3");
    share.offer(B, "b1");
    share.offer(C, "c1");
    share.offer(B, "b2");
    List<String> order = new ArrayList<>();
    for (var turn = share.next(); turn.isPresent(); turn = share.next()) {
      order.add(turn.get().task());
      share.finished(turn.get().team());
    }
    assertThat(order).containsExactly("a1", "b1", "c1", "a2", "b2", "a3");
  }

  @Test
  void noTaskStartsWhileEveryThreadIsTakenAndOneStartsWhenAThreadFrees() {
    var share = share(1, 1, 10, 100);
    share.offer(A, "a1");
    share.offer(B, "b1");
    assertThat(share.next()).isPresent();
    assertThat(share.next()).isEmpty();
    share.finished(A);
    assertThat(share.next().orElseThrow().task()).isEqualTo("b1");
  }

  @Test
  void aTaskWithdrawnBeforeItStartsNeverRunsAndFreesItsTeamsPlace() {
    var share = share(1, 1, 1, 100);
    share.offer(A, "a1");
    share.offer(A, "a2");
    assertThat(share.next().orElseThrow().task()).isEqualTo("a1");
    assertThat(share.offer(A, "a3")).contains(FairShare.Refusal.TEAM_AT_CAP);
    assertThat(share.withdraw(A, "a2")).isTrue();
    assertThat(share.withdraw(A, "a1")).as("already running").isFalse();
    assertThat(share.offer(A, "a3")).isEmpty();
    share.finished(A);
    assertThat(share.next().orElseThrow().task()).isEqualTo("a3");
    assertThat(share.waiting(A)).isZero();
  }

  @Test
  void aTeamsShareFreesWhenItsTaskEnds() {
    var share = share(2, 1, 0, 0);
    share.offer(A, "a1");
    assertThat(share.offer(A, "a2")).contains(FairShare.Refusal.TEAM_AT_CAP);
    share.next().orElseThrow();
    share.finished(A);
    assertThat(share.running(A)).isZero();
    assertThat(share.offer(A, "a2")).isEmpty();
  }

  @Test
  void defaultsGiveOneTeamAtMostHalfThePoolAndOneThreadPerCoreWhenUnset() {
    assertThat(WorkLimits.of(0, 0, 8, 64, Duration.ofSeconds(5), 8))
        .extracting(WorkLimits::threads, WorkLimits::perTeamThreads)
        .containsExactly(8, 4);
    assertThat(WorkLimits.of(0, 0, 8, 64, Duration.ofSeconds(5), 1))
        .extracting(WorkLimits::threads, WorkLimits::perTeamThreads)
        .containsExactly(1, 1);
    assertThat(WorkLimits.of(32, 64, 8, 64, Duration.ofSeconds(5), 2).perTeamThreads())
        .isEqualTo(32);
  }
}
