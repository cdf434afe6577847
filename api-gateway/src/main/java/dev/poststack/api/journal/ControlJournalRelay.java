package dev.poststack.api.journal;

import dev.poststack.api.platform.RepeatedWarnings;
import dev.poststack.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Relays the control journal (migration V9: every committed change to {@code team}, {@code api_key}
 * and {@code team_limit}, written by a trigger in the writer's own transaction) to the compacted
 * topic {@code poststack.control-records}, so an empty database plus the Kafka log gives back the
 * API's own tables too ({@code bin/poststack replay --rebuild}, ADR 0010).
 *
 * <p>A batch is sent, every send acknowledged, and only then its rows deleted by id, in one
 * transaction that holds a transaction-scoped advisory lock: one instance relays at a time, so the
 * records of one row reach the topic in the order they were committed. A crash after the sends and
 * before the delete sends them again, which a compacted topic keyed by row absorbs.
 */
@Component
@ConditionalOnProperty(
    name = "poststack.control-journal.enabled",
    havingValue = "true",
    matchIfMissing = true)
class ControlJournalRelay implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ControlJournalRelay.class);
  private static final int BATCH = 500;
  private static final Duration TICK = Duration.ofMillis(500);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
  // any number the other advisory locks of this database do not use
  private static final long LOCK = 0x5053_4a52_4e4cL;

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final KafkaTemplate<String, byte[]> kafka;
  // a broker or database that stays away would otherwise write a line per tick
  private final RepeatedWarnings warnings = new RepeatedWarnings(log, Duration.ofMinutes(1));
  // sends block on metadata while the broker is away: never on the event loop
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "control-journal-relay");
            t.setDaemon(true);
            return t;
          });
  private final Scheduler senderScheduler = Schedulers.fromExecutorService(sender);
  private volatile Disposable task;

  ControlJournalRelay(
      DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, byte[]> kafka) {
    this.db = db;
    this.tx = tx;
    this.kafka = kafka;
  }

  record Entry(long id, String key, String row) {}

  /** Relays one batch; the number of records sent (0: nothing to do, or another instance is). */
  Mono<Integer> relayOnce() {
    Mono<Integer> batch =
        db.sql("select pg_try_advisory_xact_lock(:lock) as locked")
            .bind("lock", LOCK)
            .map((row, meta) -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
            .one()
            .flatMap(locked -> locked ? sendBatch() : Mono.just(0));
    return tx.transactional(batch);
  }

  private Mono<Integer> sendBatch() {
    return db.sql(
            "select id, record_key, row_json::text as row from control_journal order by id limit "
                + BATCH)
        .map(
            (row, meta) ->
                new Entry(
                    row.get("id", Long.class),
                    row.get("record_key", String.class),
                    row.get("row", String.class)))
        .all()
        .collectList()
        .flatMap(
            entries ->
                entries.isEmpty()
                    ? Mono.just(0)
                    : Mono.fromCallable(() -> send(entries))
                        .subscribeOn(senderScheduler)
                        .then(
                            // exactly the rows sent: a writer that took a lower id and committed
                            // while the batch was being sent has a row this delete can see (READ
                            // COMMITTED) that was never sent, so "id <= last" would lose it
                            db.sql("delete from control_journal where id = any(:ids)")
                                .bind("ids", entries.stream().map(Entry::id).toArray(Long[]::new))
                                .fetch()
                                .rowsUpdated())
                        .thenReturn(entries.size()));
  }

  private int send(List<Entry> entries) throws Exception {
    List<CompletableFuture<?>> acks = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      byte[] value = e.row() == null ? null : e.row().getBytes(StandardCharsets.UTF_8);
      acks.add(kafka.send(Topics.CONTROL_RECORDS.name(), e.key(), value));
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return entries.size();
  }

  /** Relays until the journal is empty (a full batch means there may be more). */
  private Mono<Void> drain() {
    return relayOnce()
        .expand(sent -> sent == BATCH ? relayOnce() : Mono.empty())
        .then()
        .onErrorResume(
            e -> {
              warnings.warn(
                  "control-journal", "control journal relay failed, retrying: {}", e.getMessage());
              return Mono.empty();
            });
  }

  @Override
  public void start() {
    task =
        Flux.interval(Duration.ZERO, TICK)
            .onBackpressureDrop()
            .concatMap(t -> drain(), 1)
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable running = task;
    task = null;
    if (running != null) {
      running.dispose();
    }
    sender.shutdown();
  }

  @Override
  public boolean isRunning() {
    return task != null;
  }
}
