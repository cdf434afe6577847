package dev.poststack.provisioner.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.poststack.launcher.spi.EventReplayer;
import dev.poststack.provisioner.Database;
import dev.poststack.provisioner.EventLog;
import dev.poststack.provisioner.ProvisionerStack;
import dev.poststack.provisioner.Provisioners;
import dev.poststack.provisioner.TestEvents;
import dev.poststack.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The recovery after losing the database: an empty database plus the log gives back the same state,
 * the API's next ids are new, and the provisioner resumes where the rebuild ended.
 */
class ReplayRebuildIT {
  @RegisterExtension static final ProvisionerStack stack = ProvisionerStack.brokerOnly();

  private static final String GROUP = "poststack-provisioner";

  @Test
  void rebuildsALostDatabaseAndTheProvisionerResumesWhereTheLogEnds() throws Exception {
    EventLog log = stack.log();
    try (TestDatabase lost = TestDatabase.create();
        TestDatabase rebuilt = TestDatabase.create()) {
      ConfigurableApplicationContext live = Provisioners.start(stack.brokers(), lost, GROUP);
      int sent = new Workload(log, 31, 3000).publish(2, 12, 4, 1);
      await().atMost(Duration.ofMinutes(2)).until(() -> log.consumedToTheEnd(GROUP));

      try (ReplayContext replay = ReplayContext.into(stack.brokers(), rebuilt, GROUP)) {
        assertThatThrownBy(() -> replay.replayer().rebuild(p -> {}))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("stop the provisioner first");
      }
      live.close();
      await().atMost(Duration.ofSeconds(30)).until(() -> noMembers(GROUP));

      try (ReplayContext intoLive = ReplayContext.into(stack.brokers(), lost, GROUP)) {
        assertThatThrownBy(() -> intoLive.replayer().rebuild(p -> {}))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("table domain is not empty");
      }

      EventReplayer.Result result;
      try (ReplayContext replay = ReplayContext.into(stack.brokers(), rebuilt, GROUP)) {
        result = replay.replayer().rebuild(p -> {});
        assertThat(result.events()).isEqualTo(sent);
        assertThat(replay.replayer().differenceFrom(lost.jdbcUrl(), lost.user(), lost.password()))
            .isEmpty();
      }
      result
          .endOffsets()
          .forEach((p, end) -> assertThat(log.committedOffset(GROUP, p)).isEqualTo(end));

      Database db = new Database(rebuilt);
      long highest = db.count("select max(id) from mailbox");
      long next = db.count("select nextval('mailbox_id_seq')");
      assertThat(next).isGreaterThan(highest);
      long nextDomain = db.count("select nextval('domain_id_seq')");

      ConfigurableApplicationContext resumed = Provisioners.start(stack.brokers(), rebuilt, GROUP);
      try {
        TestEvents later = TestEvents.forTeam(31);
        later.envelope(); // its clock is its own; only the ids matter here
        log.publish(later.domainCreated(nextDomain, "after-rebuild.example"));
        log.publish(later.domainVerified(nextDomain));
        log.publish(later.mailboxCreated(next, nextDomain, "fresh"));
        await().atMost(Duration.ofMinutes(1)).until(() -> log.consumedToTheEnd(GROUP));
        assertThat(
                db.rows(
                    "select outcome, rejection_code from audit_event where mailbox_id = ?", next))
            .extracting(r -> r.get("outcome") + "/" + r.get("rejection_code"))
            .containsExactly("applied/null");
        // nothing before the rebuild's end was applied a second time
        assertThat(db.count("select count(*) from audit_event"))
            .isEqualTo(new Database(lost).count("select count(*) from audit_event") + 3);
      } finally {
        resumed.close();
      }
    }
  }

  private static boolean noMembers(String group) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.brokers()))) {
      return admin
          .describeConsumerGroups(List.of(group))
          .all()
          .get()
          .get(group)
          .members()
          .isEmpty();
    }
  }
}
