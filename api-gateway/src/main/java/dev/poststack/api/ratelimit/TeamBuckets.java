package dev.poststack.api.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.poststack.api.platform.ApiProperties;
import dev.poststack.api.platform.RepeatedWarnings;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A token bucket per team, all its keys together, shared by every API instance: bucket4j's
 * PostgreSQL backend (a row per team in {@code team_rate_limit_bucket}, updated under SELECT … FOR
 * UPDATE). JDBC blocks, so it runs on a pool of its own (a few connections, a few threads, a
 * bounded queue), never on the event loop or Reactor's shared pools, and each check has a time-out.
 *
 * <p>When the shared store fails (time-out, full queue, database error) the check falls back to a
 * bucket for the team in this instance's memory, with the same limits, and the shared store is not
 * asked again for {@code retry-after-failure}. So an outage of the store neither stops the API nor
 * lifts the team limit: it only loosens it to once per instance, as the per-key limit always is.
 */
final class TeamBuckets implements AutoCloseable {
  static final String TABLE = "team_rate_limit_bucket";
  static final String FALLBACKS = "poststack.rate.limit.team.fallbacks";
  private final ApiProperties.Team settings;
  private final BucketConfiguration configuration;
  private final Cache<Long, Bucket> local;
  private final Shared shared;
  private final RepeatedWarnings warnings;
  private final Counter fallbacks;
  private volatile long sharedRetryAt = System.nanoTime();

  TeamBuckets(ApiProperties.Team settings, MeterRegistry meters, Duration warningWindow) {
    this.settings = settings;
    this.configuration =
        BucketConfiguration.builder()
            .addLimit(Rates.perSecond(settings.perSecond(), settings.burst()))
            .build();
    this.local =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .executor(Runnable::run)
            .build();
    this.shared = settings.shared() ? new Shared(settings, configuration) : null;
    this.warnings = new RepeatedWarnings(LoggerFactory.getLogger(TeamBuckets.class), warningWindow);
    this.fallbacks =
        Counter.builder(FALLBACKS)
            .description("team rate-limit checks answered by this instance's own bucket")
            .register(meters);
  }

  /** {@code tokens} from the team's bucket, or none; never fails (see the class comment). */
  Mono<ConsumptionProbe> tryConsume(long teamId, long tokens) {
    if (shared == null) {
      return Mono.fromSupplier(() -> consumeLocally(teamId, tokens));
    }
    if (System.nanoTime() - sharedRetryAt < 0) {
      fallbacks.increment();
      return Mono.fromSupplier(() -> consumeLocally(teamId, tokens));
    }
    return Mono.fromFuture(
            () ->
                CompletableFuture.supplyAsync(
                    () -> shared.bucket(teamId).tryConsumeAndReturnRemaining(tokens),
                    shared.executor))
        .timeout(settings.timeout())
        // the answer arrives on the store's own thread: move on so that thread is free again
        .publishOn(Schedulers.parallel())
        .onErrorResume(
            e -> {
              sharedFailed(e);
              return Mono.fromSupplier(() -> consumeLocally(teamId, tokens));
            });
  }

  /** Deletes the rows of teams whose bucket has been full for a while; for the hourly purge. */
  long removeExpired() {
    if (shared == null) {
      return 0;
    }
    long removed = 0;
    int batch;
    do {
      batch = shared.store.removeExpired(1000);
      removed += batch;
    } while (batch == 1000);
    return removed;
  }

  /** Runs blocking work for the store on its own threads (null when the store is not shared). */
  Executor storeExecutor() {
    return shared == null ? Runnable::run : shared.executor;
  }

  private ConsumptionProbe consumeLocally(long teamId, long tokens) {
    return local
        .get(teamId, id -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build())
        .tryConsumeAndReturnRemaining(tokens);
  }

  private void sharedFailed(Throwable e) {
    fallbacks.increment();
    sharedRetryAt = System.nanoTime() + settings.retryAfterFailure().toNanos();
    warnings.warn(
        "team store failed",
        "team rate limit: the shared store {}; this instance counts each team on its own for {} s",
        why(e),
        settings.retryAfterFailure().toSeconds());
  }

  /** In words, for an operator's log line: a busy store is load, not a fault with a trace. */
  private String why(Throwable e) {
    if (e instanceof TimeoutException) {
      return "gave no answer within " + settings.timeout().toMillis() + " ms";
    }
    if (e instanceof RejectedExecutionException) {
      return "has a full queue";
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return "failed (" + (root.getMessage() == null ? "no message" : root.getMessage()) + ")";
  }

  @Override
  public void close() {
    if (shared != null) {
      shared.close();
    }
    warnings.flush();
  }

  /** The PostgreSQL side: its pool, its threads, the bucket4j proxy per team. */
  private static final class Shared implements AutoCloseable {
    private final HikariDataSource pool;
    private final ThreadPoolExecutor executor;
    private final PostgreSQLSelectForUpdateBasedProxyManager<Long> store;
    private final Cache<Long, BucketProxy> proxies;
    private final BucketConfiguration configuration;

    Shared(ApiProperties.Team settings, BucketConfiguration configuration) {
      this.configuration = configuration;
      HikariConfig config = new HikariConfig();
      config.setPoolName("team-rate-limit");
      config.setJdbcUrl(settings.jdbcUrl());
      config.setUsername(settings.user());
      config.setPassword(settings.password() == null ? "" : settings.password());
      config.setMaximumPoolSize(Math.max(1, settings.connections()));
      config.setMinimumIdle(Math.max(1, settings.connections()));
      config.setConnectionTimeout(Math.max(250, settings.timeout().toMillis()));
      config.setInitializationFailTimeout(-1); // the API starts even if the store is down
      // a thread stuck on a dead server would hold one of the few threads: bound it
      config.addDataSourceProperty("socketTimeout", "10");
      config.addDataSourceProperty("connectTimeout", "2");
      config.addDataSourceProperty("ApplicationName", "poststack-api-team-rate-limit");
      this.pool = new HikariDataSource(config);
      int threads = Math.max(1, settings.threads());
      AtomicInteger n = new AtomicInteger();
      this.executor =
          new ThreadPoolExecutor(
              threads,
              threads,
              0,
              TimeUnit.MILLISECONDS,
              new ArrayBlockingQueue<>(Math.max(1, settings.queue())),
              r -> {
                Thread t = new Thread(r, "team-rate-limit-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              },
              new ThreadPoolExecutor.AbortPolicy()); // a full queue falls back, never waits
      this.store =
          Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
              .table(TABLE)
              .idColumn("id")
              .stateColumn("state")
              .expiresAtColumn("expires_at")
              .expirationAfterWrite(
                  ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                      Duration.ofMinutes(1)))
              .requestTimeout(Duration.ofSeconds(Math.max(1, settings.timeout().toSeconds())))
              .build();
      this.proxies =
          Caffeine.newBuilder()
              .maximumSize(10_000)
              .expireAfterAccess(Duration.ofMinutes(10))
              .executor(Runnable::run)
              .build();
    }

    BucketProxy bucket(long teamId) {
      // batching: concurrent checks of one team on this instance share one round trip
      return proxies.get(
          teamId,
          id ->
              store.builder().withOptimization(Optimizations.batching()).build(id, configuration));
    }

    @Override
    public void close() {
      executor.shutdownNow();
      pool.close();
    }
  }
}
