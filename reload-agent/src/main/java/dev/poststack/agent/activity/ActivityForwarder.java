package dev.poststack.agent.activity;

import dev.poststack.schemas.host.MailDelivered;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards what Dovecot recorded on this host, on its own thread so the entry-apply loop never
 * waits on it: each poll reads the activity store's rows and the Dovecot log's new delivery lines,
 * reads each delivered message back (doveadm) to fill its record, sends everything, and only after
 * Kafka acknowledged deletes the rows it sent (compare-and-delete) and stores the log position, in
 * one short transaction. While Kafka is away rows and lines simply stay where they are.
 */
public final class ActivityForwarder implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ActivityForwarder.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final int MAX_LOG_BYTES = 1 << 20;

  /**
   * @param batch rows per table and delivery lines per poll
   */
  public record Settings(
      String hostId,
      Path activityStore,
      Optional<Path> hostStore,
      Path dovecotLog,
      Duration pollEvery,
      int batch,
      Duration usageEvery) {
    public Settings {
      if (batch < 1 || pollEvery.isNegative() || pollEvery.isZero() || usageEvery.isNegative()) {
        throw new IllegalArgumentException("activity batch and poll interval must be positive");
      }
    }

    /** Without the periodic usage sweep. */
    public Settings(
        String hostId,
        Path activityStore,
        Optional<Path> hostStore,
        Path dovecotLog,
        Duration pollEvery,
        int batch) {
      this(hostId, activityStore, hostStore, dovecotLog, pollEvery, batch, Duration.ZERO);
    }
  }

  /** What one poll did and when to poll again. */
  public record Pass(int activitySent, int deliveriesSent, int rowsDeleted, Duration next) {}

  private final Settings settings;
  private final ActivityDb db;
  private final MessageSource messages;
  private final ActivitySink sink;
  private final Clock clock;
  private final Thread thread;
  private final LogWatch logWatch;
  private volatile boolean stopped;

  /** How long a stop lets a send in flight finish before aborting it. */
  static final Duration SEND_GRACE = Duration.ofSeconds(2);

  private Duration backoff = Duration.ZERO;

  /** When every mailbox's usage is read next: at the first poll, then every usageEvery. */
  private Instant nextSweep = Instant.MIN;

  ActivityForwarder(Settings settings, MessageSource messages, ActivitySink sink, Clock clock) {
    this.settings = settings;
    this.db = ActivityDb.open(settings.activityStore(), settings.hostStore());
    this.messages = messages;
    this.sink = sink;
    this.clock = clock;
    this.logWatch = LogWatch.on(settings.dovecotLog());
    this.thread = new Thread(this, "poststack-activity");
    this.thread.setDaemon(true);
  }

  /** A mail host's forwarder: messages read back with its doveadm, through {@code scratch}. */
  public static ActivityForwarder forMailHost(
      Settings settings, String dovecotConfig, Path scratch, ActivitySink sink, Clock clock) {
    return new ActivityForwarder(
        settings, new DoveadmMessages(dovecotConfig, scratch), sink, clock);
  }

  public ActivityForwarder start() {
    thread.start();
    return this;
  }

  /** One poll: read, send, then delete exactly what was sent. */
  Pass pollOnce() {
    List<ActivityRow> rows = db.read(settings.batch());
    Optional<LogPosition> from = db.logPosition();
    LogTail.Chunk chunk = LogTail.read(settings.dovecotLog(), from, MAX_LOG_BYTES);
    List<MailDelivered> deliveries = new ArrayList<>();
    Optional<LogPosition> next = Optional.empty();
    for (LogTail.Line line : chunk.lines()) {
      if (deliveries.size() == settings.batch()) {
        break;
      }
      MailLogParser.parse(line.text(), ZoneId.systemDefault())
          .ifPresent(d -> deliveries.add(delivery(d)));
      next = Optional.of(line.after());
    }
    List<ActivityRow.Usage> measured = new ArrayList<>();
    deliveries.stream()
        .map(MailDelivered::getAddress)
        .distinct()
        .forEach(address -> messages.usage(address).ifPresent(measured::add));
    Instant now = clock.instant();
    boolean sweep = !settings.usageEvery().isZero() && !now.isBefore(nextSweep);
    if (sweep) {
      measured.addAll(messages.allUsage());
    }
    ActivityPlan plan = ActivityPlan.of(settings.hostId(), rows, measured, db::mailboxId, now);
    boolean moved = next.isPresent() && !next.equals(from);
    if (plan.records().isEmpty() && deliveries.isEmpty() && !moved) {
      if (sweep) {
        nextSweep = now.plus(settings.usageEvery()); // no mailbox has usage yet
      }
      db.checkpoint();
      return new Pass(0, 0, 0, settings.pollEvery());
    }
    sink.send(plan.records(), deliveries);
    int deleted = db.acknowledge(plan.deleteAfterAck(), moved ? next : Optional.empty());
    if (sweep) {
      nextSweep = now.plus(settings.usageEvery()); // only once it was acknowledged
    }
    // a full batch, or lines left unread: poll again at once
    boolean more =
        rows.size() >= settings.batch()
            || chunk.full()
            || next.isPresent() && !next.get().equals(chunk.next());
    return new Pass(
        plan.records().size(),
        deliveries.size(),
        deleted,
        more ? Duration.ZERO : settings.pollEvery());
  }

  private MailDelivered delivery(MailLogLine line) {
    Optional<Long> mailboxId = db.mailboxId(line.user().toLowerCase(java.util.Locale.ROOT));
    Optional<MessageSource.Found> found = messages.message(line.user(), line.folder(), line.uid());
    Optional<String> guid =
        found
            .map(MessageSource.Found::folderGuid)
            .or(() -> messages.folderGuid(line.user(), line.folder()));
    return DeliveryRecords.of(
        settings.hostId(), mailboxId, line, guid, found.map(MessageSource.Found::fields));
  }

  @Override
  public void run() {
    while (!stopped) {
      Duration wait;
      try {
        Pass pass = pollOnce();
        if (!backoff.isZero()) {
          log.info("activity forwarding works again");
        }
        backoff = Duration.ZERO;
        wait = pass.next();
      } catch (RuntimeException e) {
        backoff =
            backoff.isZero()
                ? settings.pollEvery()
                : backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                    ? MAX_BACKOFF
                    : backoff.multipliedBy(2);
        log.warn(
            "activity forwarding failed, rows and log lines kept, next try in {} ms: {}",
            backoff.toMillis(),
            e.toString());
        wait = backoff;
      }
      if (!wait.isZero()) {
        // after a failure the whole back-off is waited: a busy log must not hammer a broker that is
        // away
        pause(wait, backoff.isZero());
      }
    }
  }

  /**
   * Until the next poll is due or, with {@code wakeOnLog}, Dovecot wrote its log (a delivery, a
   * login), whichever comes first.
   */
  private void pause(Duration d, boolean wakeOnLog) {
    long until = System.nanoTime() + d.toNanos();
    try {
      while (!stopped) {
        long left = until - System.nanoTime();
        if (left <= 0 || logWatch.await(Duration.ofNanos(left), () -> stopped) && wakeOnLog) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  /**
   * Stops after the current poll; nothing sent but unacknowledged is lost, only sent again. A send
   * still waiting after {@link #SEND_GRACE} (the broker away) is aborted: stopping an agent must
   * not wait out Kafka's delivery timeout.
   */
  @Override
  public void close() {
    stopped = true;
    if (thread.isAlive()) {
      try {
        thread.join(SEND_GRACE.toMillis());
        if (thread.isAlive()) {
          sink.abort();
          thread.join(30_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    logWatch.close();
    sink.close();
    db.close();
  }
}
