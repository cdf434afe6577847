package dev.poststack.api.work;

import dev.poststack.api.problem.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A bounded pool for one kind of blocking work, shared fairly between teams ({@link FairShare}). A
 * caller is refused at once (503) beyond its team's share; after {@link WorkLimits#timeout} it gets
 * 503 if its task never started (the task is dropped) or 504 if it is still running. A running task
 * is never abandoned: its thread and its team's slot stay taken until it really ends, so a team
 * whose work hangs keeps paying for it, not everyone else.
 */
public final class WorkPool implements AutoCloseable {
  private final WorkKind kind;
  private final WorkLimits limits;
  private final FairShare<Task<?>> share;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition hasWork = lock.newCondition();
  private final List<Thread> workers = new ArrayList<>();
  private boolean closed;

  public WorkPool(WorkKind kind, WorkLimits limits) {
    this.kind = kind;
    this.limits = limits;
    this.share = new FairShare<>(limits, task -> task.bulk);
    for (int i = 1; i <= limits.threads(); i++) {
      Thread worker = new Thread(this::work, "poststack-" + kind.code() + "-" + i);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
  }

  public WorkKind kind() {
    return kind;
  }

  public WorkLimits limits() {
    return limits;
  }

  /**
   * Runs {@code work} for {@code team} on this pool. The result is delivered off the pool's
   * threads, so what follows never holds one of them.
   */
  public <T> Mono<T> run(long team, Callable<T> work) {
    return run(team, work, false);
  }

  /**
   * {@link #run} for bulk work (an import's rows), which may also take a thread no team under its
   * share is waiting for, if the pool {@link WorkLimits#lendsIdleThreads lends}. A single request's
   * work never borrows: a team flooding single creates keeps to its share of the cores, so the
   * other teams' requests keep the rest of the CPU.
   */
  public <T> Mono<T> runBulk(long team, Callable<T> work) {
    return run(team, work, true);
  }

  private <T> Mono<T> run(long team, Callable<T> work, boolean bulk) {
    return Mono.defer(
        () -> {
          Task<T> task = new Task<>(team, work, bulk);
          admit(task);
          return Mono.fromFuture(task.result, true)
              .flatMap(Outcome::toMono)
              .timeout(limits.timeout(), Mono.defer(() -> Mono.error(giveUp(task))))
              .doOnCancel(() -> withdraw(task))
              .publishOn(Schedulers.parallel());
        });
  }

  private void admit(Task<?> task) {
    lock.lock();
    try {
      if (closed) {
        throw kind.busy(FairShare.Refusal.KIND_FULL);
      }
      Optional<FairShare.Refusal> refusal = share.offer(task.team, task);
      if (refusal.isPresent()) {
        throw kind.busy(refusal.get());
      }
      hasWork.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The caller's time is up: a task still waiting is dropped (503), a running one goes on (504).
   */
  private ApiException giveUp(Task<?> task) {
    return withdraw(task) ? kind.waitedTooLong() : kind.timedOut();
  }

  private boolean withdraw(Task<?> task) {
    lock.lock();
    try {
      return share.withdraw(task.team, task);
    } finally {
      lock.unlock();
    }
  }

  private void work() {
    while (true) {
      FairShare.Turn<Task<?>> turn;
      lock.lock();
      try {
        Optional<FairShare.Turn<Task<?>>> next = share.next();
        while (!closed && next.isEmpty()) {
          hasWork.awaitUninterruptibly();
          next = share.next();
        }
        if (closed) {
          return;
        }
        turn = next.get();
      } finally {
        lock.unlock();
      }
      Runnable deliver = turn.task().call();
      lock.lock();
      try {
        share.finished(turn.team());
      } finally {
        lock.unlock();
      }
      deliver.run(); // after the slot is free, so the caller's next task is admitted at once
    }
  }

  /**
   * Stops the threads (running tasks are interrupted); a waiting caller gets 503 at its time-out.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      hasWork.signalAll();
    } finally {
      lock.unlock();
    }
    workers.forEach(Thread::interrupt);
  }

  private static final class Task<T> {
    private final long team;
    private final Callable<T> work;
    private final boolean bulk;
    // completes normally even when the work failed: a failure that ends after its caller gave up
    // (504) is then simply unheard, not reported by Reactor as an error dropped on the floor
    private final CompletableFuture<Outcome<T>> result = new CompletableFuture<>();

    private Task(long team, Callable<T> work, boolean bulk) {
      this.team = team;
      this.work = work;
      this.bulk = bulk;
    }

    /** Runs the work; returns how to hand its result to the caller. */
    Runnable call() {
      try {
        T value = work.call();
        return () -> result.complete(new Outcome<>(value, null));
      } catch (Throwable e) {
        return () -> result.complete(new Outcome<>(null, e));
      }
    }
  }

  /** What the work returned, or how it failed. */
  private record Outcome<T>(T value, Throwable failure) {
    Mono<T> toMono() {
      return failure == null ? Mono.justOrEmpty(value) : Mono.error(failure);
    }
  }
}
