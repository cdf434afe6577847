package dev.poststack.agent;

import dev.poststack.agent.daemon.DaemonControl;
import dev.poststack.agent.reconcile.ApplyPlan;
import dev.poststack.agent.reconcile.Effects;
import dev.poststack.agent.reconcile.EntryRecord;
import dev.poststack.agent.reconcile.EntrySource;
import dev.poststack.agent.reconcile.FullRead;
import dev.poststack.agent.reconcile.Reconciler;
import dev.poststack.agent.reconcile.Refusal;
import dev.poststack.agent.reconcile.ReloadPacing;
import dev.poststack.agent.reconcile.ResyncCheck;
import dev.poststack.agent.reconcile.ResyncRequest;
import dev.poststack.agent.reconcile.ResyncRequests;
import dev.poststack.agent.reconcile.StoreAction;
import dev.poststack.agent.reconcile.TopicHorizon;
import dev.poststack.agent.report.AgentProblems;
import dev.poststack.agent.report.AppliedStatus;
import dev.poststack.agent.report.StatusSink;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.renderer.host.DkimKeyEntry;
import dev.poststack.renderer.host.EntryKind;
import dev.poststack.renderer.host.SenderEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcile loop of one mail host: poll a burst, apply it as one store transaction, run the
 * daemon effects, report. Each pass returns what it did and when to run again; failures are logged,
 * retried with backoff, and never stop the daemons from serving the local store.
 */
public final class ReloadAgent implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ReloadAgent.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /**
   * How often "caught up at" is recorded while idle (at most; a quarter of a shorter retention),
   * and how often the horizon is asked again after the broker did not answer.
   */
  private static final Duration MARK_CAUGHT_UP_EVERY = Duration.ofMinutes(1);

  private static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(10);

  /**
   * Least time between two commits while changes keep coming: a burst polled sooner after the last
   * commit waits for the rest of this, taking in what arrives meanwhile, and is committed with it.
   */
  public static final Duration DEFAULT_COMMIT_GAP = Duration.ofMillis(20);

  /** What one pass did, and when the next should run. */
  public record Step(int records, int changes, Effects effects, Duration nextRunIn) {}

  private final String hostId;
  private final String topic;
  private final LocalHostStore store;
  private final EntrySource source;
  private final StatusSink status;
  private final DaemonControl daemons;
  private final Duration reportEvery;
  private final Clock clock;
  private final ReloadPacing pacing;
  private final Reconciler reconciler;
  private final Duration commitGap;
  private long lastCommit = System.nanoTime() - Duration.ofDays(1).toNanos();
  private final AgentProblems problems = new AgentProblems();
  private final ResyncRequests requests;
  private Optional<Instant> handledRequest;
  private long nextRequestAsk = System.nanoTime();
  private Optional<Instant> lastPostfixReload = Optional.empty();
  private Optional<Instant> reloadHeldUntil = Optional.empty();
  private long entryCount;
  private long lastReport;
  private boolean writtenSinceCheckpoint;
  private Duration backoff = Duration.ZERO;
  private Duration effectsBackoff = Duration.ZERO;
  private long nextEffectsAttempt;
  private volatile boolean stopped;

  /** Whether the full-resync decision was taken since start (it needs the broker's answer). */
  private boolean horizonChecked;

  private Optional<Instant> caughtUpAt;
  private Optional<Duration> deleteRetention = Optional.empty();
  private long nextHorizonAsk = System.nanoTime();
  private long nextMarkAttempt = System.nanoTime();

  /** rspamd's key files and maps must be written from the store (at start, after a change). */
  private boolean signingStale = true;

  public ReloadAgent(
      String hostId,
      String topic,
      LocalHostStore store,
      EntrySource source,
      StatusSink status,
      DaemonControl daemons,
      Duration reportEvery,
      Clock clock) {
    this(
        hostId,
        topic,
        store,
        source,
        status,
        daemons,
        reportEvery,
        clock,
        new ReloadPacing(ReloadPacing.DEFAULT_WINDOW),
        ResyncRequests.NONE,
        Duration.ZERO);
  }

  /**
   * @param clock the time reports carry and postfix reloads are paced by
   * @param pacing at most one {@code postfix reload} per its window, the last change always
   *     followed by one
   * @param requests the control plane's resync requests for this host (asked while idle)
   * @param commitGap least time between two commits while changes keep coming ({@link
   *     #DEFAULT_COMMIT_GAP}); zero commits every polled burst at once
   */
  public ReloadAgent(
      String hostId,
      String topic,
      LocalHostStore store,
      EntrySource source,
      StatusSink status,
      DaemonControl daemons,
      Duration reportEvery,
      Clock clock,
      ReloadPacing pacing,
      ResyncRequests requests,
      Duration commitGap) {
    if (commitGap.isNegative()) {
      throw new IllegalArgumentException("the commit gap must be zero or positive");
    }
    this.commitGap = commitGap;
    this.requests = requests;
    this.handledRequest = store.resyncRequestHandled();
    this.hostId = hostId;
    this.topic = topic;
    this.store = store;
    this.source = source;
    this.status = status;
    this.daemons = daemons;
    this.reportEvery = reportEvery;
    this.clock = clock;
    this.pacing = pacing;
    this.reconciler = new Reconciler(store, topic);
    this.entryCount = store.entryCount();
    this.caughtUpAt = store.caughtUpAt();
    this.nextEffectsAttempt = System.nanoTime();
  }

  public Step reconcileOnce() {
    try {
      syncSigning();
      runPendingEffects();
      if ((!horizonChecked || fellBehindRetention()) && System.nanoTime() >= nextHorizonAsk) {
        Optional<Step> resynced = resyncIfBehindTheHorizon();
        if (resynced.isPresent()) {
          return resynced.get();
        }
      }
      Map<Integer, Long> positions = store.positions(topic);
      List<EntryRecord> burst = source.poll(positions, pollTimeout());
      if (burst.isEmpty()) {
        Optional<Step> requested = resyncIfRequested();
        if (requested.isPresent()) {
          return requested.get();
        }
        idle();
        return step(0, 0, Effects.NONE, Duration.ZERO);
      }
      burst = gather(burst, positions);
      long start = System.nanoTime();
      ApplyPlan plan = reconciler.apply(burst);
      lastCommit = System.nanoTime();
      long applyNanos = lastCommit - start;
      entryCount += plan.actions().stream().mapToLong(ReloadAgent::countDelta).sum();
      writtenSinceCheckpoint = true;
      recordApplied(burst.stream().map(EntryRecord::key).toList(), plan);
      source.applied(plan.positions());
      signingStale |= plan.actions().stream().anyMatch(ReloadAgent::touchesSigning);
      syncSigning();
      runPendingEffects();
      report();
      log.debug(
          "applied {} records ({} row changes) in {} µs",
          burst.size(),
          plan.actions().size(),
          applyNanos / 1000);
      backoff = Duration.ZERO;
      return step(burst.size(), plan.actions().size(), plan.effects(), Duration.ZERO);
    } catch (RuntimeException e) {
      backoff =
          backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), MAX_BACKOFF);
      log.error("reconcile failed, retrying in {} s: {}", backoff.toSeconds(), e.getMessage(), e);
      problems.failed(AgentProblems.Source.APPLY, e.getMessage(), clock.instant());
      reportIfPossible();
      source.rewind();
      return step(0, 0, Effects.NONE, backoff);
    }
  }

  /**
   * Under load, one commit per {@link #commitGap}: a burst polled sooner than that after the last
   * commit waits for the rest of the gap, taking in what arrives meanwhile, so a host taking a
   * change every few milliseconds commits (and with FULL, fsyncs) a few times per gap, not once per
   * change. The first change after a quiet gap is committed at once, so propagation waits only
   * while changes keep coming, and at most the gap.
   */
  private List<EntryRecord> gather(List<EntryRecord> burst, Map<Integer, Long> positions) {
    long until = lastCommit + commitGap.toNanos();
    if (System.nanoTime() >= until) {
      return burst;
    }
    List<EntryRecord> all = new java.util.ArrayList<>(burst);
    for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
      all.addAll(source.poll(positions, Duration.ofNanos(left)));
    }
    return all;
  }

  /**
   * What an apply did, for the report: the apply works again, and its refused records (a burst's or
   * a full resync's) are listed while the keys it applied validly leave the list.
   */
  private void recordApplied(List<String> keys, ApplyPlan plan) {
    problems.succeeded(AgentProblems.Source.APPLY);
    problems.applied(keys, plan.refusals().stream().map(ReloadAgent::refused).toList());
  }

  private static AppliedStatus.Refused refused(Refusal r) {
    String key = r.key() != null ? r.key() : "partition " + r.partition() + " offset " + r.offset();
    return new AppliedStatus.Refused(key, r.reason());
  }

  /**
   * Running but not caught up for longer than the retention (Kafka unreachable, or far behind): the
   * same risk as a host that was off, decided the same way.
   */
  private boolean fellBehindRetention() {
    return deleteRetention.isPresent()
        && caughtUpAt.isPresent()
        && Duration.between(caughtUpAt.get(), clock.instant()).compareTo(deleteRetention.get()) > 0;
  }

  /**
   * A host whose positions are older than the topic's tombstone horizon cannot know what was
   * deleted: it rebuilds its store from the whole compacted topic in one transaction ({@link
   * Reconciler#resync}); the daemons serve the old rows until the commit. Asked once the broker
   * answers; until then the host serves its store as it is. A new host (no positions yet) is built
   * the same way: one transaction, rows decoded on every core and written in key order in batches.
   */
  private Optional<Step> resyncIfBehindTheHorizon() {
    Optional<TopicHorizon> horizon = source.horizon();
    nextHorizonAsk = System.nanoTime() + ASK_AGAIN_AFTER.toNanos();
    if (horizon.isEmpty()) {
      return Optional.empty();
    }
    horizonChecked = true;
    TopicHorizon h = horizon.get();
    deleteRetention = Optional.of(h.deleteRetention());
    Instant now = clock.instant();
    Optional<String> why = ResyncCheck.reason(store.positions(topic), caughtUpAt, h, now);
    if (why.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(rebuild(why.get(), h, now));
  }

  /**
   * The control plane saw this host at the end of every partition with a content hash other than
   * the one the published entries add up to: a row it kept is not on the topic any more (a
   * tombstone it missed, a store changed by hand). Asked at most once a second, while idle; a
   * request is handled once, and followed only while it still describes the store ({@link
   * ResyncCheck#follows}).
   */
  private Optional<Step> resyncIfRequested() {
    if (System.nanoTime() < nextRequestAsk) {
      return Optional.empty();
    }
    nextRequestAsk = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    Optional<ResyncRequest> latest = requests.latest();
    if (latest.isEmpty()
        || handledRequest.isPresent()
            && !latest.get().requestedAt().isAfter(handledRequest.get())) {
      return Optional.empty();
    }
    ResyncRequest request = latest.get();
    String hash = store.contentHash().hex();
    if (!ResyncCheck.follows(request, handledRequest, store.positions(topic), hash)) {
      log.info(
          "resync request of {} not followed: the store has moved on or now has the expected hash",
          request.requestedAt());
      markHandled(request);
      return Optional.empty();
    }
    Optional<TopicHorizon> horizon = source.horizon();
    if (horizon.isEmpty()) {
      return Optional.empty(); // asked again in a second
    }
    Step step =
        rebuild(
            "the control plane expects content hash "
                + request.expectedHash()
                + " at positions "
                + request.positions()
                + ", the store has "
                + hash,
            horizon.get(),
            clock.instant());
    markHandled(request);
    return Optional.of(step);
  }

  private void markHandled(ResyncRequest request) {
    store.markResyncRequestHandled(request.requestedAt());
    handledRequest = Optional.of(request.requestedAt());
  }

  /**
   * Builds the store from every record of the topic up to the horizon's end in one transaction (a
   * bootstrap when the store has no positions yet, a full resync otherwise), then runs what a burst
   * runs after its commit.
   */
  private Step rebuild(String why, TopicHorizon h, Instant now) {
    boolean bootstrap = store.positions(topic).isEmpty();
    if (bootstrap) {
      log.info("bootstrap of the host store: {}", why);
    } else {
      log.warn("full resync of the host store: {}", why);
    }
    long start = System.nanoTime();
    FullRead all = new FullRead();
    source.readAll(h.end(), all);
    long read = System.nanoTime();
    ApplyPlan plan = reconciler.resync(all, h.end());
    recordApplied(all.keys(), plan);
    markCaughtUp(now);
    entryCount = store.entryCount();
    writtenSinceCheckpoint = true;
    signingStale = true;
    // the consumer seeks to the new positions on its next poll
    source.rewind();
    syncSigning();
    runPendingEffects();
    report();
    log.info(
        "{} done in {} ms ({} ms reading the topic): {} records read, {} rows changed, {} rows"
            + " now",
        bootstrap ? "bootstrap" : "full resync",
        (System.nanoTime() - start) / 1_000_000,
        (read - start) / 1_000_000,
        all.records(),
        plan.actions().size(),
        entryCount);
    return step(all.records(), plan.actions().size(), plan.effects(), Duration.ZERO);
  }

  private void markCaughtUp(Instant at) {
    store.markCaughtUp(at);
    caughtUpAt = Optional.of(at);
  }

  private static boolean touchesSigning(StoreAction a) {
    EntryKind kind = a.key().kind();
    return kind == EntryKind.SENDER || kind == EntryKind.DKIM;
  }

  /**
   * Writes rspamd's files from the committed rows. Derived from the store alone, so a crash between
   * the commit and this write is repaired by the next start; a failure is retried on the next pass
   * and never blocks applying entries (rspamd keeps the files it has).
   */
  private void syncSigning() {
    if (!signingStale) {
      return;
    }
    try {
      daemons.syncSigning(
          store.entries(EntryKind.SENDER).stream().map(SenderEntry.class::cast).toList(),
          store.entries(EntryKind.DKIM).stream().map(DkimKeyEntry.class::cast).toList());
      signingStale = false;
      problems.succeeded(AgentProblems.Source.SIGNING_FILES);
    } catch (RuntimeException e) {
      log.error("cannot write rspamd's signing files, retrying: {}", e.getMessage());
      problems.failed(AgentProblems.Source.SIGNING_FILES, e.getMessage(), clock.instant());
    }
  }

  private Step step(int records, int changes, Effects effects, Duration next) {
    return new Step(records, changes, effects, next);
  }

  private static long countDelta(StoreAction a) {
    return a instanceof StoreAction.Insert ? 1 : a instanceof StoreAction.Delete ? -1 : 0;
  }

  /** Waits for records no longer than until a held postfix reload is due. */
  private Duration pollTimeout() {
    return reloadHeldUntil
        .map(at -> Duration.between(clock.instant(), at))
        .filter(d -> d.compareTo(POLL) < 0)
        .map(d -> d.isNegative() ? Duration.ZERO : d)
        .orElse(POLL);
  }

  /**
   * Committed effects run after the commit; they stay pending in the store until they succeed. A
   * failing daemon command is retried with its own backoff and never blocks applying new entries:
   * the store, not the effect, is what logins and delivery read. Kicks run at once; a postfix
   * reload waits for its window ({@link ReloadPacing}), pending in the store meanwhile.
   */
  private void runPendingEffects() {
    Effects pending = store.pendingEffects();
    if (pending.isEmpty() || System.nanoTime() < nextEffectsAttempt) {
      reloadHeldUntil = Optional.empty();
      return;
    }
    Instant now = clock.instant();
    ReloadPacing.Due due = pacing.due(pending, lastPostfixReload, now);
    reloadHeldUntil = due.reloadHeldUntil();
    Effects run = due.now();
    if (run.isEmpty()) {
      return;
    }
    try {
      daemons.run(run);
    } catch (RuntimeException e) {
      effectsBackoff =
          effectsBackoff.isZero()
              ? Duration.ofSeconds(1)
              : min(effectsBackoff.multipliedBy(2), MAX_BACKOFF);
      nextEffectsAttempt = System.nanoTime() + effectsBackoff.toNanos();
      problems.failed(AgentProblems.Source.DAEMON_EFFECTS, e.getMessage(), now);
      log.error(
          "daemon effects failed, retrying in {} s: {}",
          effectsBackoff.toSeconds(),
          e.getMessage());
      return;
    }
    effectsBackoff = Duration.ZERO;
    problems.succeeded(AgentProblems.Source.DAEMON_EFFECTS);
    if (run.reloadPostfix()) {
      lastPostfixReload = Optional.of(now);
    }
    store.effectsRan(run);
    log.info(
        "after commit: {}postfix reload{}, {} mailboxes kicked",
        run.reloadPostfix() ? "" : "no ",
        reloadHeldUntil.map(at -> " (one held until " + at + ")").orElse(""),
        run.kicks().size());
    log.debug("after commit: {}", run.encode());
  }

  private void idle() {
    Instant now = clock.instant();
    Duration every =
        deleteRetention
            .map(r -> r.dividedBy(4))
            .filter(r -> r.compareTo(MARK_CAUGHT_UP_EVERY) < 0)
            .orElse(MARK_CAUGHT_UP_EVERY);
    boolean markDue =
        caughtUpAt.isEmpty() || Duration.between(caughtUpAt.get(), now).compareTo(every) >= 0;
    if (markDue && System.nanoTime() >= nextMarkAttempt) {
      if (source.caughtUp()) {
        markCaughtUp(now);
      } else {
        // unknown (broker unreachable): the end offsets are asked again a little later
        nextMarkAttempt = System.nanoTime() + ASK_AGAIN_AFTER.toNanos();
      }
    }
    store.flushRanEffects();
    if (writtenSinceCheckpoint) {
      store.checkpoint();
      writtenSinceCheckpoint = false;
    }
    if (System.nanoTime() - lastReport > reportEvery.toNanos()) {
      report();
    }
  }

  private void report() {
    lastReport = System.nanoTime();
    status.publish(
        new AppliedStatus(
            hostId,
            store.positions(topic),
            store.contentHash().hex(),
            entryCount,
            clock.instant(),
            problems.snapshot()));
  }

  /** After a failed pass: the error is reported now, unless the store itself cannot be read. */
  private void reportIfPossible() {
    try {
      report();
    } catch (RuntimeException e) {
      log.debug("no report after the failure: {}", e.getMessage());
    }
  }

  /** Runs passes until {@link #stop()}. */
  @Override
  public void run() {
    while (!stopped) {
      Step step = reconcileOnce();
      if (!step.nextRunIn().isZero()) {
        sleep(step.nextRunIn());
      }
    }
    try {
      store.flushRanEffects();
    } catch (RuntimeException e) {
      // the next start runs those effects once more: harmless, every effect is idempotent
      log.warn("could not record the effects that ran before stopping: {}", e.getMessage());
    }
  }

  public void stop() {
    stopped = true;
  }

  private void sleep(Duration d) {
    try {
      long until = System.nanoTime() + d.toNanos();
      while (!stopped && System.nanoTime() < until) {
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
