package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.testing.TestDatabase;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A provisioner killed after the broker acknowledged a relay batch and before the batch was marked
 * published: the next relay sends those records again, and the topic still compacts to exactly the
 * render of the tables.
 */
class RelayCrashIT {
  @RegisterExtension static final ProvisionerStack stack = ProvisionerStack.brokerOnly();

  /** The dead child's group membership expires in a second instead of 45. */
  @Test
  void aRelayKilledBetweenSendAndMarkResendsTheBatchAndTheTopicStillEqualsTheRender()
      throws Exception {
    String brokers = stack.brokers();
    EventLog log = stack.log();
    try (TestDatabase testDb = TestDatabase.create()) {
      TestEvents a = TestEvents.forTeam(51);
      TestEvents b = TestEvents.forTeam(52);
      log.publishAll(
          a.domainCreated(501, "relay-a.example"),
          b.domainCreated(502, "relay-b.example"),
          a.domainVerified(501),
          b.domainVerified(502),
          a.mailboxCreated(5001, 501, "anna"),
          b.mailboxCreated(5002, 502, "bob"),
          a.aliasCreated(5101, 501, "info", 5001),
          a.passwordChanged(5001, 501, "{SHA512-CRYPT}$6$new$bmV3"),
          b.mailboxUpdate(5002, 502).setStatus(MailboxStatus.suspended).build(),
          a.mailboxDeleted(5001, 501),
          a.mailboxCreated(5003, 501, "anna"));
      Database db = new Database(testDb);
      HostEntriesTopic topic = new HostEntriesTopic(brokers);

      Process child =
          CrashingProvisioner.start(
              brokers, testDb, "relay-crash", CrashingProvisioner.HALT_AFTER_RELAY_SEND);
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(CrashingProvisioner.HALTED);
      int sentBeforeTheCrash = topic.records().size();
      Set<String> sentKeys = topic.records().stream().map(r -> r.key()).collect(Collectors.toSet());
      assertThat(sentBeforeTheCrash).as("the batch reached the broker").isPositive();
      assertThat(db.count("select count(*) from host_entry_outbox where published_at is not null"))
          .as("and was not marked published")
          .isZero();
      assertThat(db.count("select count(*) from host_entry_position")).isZero();

      try (ConfigurableApplicationContext provisioner =
          Provisioners.start(brokers, testDb, "relay-crash", CrashingProvisioner.FAST_FAILOVER)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    log.consumedToTheEnd("relay-crash")
                        && db.count(
                                "select count(*) from host_entry_outbox where published_at is null")
                            == 0);
      }
      long outboxRows = db.count("select count(*) from host_entry_outbox");
      assertThat(topic.records())
          .as("every outbox row published once more after the restart")
          .hasSize(sentBeforeTheCrash + (int) outboxRows);
      for (String key : sentKeys) {
        assertThat(topic.history(key).size()).as(key + " was sent again").isGreaterThan(1);
      }
      assertThat(topic.latest())
          .isEqualTo(HostEntriesTopic.renderOf(db))
          .doesNotContainKey("alias:info@relay-a.example");
      assertThat(topic.latest().get("mailbox:anna@relay-a.example"))
          .as("the re-created address, with its new home")
          .contains("home=relay-a.example/5003");
    }
  }
}
