package dev.poststack.provisioner.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.launcher.spi.EventReplayer.Until;
import dev.poststack.provisioner.Database;
import dev.poststack.provisioner.EventLog;
import dev.poststack.provisioner.ProvisionerStack;
import dev.poststack.provisioner.TestEvents;
import dev.poststack.provisioner.replay.ReplayContext;
import dev.poststack.schemas.host.MailboxActivity;
import dev.poststack.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Hosts' reports through a real broker into the real mailbox rows and the notice queue. */
class MailboxActivityIT {
  @RegisterExtension static final ProvisionerStack stack = new ProvisionerStack();

  private static final String GROUP = "poststack-activity";
  private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);
  private static final long QUOTA = 1L << 20; // the smallest quota a mailbox may have
  private static HostActivity hosts;

  private final Database db = stack.db();

  @BeforeAll
  static void twoTeamsWithMailboxes() {
    hosts = new HostActivity(stack.brokers());
    EventLog log = stack.log();
    TestEvents team = TestEvents.forTeam(11);
    TestEvents other = TestEvents.forTeam(12);
    var small = team.mailboxCreated(1002, 101, "bob");
    small.setQuotaBytes(QUOTA);
    var gone = team.mailboxCreated(1004, 101, "dora");
    var erin = team.mailboxCreated(1006, 101, "erin");
    erin.setQuotaBytes(QUOTA);
    log.publishAll(
        team.domainCreated(101, "life.example"),
        team.domainVerified(101),
        team.mailboxCreated(1001, 101, "anna"),
        small,
        team.mailboxCreated(1003, 101, "support"),
        gone,
        team.mailboxDeleted(1004, 101),
        team.mailboxCreated(1005, 101, "dora"),
        erin,
        team.mailboxCreated(1007, 101, "fay"),
        team.mailboxCreated(1008, 101, "info"),
        team.mailboxCreated(1009, 101, "gail"),
        other.domainCreated(201, "other.example"),
        other.domainVerified(201),
        other.mailboxCreated(2001, 201, "support"),
        other.mailboxCreated(2002, 201, "info"));
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> log.consumedToTheEnd("poststack-provisioner"));
  }

  @AfterAll
  static void close() {
    hosts.close();
  }

  private static MailboxActivity.Builder report(String host, String address, Long id) {
    return MailboxActivity.newBuilder()
        .setHostId(host)
        .setAddress(address)
        .setMailboxId(id)
        .setReportedAt(T);
  }

  private static MailboxActivity usage(long bytes, Instant at) {
    return usage("bob@life.example", 1002L, bytes, at);
  }

  private static MailboxActivity usage(String address, long id, long bytes, Instant at) {
    return report("mx1", address, id)
        .setUsedBytes(bytes)
        .setMessageCount(bytes / 100)
        .setUsageObservedAt(at)
        .build();
  }

  private void applied() {
    await().atMost(Duration.ofSeconds(30)).until(() -> hosts.consumedToTheEnd(GROUP));
  }

  private Map<String, Object> mailbox(long id) {
    return db.row("select * from mailbox where id = ?", id);
  }

  private static Instant instant(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v == null ? null : ((Timestamp) v).toInstant();
  }

  @Test
  void aLoginAndAUsageBecomeTheMailboxColumnsWithoutTouchingItsStateOrAudit() {
    Map<String, Object> before = mailbox(1001);
    long audit = db.count("select count(*) from audit_event");
    hosts.send(
        report("mx1", "anna@life.example", 1001L)
            .setLastLoginAt(T.plusSeconds(1))
            .setLastLoginService("imap")
            .setUsedBytes(4096L)
            .setMessageCount(3L)
            .setUsageObservedAt(T.plusSeconds(2))
            .build());
    applied();
    Map<String, Object> row = mailbox(1001);
    assertThat(instant(row, "last_login_at")).isEqualTo(T.plusSeconds(1));
    assertThat(row)
        .containsEntry("used_bytes", 4096L)
        .containsEntry("message_count", 3L)
        .containsEntry("updated_at", before.get("updated_at"))
        .containsEntry("status", "active");
    assertThat(instant(row, "usage_reported_at")).isEqualTo(T.plusSeconds(2));
    assertThat(db.count("select count(*) from audit_event")).isEqualTo(audit);
  }

  @Test
  void theLatestLoginAcrossHostsWinsAndAnOlderReportDoesNotMoveItBack() {
    hosts.send(
        report("mx1", "support@life.example", 1003L).setLastLoginAt(T.plusSeconds(20)).build(),
        report("mx2", "support@life.example", 1003L).setLastLoginAt(T.plusSeconds(10)).build(),
        report("mx2", "support@life.example", null)
            .setUsedBytes(500L)
            .setUsageObservedAt(T.plusSeconds(30))
            .build());
    applied();
    hosts.send(
        report("mx3", "support@life.example", 1003L)
            .setLastLoginAt(T.plusSeconds(15))
            .setUsedBytes(100L)
            .setUsageObservedAt(T.plusSeconds(29))
            .build());
    applied();
    Map<String, Object> row = mailbox(1003);
    assertThat(instant(row, "last_login_at")).isEqualTo(T.plusSeconds(20));
    assertThat(row).containsEntry("used_bytes", 500L);
    assertThat(instant(row, "usage_reported_at")).isEqualTo(T.plusSeconds(30));
  }

  @Test
  void anotherTeamsMailboxWithTheSameLocalPartOnAnotherDomainIsUntouched() {
    hosts.send(
        report("mx1", "info@life.example", null)
            .setLastLoginAt(T.plusSeconds(40))
            .setUsedBytes(7L)
            .build());
    applied();
    assertThat(instant(mailbox(1008), "last_login_at")).isEqualTo(T.plusSeconds(40));
    assertThat(mailbox(1008)).containsEntry("used_bytes", 7L);
    Map<String, Object> others = mailbox(2002);
    assertThat(others.get("last_login_at")).isNull();
    assertThat(others.get("used_bytes")).isNull();
  }

  @Test
  void unknownAddressesAndTheDeletedMailboxsOwnReportsAreDroppedAndCounted() {
    MeterRegistry metrics = stack.provisioner().getBean(MeterRegistry.class);
    double unknown = count(metrics, "unknown_mailbox");
    double deleted = count(metrics, "deleted_mailbox");
    double undecodable = count(metrics, "undecodable");
    hosts.send(
        report("mx1", "nemo@life.example", null).setLastLoginAt(T).build(),
        report("mx1", "anna@nowhere.example", 1001L).setLastLoginAt(T).build(),
        // the deleted dora (1004) still had a session on a host; the new dora (1005) is another box
        report("mx1", "dora@life.example", 1004L).setLastLoginAt(T.plusSeconds(50)).build());
    hosts.sendRaw("dora@life.example", "not a report".getBytes(StandardCharsets.UTF_8));
    hosts.send(report("mx1", "dora@life.example", 1005L).setLastLoginAt(T.plusSeconds(5)).build());
    applied();
    assertThat(count(metrics, "unknown_mailbox") - unknown).isEqualTo(2);
    assertThat(count(metrics, "deleted_mailbox") - deleted).isEqualTo(1);
    assertThat(count(metrics, "undecodable") - undecodable).isEqualTo(1);
    assertThat(mailbox(1004).get("last_login_at")).isNull();
    assertThat(instant(mailbox(1005), "last_login_at"))
        .as("the record after the undecodable one on the same partition is applied")
        .isEqualTo(T.plusSeconds(5));
    assertThat(db.count("select count(*) from mailbox where email_address like 'nemo@%'")).isZero();
  }

  @Test
  void quotaNoticesAtEightyAndAHundredPercentOncePerUpwardCrossing() {
    List<long[]> steps = // {per mille of the quota, notices expected after the step}
        List.of(
            new long[] {700, 0},
            new long[] {800, 1}, // 80 %
            new long[] {900, 1},
            new long[] {1000, 2}, // 100 %
            new long[] {1100, 2},
            new long[] {500, 2}, // back below both: re-armed
            new long[] {850, 3}, // 80 % again
            new long[] {1200, 4}); // 100 % again
    int second = 100;
    for (long[] step : steps) {
      hosts.send(usage(used(step[0]), T.plusSeconds(second++)));
      applied();
      assertThat(db.count("select count(*) from usage_notice where mailbox_id = 1002"))
          .as("notices after a usage of %d per mille", step[0])
          .isEqualTo(step[1]);
    }
    assertThat(
            db.rows(
                "select team_id, mailbox_id, threshold, used_bytes, quota_bytes from usage_notice"
                    + " where mailbox_id = 1002 order by id"))
        .containsExactly(
            notice(used(800), 80),
            notice(used(1000), 100),
            notice(used(850), 80),
            notice(used(1200), 100));
    assertThat(mailbox(1002)).containsEntry("quota_notice_level", 100);
  }

  private static Map<String, Object> notice(long used, int threshold) {
    return Map.of(
        "team_id", 11L,
        "mailbox_id", 1002L,
        "threshold", threshold,
        "used_bytes", used,
        "quota_bytes", QUOTA);
  }

  /** Exactly {@code permille} / 1000 of the quota (a power of two, so 80 % is exact too). */
  private static long used(long permille) {
    return QUOTA * permille / 1000 + (QUOTA * permille % 1000 == 0 ? 0 : 1);
  }

  @Test
  void consumingTheWholeTopicAgainAfterACrashChangesNothing() throws Exception {
    hosts.send(
        usage("erin@life.example", 1006, used(990), T.plusSeconds(500)),
        usage("erin@life.example", 1006, used(400), T.plusSeconds(499)));
    applied();
    assertThat(db.count("select count(*) from usage_notice where mailbox_id = 1006")).isOne();
    List<Map<String, Object>> rows = db.rows("select * from mailbox order by id");
    List<Map<String, Object>> notices = db.rows("select * from usage_notice order by id");

    MessageListenerContainer activity =
        stack
            .provisioner()
            .getBean(KafkaListenerEndpointRegistry.class)
            .getListenerContainer("activity");
    activity.stop();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> rewound());
    assertThat(hosts.consumedToTheEnd(GROUP)).isFalse();
    activity.start();
    applied();

    assertThat(db.rows("select * from mailbox order by id")).isEqualTo(rows);
    assertThat(db.rows("select * from usage_notice order by id")).isEqualTo(notices);
  }

  private static boolean rewound() throws Exception {
    hosts.rewind(GROUP); // refused while the stopped consumers are still members
    return true;
  }

  @Test
  void replayVerifyFindsTheLiveStateEqualWithActivityPresent() throws Exception {
    hosts.send(
        report("mx1", "fay@life.example", 1007L)
            .setLastLoginAt(T.plusSeconds(600))
            .setUsedBytes(1L << 30)
            .setUsageObservedAt(T.plusSeconds(600))
            .build());
    applied();
    assertThat(db.count("select count(*) from mailbox where last_login_at is not null"))
        .isPositive();
    TestDatabase live = stack.testDb();
    try (TestDatabase scratch = TestDatabase.create();
        ReplayContext replay = ReplayContext.into(stack.brokers(), scratch, "replay-unused")) {
      replay.replayer().replay(Until.END, progress -> {});
      assertThat(replay.replayer().differenceFrom(live.jdbcUrl(), live.user(), live.password()))
          .isEmpty();
    }
  }

  @Test
  void provisioningGoesOnWhileTheActivityConsumerIsStuck() throws Exception {
    try (Connection holder = stack.testDb().connect()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        // a long transaction on the row: the activity batch for it waits on the lock
        s.execute("select id from mailbox where id = 1009 for update");
      }
      hosts.send(report("mx1", "gail@life.example", 1009L).setLastLoginAt(T).build());
      var created = TestEvents.forTeam(11).mailboxCreated(1010, 101, "hank");
      stack.log().publish(created);
      stack.outcomes().awaitAll(created.getEnvelope().getEventId());
      assertThat(db.count("select count(*) from mailbox where id = 1010")).isOne();
      assertThat(hosts.consumedToTheEnd(GROUP)).as("the activity batch is still waiting").isFalse();
      holder.rollback();
    }
    applied();
    assertThat(instant(mailbox(1009), "last_login_at")).isEqualTo(T);
  }

  private static double count(MeterRegistry metrics, String outcome) {
    var counter = metrics.find("poststack.activity.records").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }
}
