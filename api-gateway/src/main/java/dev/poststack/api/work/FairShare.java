package dev.poststack.api.work;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The plain decision behind a pool (no threads, no clock): may this team's task be admitted now,
 * and whose task runs next. A team is refused beyond its share ({@link WorkLimits#perTeamInFlight})
 * or when the kind's queue is full; the next task goes round-robin to the teams that wait and run
 * fewer than {@code perTeamThreads}, so a team that floods a kind waits behind itself, not in front
 * of others. A pool that {@link WorkLimits#lendsIdleThreads lends} gives a thread nobody under
 * their share waits for to a team at its share whose next task may borrow (bulk work), instead of
 * leaving it idle. Not thread-safe: the pool calls it under its lock.
 *
 * @param <T> the task
 */
final class FairShare<T> {

  /** Why a task was not admitted. */
  enum Refusal {
    /** The team already runs and waits as many tasks of this kind as its share allows. */
    TEAM_AT_CAP,
    /** Every thread is busy and the kind's queue is full. */
    KIND_FULL
  }

  /** A task taken to run, and its team. */
  record Turn<T>(long team, T task) {}

  private final WorkLimits limits;
  private final Predicate<T> mayBorrow;
  private final Map<Long, Line<T>> lines = new HashMap<>();
  private final ArrayDeque<Long> rotation = new ArrayDeque<>(); // teams with a task waiting
  private int running;
  private int waiting;

  /** A share whose tasks never borrow. */
  FairShare(WorkLimits limits) {
    this(limits, task -> false);
  }

  /** {@code mayBorrow}: which tasks may take a thread lent beyond their team's share. */
  FairShare(WorkLimits limits, Predicate<T> mayBorrow) {
    this.limits = limits;
    this.mayBorrow = mayBorrow;
  }

  /** Admits the task (it waits for {@link #next}) or says why not. */
  Optional<Refusal> offer(long team, T task) {
    Line<T> line = lines.get(team);
    if (line != null && line.running + line.waiting.size() >= limits.perTeamInFlight()) {
      return Optional.of(Refusal.TEAM_AT_CAP);
    }
    if (running + waiting >= limits.threads() + limits.queued()) {
      return Optional.of(Refusal.KIND_FULL);
    }
    if (line == null) {
      line = new Line<>();
      lines.put(team, line);
    }
    if (line.waiting.isEmpty()) {
      rotation.addLast(team);
    }
    line.waiting.addLast(task);
    waiting++;
    return Optional.empty();
  }

  /** The task to start on a free thread, if a thread is free and a team may run one more. */
  Optional<Turn<T>> next() {
    if (running >= limits.threads()) {
      return Optional.empty();
    }
    for (int i = rotation.size(); i > 0; i--) {
      long team = rotation.removeFirst();
      Line<T> line = lines.get(team);
      if (line.running >= limits.perTeamThreads()) {
        rotation.addLast(team); // keeps its place in the rotation, runs when one of its own ends
        continue;
      }
      return Optional.of(start(team, line));
    }
    // every waiting team holds its share: lend the free thread to the next of them, in turn, whose
    // next task may borrow, since nobody else wants it; a team under its share that arrives now
    // gets the next thread that ends
    if (limits.lendsIdleThreads()) {
      for (int i = rotation.size(); i > 0; i--) {
        long team = rotation.removeFirst();
        Line<T> line = lines.get(team);
        if (mayBorrow.test(line.waiting.peekFirst())) {
          return Optional.of(start(team, line));
        }
        rotation.addLast(team);
      }
    }
    return Optional.empty();
  }

  private Turn<T> start(long team, Line<T> line) {
    T task = line.waiting.removeFirst();
    waiting--;
    line.running++;
    running++;
    if (!line.waiting.isEmpty()) {
      rotation.addLast(team);
    }
    return new Turn<>(team, task);
  }

  /** A task taken by {@link #next} has ended (returned, failed, or its caller gave up on it). */
  void finished(long team) {
    Line<T> line = lines.get(team);
    if (line == null || line.running == 0) {
      throw new IllegalStateException("team " + team + " has no running task");
    }
    line.running--;
    running--;
    forgetIfIdle(team, line);
  }

  /** Drops a task still waiting (its caller gave up); false when it already started. */
  boolean withdraw(long team, T task) {
    Line<T> line = lines.get(team);
    if (line == null) {
      return false;
    }
    for (Iterator<T> it = line.waiting.iterator(); it.hasNext(); ) {
      if (it.next() == task) {
        it.remove();
        waiting--;
        if (line.waiting.isEmpty()) {
          rotation.remove(team);
        }
        forgetIfIdle(team, line);
        return true;
      }
    }
    return false;
  }

  int running(long team) {
    Line<T> line = lines.get(team);
    return line == null ? 0 : line.running;
  }

  int waiting(long team) {
    Line<T> line = lines.get(team);
    return line == null ? 0 : line.waiting.size();
  }

  /** Teams with nothing running or waiting leave the map, so it holds only active teams. */
  private void forgetIfIdle(long team, Line<T> line) {
    if (line.running == 0 && line.waiting.isEmpty()) {
      lines.remove(team);
    }
  }

  private static final class Line<T> {
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private int running;
  }
}
