package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.schemas.Events;
import dev.poststack.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One partition's trouble is its own: while a record on partition X waits (on a lock, or out its
 * back-off between failed attempts), another domain's events on partition Y are applied. Events
 * behind the stuck one on X wait for it: one domain's order is never broken.
 */
class PartitionIsolationIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  // no give-up during the test: the record on X keeps failing until the test lifts the fault
  @RegisterExtension
  static final ProvisionerStack stack =
      new ProvisionerStack(
          "poststack.provisioner.retry.attempts=100000",
          "poststack.provisioner.retry.initial-backoff=200ms",
          "poststack.provisioner.retry.max-backoff=2s");

  private final EventLog log = stack.log();
  private final Database db = stack.db();
  private final OutcomeNotifications outcomes = stack.outcomes();
  private final MeterRegistry registry = stack.provisioner().getBean(MeterRegistry.class);

  @BeforeEach
  void oneConsumerPerPartition() {
    await().atMost(WAIT).until(() -> log.onePartitionPerMember("poststack-provisioner"));
  }

  @Test
  void aRecordWaitingOnALockOnOnePartitionDoesNotHoldBackAnother() throws Exception {
    TestEvents x = TestEvents.forTeam(71);
    TestEvents y = TestEvents.forTeam(72);
    long[] domains = domainsOnTwoPartitions(701);
    publishAndAwait(
        x.domainCreated(domains[0], "locked.example"),
        x.domainVerified(domains[0]),
        y.domainCreated(domains[1], "free.example"),
        y.domainVerified(domains[1]));

    try (Connection holder = stack.testDb().connect();
        Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("select * from domain where id = " + domains[0] + " for update");
      var stuck = x.domainUpdated(domains[0], null, false);
      RecordMetadata stuckAt = log.publish(stuck);
      await().atMost(WAIT).until(() -> db.count(WAITING_ON_A_LOCK) > 0);
      double failures = listenerFailures();

      List<SpecificRecord> others = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        others.add(y.mailboxCreated(domains[1] * 10 + i, domains[1], "free" + i));
      }
      List<RecordMetadata> sent = log.publishAll(others.toArray(SpecificRecord[]::new));
      assertThat(sent.get(0).partition()).isNotEqualTo(stuckAt.partition());
      outcomes.awaitAll(ids(others));

      // applied while the stuck record's first attempt still waits: nothing failed, nothing retried
      assertThat(db.count(WAITING_ON_A_LOCK)).isPositive();
      assertThat(listenerFailures()).isEqualTo(failures);
      assertThat(db.count("select count(*) from audit_event where event_id = ?", eventId(stuck)))
          .isZero();
      holder.rollback();
      outcomes.awaitAll(eventId(stuck));
    }
    assertThat(db.row("select inbound_enabled from domain where id = ?", domains[0]))
        .containsEntry("inbound_enabled", false);
  }

  @Test
  void aRecordFailingOverAndOverOnOnePartitionDoesNotHoldBackAnotherNorItsOwnOrder()
      throws Exception {
    TestEvents x = TestEvents.forTeam(73);
    TestEvents y = TestEvents.forTeam(74);
    long[] domains = domainsOnTwoPartitions(711);
    publishAndAwait(
        x.domainCreated(domains[0], "failing.example"),
        x.domainVerified(domains[0]),
        y.domainCreated(domains[1], "healthy.example"),
        y.domainVerified(domains[1]));
    db.execute(
        "create function refuse_stuck() returns trigger language plpgsql as $$ begin if"
            + " new.local_part = 'stuck' then raise exception 'refused %', new.local_part; end if;"
            + " return new; end $$");
    db.execute(
        "create trigger refuse_stuck before insert on mailbox for each row execute function"
            + " refuse_stuck()");
    try {
      double failures = listenerFailures();
      var stuck = x.mailboxCreated(domains[0] * 10, domains[0], "stuck");
      var behind = x.mailboxCreated(domains[0] * 10 + 1, domains[0], "behind");
      log.publishAll(stuck, behind);
      await().atMost(WAIT).until(() -> listenerFailures() >= failures + 3);

      List<SpecificRecord> others = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        others.add(y.mailboxCreated(domains[1] * 10 + i, domains[1], "healthy" + i));
      }
      log.publishAll(others.toArray(SpecificRecord[]::new));
      outcomes.awaitAll(ids(others));

      assertThat(
              db.count(
                  "select count(*) from audit_event where event_id in (?, ?)",
                  eventId(stuck),
                  eventId(behind)))
          .as("still retried, and what follows it on its partition waits")
          .isZero();
      db.execute("drop trigger refuse_stuck on mailbox");
      outcomes.awaitAll(eventId(stuck), eventId(behind));
      assertThat(db.count("select count(*) from mailbox where domain_id = ?", domains[0]))
          .isEqualTo(2);
    } finally {
      db.execute("drop trigger if exists refuse_stuck on mailbox");
    }
  }

  private static final String WAITING_ON_A_LOCK =
      "select count(*) from pg_stat_activity where datname = current_database()"
          + " and wait_event_type = 'Lock'";

  /** Two domain ids from {@code from} on whose keys the producer picks different partitions. */
  private static long[] domainsOnTwoPartitions(long from) {
    int first = partitionOf(from);
    for (long id = from + 1; ; id++) {
      if (partitionOf(id) != first) {
        return new long[] {from, id};
      }
    }
  }

  private static int partitionOf(long domainId) {
    byte[] key = Long.toString(domainId).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % Topics.MAILBOX_EVENTS.partitions();
  }

  /** Failed listener invocations, as spring-kafka's listener timer counts them. */
  private double listenerFailures() {
    return registry.find("spring.kafka.listener").tag("result", "failure").timers().stream()
        .mapToDouble(t -> t.count())
        .sum();
  }

  private void publishAndAwait(SpecificRecord... events) {
    log.publishAll(events);
    outcomes.awaitAll(ids(List.of(events)));
  }

  private static UUID[] ids(List<SpecificRecord> events) {
    return events.stream().map(PartitionIsolationIT::eventId).toArray(UUID[]::new);
  }

  private static UUID eventId(SpecificRecord event) {
    return Events.envelope(event).getEventId();
  }
}
