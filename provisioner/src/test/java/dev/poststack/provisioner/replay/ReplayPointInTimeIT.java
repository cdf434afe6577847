package dev.poststack.provisioner.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.poststack.launcher.spi.EventReplayer.Until;
import dev.poststack.provisioner.Database;
import dev.poststack.provisioner.EventLog;
import dev.poststack.provisioner.ProvisionerStack;
import dev.poststack.provisioner.TestEvents;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.schemas.event.NullableStringChange;
import dev.poststack.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A mailbox's life at known instants: created, renamed, re-passworded, suspended, deleted. A replay
 * until each instant holds exactly that instant's row; one until the offsets after a step holds
 * that step's row too.
 */
class ReplayPointInTimeIT {
  @RegisterExtension static final ProvisionerStack stack = ProvisionerStack.brokerOnly();

  private static final long DOMAIN = 41;
  private static final long MAILBOX = 4101;
  private static final String NEW_HASH = "{SHA512-CRYPT}$6$later$bmV3aGFzaA";

  /** The instant after each step (index 0: the domain exists, the mailbox not yet). */
  private static final List<Instant> after = new ArrayList<>();

  private static final List<RecordMetadata> steps = new ArrayList<>();

  @BeforeAll
  static void lifeOfAMailbox() {
    EventLog log = stack.log();
    TestEvents team = TestEvents.forTeam(4);
    step(log, team.domainCreated(DOMAIN, "pit.example"), team.domainVerified(DOMAIN));
    step(log, team.mailboxCreated(MAILBOX, DOMAIN, "anna"));
    step(
        log,
        team.mailboxUpdate(MAILBOX, DOMAIN)
            .setDisplayName(new NullableStringChange("Anna K"))
            .build());
    step(log, team.passwordChanged(MAILBOX, DOMAIN, NEW_HASH));
    step(log, team.mailboxUpdate(MAILBOX, DOMAIN).setStatus(MailboxStatus.suspended).build());
    step(log, team.mailboxDeleted(MAILBOX, DOMAIN));
  }

  /** Publishes, notes the instant, and lets the clock pass it before the next step's records. */
  private static void step(EventLog log, SpecificRecord... events) {
    for (SpecificRecord e : events) {
      steps.add(log.publish(e));
    }
    long mark = System.currentTimeMillis();
    after.add(Instant.ofEpochMilli(mark));
    await().until(() -> System.currentTimeMillis() > mark);
  }

  @Test
  void replayUntilEachInstantHoldsThatInstantsMailboxRow() throws Exception {
    assertThat(mailboxAt(after.get(0)))
        .containsOnlyKeys("host_entry")
        .containsEntry("host_entry", null);
    assertThat(mailboxAt(after.get(1)))
        .containsEntry("status", "active")
        .containsEntry("display_name", null)
        .containsEntry("password_hash", TestEvents.HASH)
        .hasEntrySatisfying(
            "host_entry",
            line ->
                assertThat((String) line)
                    .contains("password=" + TestEvents.HASH)
                    .contains("status=active"));
    assertThat(mailboxAt(after.get(2)))
        .containsEntry("status", "active")
        .containsEntry("display_name", "Anna K")
        .containsEntry("password_hash", TestEvents.HASH);
    assertThat(mailboxAt(after.get(3)))
        .containsEntry("status", "active")
        .containsEntry("display_name", "Anna K")
        .containsEntry("password_hash", NEW_HASH)
        .hasEntrySatisfying(
            "host_entry", line -> assertThat((String) line).contains("password=" + NEW_HASH));
    Map<String, Object> suspended = mailboxAt(after.get(4));
    assertThat(suspended)
        .containsEntry("status", "suspended")
        .containsEntry("password_hash", NEW_HASH);
    assertThat((String) suspended.get("host_entry")).doesNotContain("status=active");
    assertThat(mailboxAt(after.get(5)))
        .containsEntry("status", "deleted")
        .containsEntry("host_entry", null);
  }

  @Test
  void replayUntilTheOffsetsAfterTheRenameHoldsTheRenamedRow() throws Exception {
    RecordMetadata rename = steps.get(3);
    Map<Integer, Long> offsets = new java.util.HashMap<>(Map.of(0, 0L, 1, 0L, 2, 0L));
    offsets.put(rename.partition(), rename.offset() + 1);
    assertThat(mailbox(new Until(null, offsets)))
        .containsEntry("display_name", "Anna K")
        .containsEntry("password_hash", TestEvents.HASH);
  }

  @Test
  void refusesAnInstantBeforeTheFirstEventAndOffsetsOutsideTheLog() {
    Instant before = Instant.parse("2020-01-01T00:00:00Z");
    assertThatThrownBy(() -> mailboxAt(before))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is before the first event");
    assertThatThrownBy(() -> mailbox(new Until(null, Map.of(0, 0L, 1, 0L, 2, 0L, 7, 1L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "partition 7 does not exist: poststack.mailbox-events has partitions [0, 1, 2]");
    assertThatThrownBy(() -> mailbox(new Until(null, Map.of(0, 0L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must name every partition");
    assertThatThrownBy(() -> mailbox(new Until(null, Map.of(0, 999L, 1, 999L, 2, 999L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is outside the log");
  }

  private static Map<String, Object> mailboxAt(Instant instant) throws Exception {
    return mailbox(new Until(instant, null));
  }

  private static Map<String, Object> mailbox(Until until) throws Exception {
    try (TestDatabase scratch = TestDatabase.create();
        ReplayContext replay = ReplayContext.into(stack.brokers(), scratch, "replay-unused")) {
      replay.replayer().replay(until, progress -> {});
      List<Map<String, Object>> rows =
          new Database(scratch).rows("select * from mailbox where id = ?", MAILBOX);
      // the row, and the mailbox's host entry as a host would serve it then (null: none)
      Map<String, Object> state = new java.util.HashMap<>(rows.isEmpty() ? Map.of() : rows.get(0));
      state.put(
          "host_entry",
          replay.replayer().hostEntryLines().stream()
              .filter(line -> line.startsWith("mailbox anna@pit.example "))
              .findFirst()
              .orElse(null));
      return state;
    }
  }
}
