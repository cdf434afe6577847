package dev.poststack.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.api.platform.ApiProperties;
import dev.poststack.controlplane.ApiSchema;
import dev.poststack.testing.FreePorts;
import dev.poststack.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The team buckets against a real PostgreSQL, without Spring: shared, and what happens without. */
class TeamBucketsIT {
  private static TestDatabase db;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
    ApiSchema.migrate(db.jdbcUrl(), db.user(), db.password());
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  /** A generous time-out, so a busy machine never makes these checks fall back by accident. */
  private static ApiProperties.Team team(long perSecond, long burst, String jdbcUrl) {
    return team(perSecond, burst, jdbcUrl, Duration.ofSeconds(10));
  }

  private static ApiProperties.Team team(
      long perSecond, long burst, String jdbcUrl, Duration timeout) {
    return new ApiProperties.Team(
        perSecond,
        burst,
        2,
        true,
        timeout,
        Duration.ofSeconds(5),
        2,
        2,
        256,
        jdbcUrl,
        db.user(),
        db.password());
  }

  private static TeamBuckets buckets(ApiProperties.Team settings, SimpleMeterRegistry meters) {
    return new TeamBuckets(settings, meters, Duration.ofSeconds(10));
  }

  @Test
  void twoInstancesCountOneTeamInOneBucket() {
    var metersA = new SimpleMeterRegistry();
    var metersB = new SimpleMeterRegistry();
    long teamId = 7001;
    try (TeamBuckets a = buckets(team(1, 10, db.jdbcUrl()), metersA);
        TeamBuckets b = buckets(team(1, 10, db.jdbcUrl()), metersB)) {
      long start = System.nanoTime();
      int consumed = 0;
      for (int i = 0; i < 40; i++) {
        TeamBuckets instance = i % 2 == 0 ? a : b;
        if (instance.tryConsume(teamId, 1).block().isConsumed()) {
          consumed++;
        }
      }
      long elapsedSeconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

      // one bucket: its burst plus what one token a second refilled meanwhile; separate buckets
      // per instance would have let 20 through at once
      assertThat(consumed).isBetween(10, 10 + (int) elapsedSeconds + 1);
      assertThat(a.tryConsume(teamId + 1, 1).block().isConsumed()).isTrue();
      assertThat(metersA.get(TeamBuckets.FALLBACKS).counter().count()).isZero();
      assertThat(metersB.get(TeamBuckets.FALLBACKS).counter().count()).isZero();
    }
  }

  @Test
  void countsOnItsOwnWhenTheSharedStoreIsUnreachable() {
    var meters = new SimpleMeterRegistry();
    String nowhere = "jdbc:postgresql://127.0.0.1:" + FreePorts.one() + "/nowhere";
    try (TeamBuckets instance = buckets(team(1, 5, nowhere, Duration.ofMillis(250)), meters)) {
      int consumed = 0;
      for (int i = 0; i < 20; i++) {
        if (instance.tryConsume(7100, 1).block().isConsumed()) {
          consumed++;
        }
      }

      // still limited, by this instance's own bucket for the team
      assertThat(consumed).isBetween(5, 10);
      assertThat(meters.get(TeamBuckets.FALLBACKS).counter().count()).isEqualTo(20);
    }
  }

  @Test
  void doesNotWaitForAStoreThatHangs() throws Exception {
    var meters = new SimpleMeterRegistry();
    long teamId = 7200;
    try (TeamBuckets instance = buckets(team(1, 5, db.jdbcUrl(), Duration.ofSeconds(2)), meters);
        Connection holder = db.connect()) {
      assertThat(instance.tryConsume(teamId, 1).block().isConsumed()).isTrue(); // the row exists
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        // another transaction holds the team's row: the store's next check would wait on it
        s.execute("select * from team_rate_limit_bucket where id = " + teamId + " for update");
        assertThat(instance.tryConsume(teamId, 1).block(Duration.ofSeconds(30)).isConsumed())
            .isTrue();
      }
      holder.rollback();
      assertThat(meters.get(TeamBuckets.FALLBACKS).counter().count()).isEqualTo(1);
    }
  }

  @Test
  void purgeDeletesTheRowsOfBucketsThatAreFullAgain() throws Exception {
    var meters = new SimpleMeterRegistry();
    try (TeamBuckets instance = buckets(team(1000, 1, db.jdbcUrl()), meters);
        Connection c = db.connect();
        Statement s = c.createStatement()) {
      instance.tryConsume(7300, 1).block();
      // as if the bucket had been full for longer than it is kept
      s.execute("update team_rate_limit_bucket set expires_at = 0 where id = 7300");

      assertThat(instance.removeExpired()).isEqualTo(1);
      try (var rs = s.executeQuery("select count(*) from team_rate_limit_bucket where id = 7300")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }
}
