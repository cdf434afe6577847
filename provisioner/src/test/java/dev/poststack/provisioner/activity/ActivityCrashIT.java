package dev.poststack.provisioner.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.provisioner.CrashingProvisioner;
import dev.poststack.provisioner.Database;
import dev.poststack.provisioner.ProvisionerStack;
import dev.poststack.provisioner.Provisioners;
import dev.poststack.provisioner.TestEvents;
import dev.poststack.schemas.host.MailboxActivity;
import dev.poststack.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A provisioner killed (no shutdown, no offset commit: what SIGKILL does) right after an activity
 * batch that queued a quota notice committed: the next one gets the batch again, and it changes
 * nothing — one notice, the same rows.
 */
class ActivityCrashIT {
  @RegisterExtension static final ProvisionerStack stack = ProvisionerStack.brokerOnly();

  private static final String GROUP = "poststack-activity";
  private static final long QUOTA = 1L << 20;

  @Test
  void aBatchRedeliveredAfterACrashBetweenCommitAndOffsetsRaisesNoSecondNotice() throws Exception {
    TestEvents team = TestEvents.forTeam(41);
    var small = team.mailboxCreated(4001, 401, "anna");
    small.setQuotaBytes(QUOTA);
    stack
        .log()
        .publishAll(
            team.domainCreated(401, "crash-activity.example"),
            team.domainVerified(401),
            small,
            team.mailboxCreated(4002, 401, "bob"));
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
    try (TestDatabase db = TestDatabase.create();
        HostActivity hosts = new HostActivity(stack.brokers())) {
      Database rows = new Database(db);
      Process child =
          CrashingProvisioner.start(
              stack.brokers(),
              db,
              "crash-activity",
              CrashingProvisioner.HALT_AFTER_ACTIVITY_NOTICE);
      try {
        // reports only once the mailboxes exist, so the first batch finds them
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> rows.count("select count(*) from mailbox where team_id = 41") == 2);
        hosts.send(
            report("anna@crash-activity.example", 4001L)
                .setLastLoginAt(t)
                .setUsedBytes(QUOTA * 9 / 10)
                .setUsageObservedAt(t)
                .build(),
            report("bob@crash-activity.example", 4002L).setLastLoginAt(t).build());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      } finally {
        child.destroyForcibly();
      }
      assertThat(child.exitValue()).isEqualTo(CrashingProvisioner.HALTED);
      // its effect is committed, its offsets are not: the batch will come again
      assertThat(rows.count("select count(*) from usage_notice")).isOne();
      assertThat(hosts.consumedToTheEnd(GROUP)).isFalse();
      // anna's report raised the notice, so its batch is the one the crash cut; bob's report may
      // have come in that batch or the next poll (two sends, two polls under load), so only
      // anna's row is what the redelivery must leave untouched
      List<Map<String, Object>> before = rows.rows("select * from mailbox where id = 4001");

      try (ConfigurableApplicationContext next =
          Provisioners.start(stack.brokers(), db, "crash-activity")) {
        await().atMost(Duration.ofSeconds(60)).until(() -> hosts.consumedToTheEnd(GROUP));
        assertThat(rows.count("select count(*) from usage_notice")).isOne();
        assertThat(rows.rows("select * from mailbox where id = 4001")).isEqualTo(before);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    rows.row(
                            "select last_login_at is not null as seen from mailbox where id = 4002")
                        .get("seen")
                        .equals(true));
        assertThat(rows.row("select used_bytes, quota_notice_level from mailbox where id = 4001"))
            .containsEntry("used_bytes", QUOTA * 9 / 10)
            .containsEntry("quota_notice_level", 80);
      }
    }
  }

  private static MailboxActivity.Builder report(String address, Long id) {
    return MailboxActivity.newBuilder()
        .setHostId("mx1")
        .setAddress(address)
        .setMailboxId(id)
        .setReportedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30));
  }
}
