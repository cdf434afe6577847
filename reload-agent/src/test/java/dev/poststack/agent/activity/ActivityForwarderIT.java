package dev.poststack.agent.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.schemas.host.MailDelivered;
import dev.poststack.schemas.host.MailboxActivity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One poll on a real activity store and a real log file, with a sink that can refuse: nothing is
 * deleted and the position does not move until the sink acknowledged.
 */
class ActivityForwarderIT {
  @TempDir Path dir;

  /** Records what it was given; refuses while {@code down}. */
  static final class Sink implements ActivitySink {
    boolean down;
    final List<MailboxActivity> activity = new ArrayList<>();
    final List<MailDelivered> deliveries = new ArrayList<>();

    @Override
    public void send(List<MailboxActivity> a, List<MailDelivered> d) {
      if (down) {
        throw new ActivityException("broker away", null);
      }
      activity.addAll(a);
      deliveries.addAll(d);
    }

    @Override
    public void close() {}
  }

  /** Every message gone: the records carry what the log line gave. */
  static final class NoMessages implements MessageSource {
    @Override
    public Optional<Found> message(String user, String folder, long uid) {
      return Optional.empty();
    }

    @Override
    public Optional<String> folderGuid(String user, String folder) {
      return Optional.of("0123456789abcdef0123456789abcdef");
    }

    @Override
    public Optional<ActivityRow.Usage> usage(String user) {
      return Optional.of(new ActivityRow.Usage(user, 2048, 7));
    }

    @Override
    public List<ActivityRow.Usage> allUsage() {
      return List.of(
          new ActivityRow.Usage("a@x.test", 1024, 1), new ActivityRow.Usage("c@x.test", 0, 0));
    }
  }

  private static String save(String user, int uid) {
    return "2026-12-02 12:00:0"
        + uid
        + " lmtp("
        + user
        + ")<1><s>: Info: save: box=INBOX, uid="
        + uid
        + ", msgid=<m"
        + uid
        + "@x>, size=100, from=a@x.test, subject=s"
        + uid
        + "\n";
  }

  private void dovecotWrites(Path file, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Test
  void keepsRowsAndPositionUntilTheSinkAcknowledgedThenSendsEachOnce() throws Exception {
    Path store = dir.resolve("activity.sqlite");
    Path log = dir.resolve("dovecot.log");
    Files.writeString(log, "2026-12-02 12:00:00 master: Info: starting\n" + save("a@x.test", 1));
    Sink sink = new Sink();
    ActivityForwarder.Settings settings =
        new ActivityForwarder.Settings(
            "mx1", store, Optional.empty(), log, Duration.ofSeconds(1), 500);
    Clock clock = Clock.fixed(Instant.parse("2026-12-02T12:00:10Z"), ZoneOffset.UTC);
    try (ActivityForwarder f = new ActivityForwarder(settings, new NoMessages(), sink, clock)) {
      dovecotWrites(store, "INSERT INTO last_login VALUES ('a@x.test', 'imap', 100)");

      sink.down = true;
      assertThatThrownBy(f::pollOnce).isInstanceOf(ActivityException.class);
      assertThatThrownBy(f::pollOnce).isInstanceOf(ActivityException.class);

      sink.down = false;
      ActivityForwarder.Pass pass = f.pollOnce();
      assertThat(pass.activitySent()).isEqualTo(1);
      assertThat(pass.deliveriesSent()).isEqualTo(1);
      assertThat(pass.rowsDeleted()).isEqualTo(1);
      assertThat(sink.deliveries)
          .extracting(MailDelivered::getDeliveryId)
          .containsExactly("mx1/a@x.test/0123456789abcdef0123456789abcdef/1");
      assertThat(sink.activity.get(0).getLastLoginAt()).isEqualTo(Instant.ofEpochSecond(100));
      // usage read after the delivery rides along with the login
      assertThat(sink.activity.get(0).getUsedBytes()).isEqualTo(2048L);

      // nothing new: nothing sent again
      assertThat(f.pollOnce().next()).isEqualTo(Duration.ofSeconds(1));
      Files.writeString(
          log, save("a@x.test", 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      f.pollOnce();
      assertThat(sink.deliveries).extracting(MailDelivered::getUid).containsExactly(1L, 2L);
      assertThat(sink.activity).hasSize(2); // the usage after the second delivery
    }
    // a new forwarder (agent restart) starts where the last acknowledged one ended
    Sink after = new Sink();
    try (ActivityForwarder f =
        new ActivityForwarder(settings, new NoMessages(), after, Clock.systemUTC())) {
      Files.writeString(
          log, save("a@x.test", 3), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      f.pollOnce();
      assertThat(after.deliveries).extracting(MailDelivered::getUid).containsExactly(3L);
    }
  }

  /**
   * Stopping while a send waits on an unreachable broker: the send is aborted after a short grace
   * instead of waiting out Kafka's delivery timeout, and what it carried is sent by the next
   * forwarder.
   */
  @Test
  void aStopAbortsASendThatWaitsOnAnUnreachableBrokerAndLosesNothing() throws Exception {
    Path store = dir.resolve("activity.sqlite");
    Path log = dir.resolve("dovecot.log");
    Files.writeString(log, save("a@x.test", 1));
    ActivityForwarder.Settings settings =
        new ActivityForwarder.Settings(
            "mx1", store, Optional.empty(), log, Duration.ofSeconds(1), 500);
    java.util.concurrent.CountDownLatch sending = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch aborted = new java.util.concurrent.CountDownLatch(1);
    ActivitySink hanging =
        new ActivitySink() {
          @Override
          public void send(List<MailboxActivity> a, List<MailDelivered> d) {
            sending.countDown();
            try {
              // as a producer's flush waits for a broker that is away, until it is aborted
              if (!aborted.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("never aborted");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new ActivityException("aborted", null);
          }

          @Override
          public void abort() {
            aborted.countDown();
          }

          @Override
          public void close() {}
        };
    ActivityForwarder f =
        new ActivityForwarder(settings, new NoMessages(), hanging, Clock.systemUTC()).start();
    assertThat(sending.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    f.close();
    assertThat(aborted.getCount()).as("the waiting send was aborted by the stop").isZero();

    Sink after = new Sink();
    try (ActivityForwarder next =
        new ActivityForwarder(settings, new NoMessages(), after, Clock.systemUTC())) {
      next.pollOnce();
      assertThat(after.deliveries).extracting(MailDelivered::getUid).containsExactly(1L);
    }
  }

  /**
   * The agent dies after the broker acknowledged and before it deleted and stored its position: the
   * next agent sends the same records again, with the same delivery ids, so a consumer that dedupes
   * on them applies each delivery once; nothing is lost.
   */
  @Test
  void aCrashBetweenTheAckAndTheDeleteResendsTheSameDeliveryIds() throws Exception {
    Path store = dir.resolve("activity.sqlite");
    Path log = dir.resolve("dovecot.log");
    Files.writeString(log, save("a@x.test", 1) + save("b@x.test", 2));
    ActivityForwarder.Settings settings =
        new ActivityForwarder.Settings(
            "mx1", store, Optional.empty(), log, Duration.ofSeconds(1), 500);
    Sink acked = new Sink();
    ActivitySink dyingAfterTheAck =
        new ActivitySink() {
          @Override
          public void send(List<MailboxActivity> a, List<MailDelivered> d) {
            acked.send(a, d);
            throw new IllegalStateException("killed after the broker acknowledged");
          }

          @Override
          public void close() {}
        };
    try (ActivityForwarder f =
        new ActivityForwarder(settings, new NoMessages(), dyingAfterTheAck, Clock.systemUTC())) {
      assertThatThrownBy(f::pollOnce).isInstanceOf(IllegalStateException.class);
    }
    Sink next = new Sink();
    try (ActivityForwarder f =
        new ActivityForwarder(settings, new NoMessages(), next, Clock.systemUTC())) {
      f.pollOnce();
      f.pollOnce();
    }
    assertThat(next.deliveries)
        .extracting(MailDelivered::getDeliveryId)
        .containsExactlyElementsOf(
            acked.deliveries.stream().map(MailDelivered::getDeliveryId).toList())
        .hasSize(2)
        .doesNotHaveDuplicates();
  }

  @Test
  void everyMailboxsUsageIsSentOncePerSweepInterval() throws Exception {
    Path store = dir.resolve("activity.sqlite");
    Path log = dir.resolve("dovecot.log");
    Files.writeString(log, "");
    Sink sink = new Sink();
    ActivityForwarder.Settings settings =
        new ActivityForwarder.Settings(
            "mx1", store, Optional.empty(), log, Duration.ofSeconds(1), 500, Duration.ofHours(1));
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    try (ActivityForwarder f = new ActivityForwarder(settings, new NoMessages(), sink, clock)) {
      f.pollOnce();
      assertThat(sink.activity)
          .extracting(MailboxActivity::getAddress)
          .containsExactly("a@x.test", "c@x.test");
      clock.now = clock.now.plus(Duration.ofMinutes(59));
      f.pollOnce();
      assertThat(sink.activity).hasSize(2);
      clock.now = clock.now.plus(Duration.ofMinutes(2));
      f.pollOnce();
      assertThat(sink.activity).hasSize(4);
    }
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aFullBatchAsksForTheNextPollAtOnce() throws Exception {
    Path store = dir.resolve("activity.sqlite");
    Path log = dir.resolve("dovecot.log");
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      lines.append(save("a@x.test", i));
    }
    Files.writeString(log, lines);
    Sink sink = new Sink();
    ActivityForwarder.Settings settings =
        new ActivityForwarder.Settings(
            "mx1", store, Optional.empty(), log, Duration.ofSeconds(1), 2);
    try (ActivityForwarder f =
        new ActivityForwarder(settings, new NoMessages(), sink, Clock.systemUTC())) {
      assertThat(f.pollOnce().next()).isZero();
      assertThat(f.pollOnce().next()).isZero();
      assertThat(f.pollOnce().next()).isEqualTo(Duration.ofSeconds(1));
      assertThat(sink.deliveries)
          .extracting(MailDelivered::getUid)
          .containsExactly(1L, 2L, 3L, 4L, 5L);
    }
  }
}
