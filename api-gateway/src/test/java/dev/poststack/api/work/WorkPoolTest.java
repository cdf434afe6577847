package dev.poststack.api.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.problem.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;

/**
 * The pool with real threads: work that blocks is held on latches, so each test states who may run
 * while whose work hangs, never how long anything took.
 */
class WorkPoolTest {
  private static final long A = 1;
  private static final long B = 2;
  private final CountDownLatch gate = new CountDownLatch(1);
  private WorkPool pool;

  @AfterEach
  void close() {
    gate.countDown();
    pool.close();
  }

  private WorkPool pool(int threads, int perTeamThreads, int perTeamQueued, Duration timeout) {
    pool =
        new WorkPool(
            WorkKind.HASH, new WorkLimits(threads, perTeamThreads, perTeamQueued, 16, timeout));
    return pool;
  }

  /** Work that waits for the gate, saying when it started. */
  private Callable<String> started(CountDownLatch started) {
    return () -> {
      started.countDown();
      gate.await();
      return "done";
    };
  }

  @Test
  void aTeamBeyondItsShareIsRefusedAtOnceWith503WhileAnotherTeamsWorkRuns() throws Exception {
    pool(2, 1, 1, Duration.ofSeconds(60));
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<String> a1 = pool.run(A, started(running)).toFuture();
    CompletableFuture<String> a2 = pool.run(A, () -> "a2").toFuture(); // waits behind a1
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> pool.run(A, () -> "a3").block())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(503);
              assertThat(e.code()).isEqualTo("hashing_busy");
              assertThat(e.retryAfterSeconds()).isEqualTo(1L);
            });
    assertThat(pool.run(B, () -> "b1").block()).as("B runs while A's work hangs").isEqualTo("b1");
    assertThat(a1).isNotDone();
    assertThat(a2).isNotDone();

    gate.countDown();
    assertThat(a1.get(30, TimeUnit.SECONDS)).isEqualTo("done");
    assertThat(a2.get(30, TimeUnit.SECONDS)).isEqualTo("a2");
  }

  @Test
  void aTaskThatWaitedItsWholeTimeOutInLineIsDroppedWith503AndNeverRuns() throws Exception {
    pool(1, 1, 4, Duration.ofMillis(300));
    CountDownLatch running = new CountDownLatch(1);
    pool.run(A, started(running)).subscribe(v -> {}, e -> {});
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    AtomicBoolean ran = new AtomicBoolean();

    assertThatThrownBy(() -> pool.run(B, () -> ran.getAndSet(true)).block())
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("hashing_busy"));

    gate.countDown();
    assertThat(pool.run(B, () -> "later").block()).isEqualTo("later");
    assertThat(ran).as("the dropped task never ran").isFalse();
  }

  @Test
  void workStillRunningAtItsTimeOutAnswers504AndKeepsItsTeamsSlotUntilItEnds() throws Exception {
    pool(2, 1, 0, Duration.ofSeconds(2));
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<String> a1 = pool.run(A, started(running)).toFuture();
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> a1.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(504);
              assertThat(e.code()).isEqualTo("hashing_timeout");
            });
    assertThatThrownBy(() -> pool.run(A, () -> "a2").block())
        .as("A's hung work still holds A's only slot")
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("hashing_busy"));

    gate.countDown();
    await()
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(pool.run(A, () -> "a2").block()).isEqualTo("a2"));
  }

  @Test
  void aTeamWorkingOneTaskAtATimeIsNeverRefusedEvenWithAShareOfOne() {
    pool(1, 1, 0, Duration.ofSeconds(30));
    for (int i = 0; i < 200; i++) {
      int n = i;
      assertThat(pool.run(A, () -> n).block()).isEqualTo(n); // its slot is free before it answers
    }
  }

  @Test
  void workThatFailsAfterItsCallerTimedOutIsNotReportedAsADroppedError() throws Exception {
    pool(1, 1, 1, Duration.ofSeconds(1));
    List<Throwable> dropped = new CopyOnWriteArrayList<>();
    Hooks.onErrorDropped(dropped::add);
    try {
      CountDownLatch running = new CountDownLatch(1);
      CompletableFuture<String> a1 =
          pool.<String>run(
                  A,
                  () -> {
                    running.countDown();
                    gate.await();
                    throw new IllegalStateException("the name server never answered");
                  })
              .toFuture();
      assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> a1.get(30, TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo("hashing_timeout"));

      gate.countDown();
      // one thread: this runs only after the failed work ended and was handed over
      await()
          .ignoreExceptions()
          .untilAsserted(() -> assertThat(pool.run(A, () -> "after").block()).isEqualTo("after"));
      assertThat(dropped).isEmpty();
    } finally {
      Hooks.resetOnErrorDropped();
    }
  }

  @Test
  void aFailureOfTheWorkReachesItsCallerAndFreesTheSlot() {
    pool(1, 1, 0, Duration.ofSeconds(30));
    assertThatThrownBy(
            () ->
                pool.run(
                        A,
                        () -> {
                          throw new IllegalStateException("no answer");
                        })
                    .block())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no answer");
    assertThat(pool.run(A, () -> "next").block()).isEqualTo("next");
  }

  @Test
  void theResultArrivesOffThePoolsThreadsSoWhatFollowsNeverHoldsOne() {
    pool(1, 1, 0, Duration.ofSeconds(30));
    String worker = pool.run(A, () -> Thread.currentThread().getName()).block();
    String follower = pool.run(A, () -> "x").map(x -> Thread.currentThread().getName()).block();
    assertThat(worker).startsWith("poststack-hashing-");
    assertThat(follower).doesNotStartWith("poststack-hashing-");
  }
}
