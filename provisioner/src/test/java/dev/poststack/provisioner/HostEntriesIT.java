package dev.poststack.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.admin.AdminDatabase;
import dev.poststack.admin.host.HostsRepair;
import dev.poststack.provisioner.host.HostEntriesRepair;
import dev.poststack.provisioner.host.OutboxRelay;
import dev.poststack.provisioner.host.Propagation;
import dev.poststack.provisioner.host.PropagationQuery;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.event.MailboxStatus;
import dev.poststack.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Events through the real provisioner to the host-entries topic and back from the status topic:
 * outbox rows in the event's transaction, records with the expected keys, lines and tombstones,
 * positions, propagation, repair; and the topic always compacts to a fresh render of the tables.
 */
class HostEntriesIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  // no periodic poll within a test: the relay must be woken by the apply transaction's NOTIFY
  @RegisterExtension
  static final ProvisionerStack stack =
      new ProvisionerStack("poststack.provisioner.outbox.poll-interval=10m");

  private static HostEntriesTopic topic;
  private static HostReports reports;

  private final TestDatabase testDb = stack.testDb();
  private final ConfigurableApplicationContext provisioner = stack.provisioner();
  private final EventLog log = stack.log();
  private final Database db = stack.db();
  private final OutcomeNotifications outcomes = stack.outcomes();

  @BeforeAll
  static void hostSide() {
    topic = new HostEntriesTopic(stack.brokers());
    reports = new HostReports(stack.brokers());
  }

  @AfterAll
  static void closeHostSide() {
    reports.close();
  }

  @Test
  void publishesTheEntriesOfEachAppliedEventAndNothingForARejectedOne() {
    TestEvents team = TestEvents.forTeam(41);
    var domain = team.domainCreated(401, "hosts.example");
    var verified = team.domainVerified(401);
    var anna = team.mailboxCreated(4001, 401, "anna");
    var help = team.aliasCreated(4101, 401, "help", 4001);
    var taken = team.mailboxCreated(4002, 401, "help"); // rejected: the alias has the address
    var password = team.passwordChanged(4001, 401, "{SHA512-CRYPT}$6$new$bmV3");
    var bob = team.mailboxCreated(4003, 401, "bob");
    var suspended = team.mailboxUpdate(4003, 401).setStatus(MailboxStatus.suspended).build();
    var annaDeleted = team.mailboxDeleted(4001, 401);
    publishAndAwait(domain, verified, anna, help, taken, password, bob, suspended, annaDeleted);

    assertThat(outboxOf(domain)).containsExactly("domain:hosts.example=null");
    assertThat(outboxOf(verified)).containsExactly("domain:hosts.example=domain hosts.example");
    assertThat(outboxOf(taken)).as("a rejected event enqueues nothing").isEmpty();
    assertThat(outboxOf(help))
        .containsExactly(
            "alias:help@hosts.example=alias help@hosts.example target=anna@hosts.example",
            "sender:help@hosts.example=sender help@hosts.example login=anna@hosts.example");
    assertThat(outboxOf(password))
        .hasSize(3)
        .first()
        .asString()
        .contains("password={SHA512-CRYPT}$6$new$bmV3");
    assertThat(outboxOf(annaDeleted))
        .containsExactly(
            "mailbox:anna@hosts.example=null",
            "alias:help@hosts.example=null",
            "sender:help@hosts.example=null");
    assertThat(
            db.count(
                "select count(*) from audit_event a where outcome = 'applied' and not"
                    + " exists (select 1 from host_entry_outbox o where o.event_id = a.event_id)"))
        .isZero();

    awaitPublished();
    List<String> annasRecords = topic.history("mailbox:anna@hosts.example");
    assertThat(annasRecords).hasSize(3).last().isNull();
    assertThat(annasRecords.get(1)).contains("$6$new$bmV3");
    assertThat(topic.latest())
        .containsEntry(
            "mailbox:bob@hosts.example",
            "mailbox bob@hosts.example password={SHA512-CRYPT}!$6$salt$c2VjcmV0aGFzaA"
                + " status=suspended home=hosts.example/4003 quota_bytes=1073741824")
        .doesNotContainKeys("mailbox:anna@hosts.example", "alias:help@hosts.example");
    assertPositionsAreTheLatestRecordOfEachKey();
    assertThat(topic.latest()).isEqualTo(HostEntriesTopic.renderOf(db));
  }

  @Test
  void theStateChangeAndItsOutboxRowsBecomeVisibleInOneCommit() throws Exception {
    TestEvents team = TestEvents.forTeam(42);
    publishAndAwait(team.domainCreated(402, "atomic.example"), team.domainVerified(402));
    var carol = team.mailboxCreated(4201, 402, "carol");
    try (Connection holder = testDb.connect();
        Statement s = holder.createStatement()) {
      // carol's outbox insert waits on a lock this test holds, inside the apply transaction
      s.execute(
          "create function hold_outbox() returns trigger language plpgsql as $$ begin"
              + " if new.entry_key = 'mailbox:carol@atomic.example' then"
              + " perform pg_advisory_xact_lock(4343); end if; return new; end $$");
      s.execute(
          "create trigger hold_outbox before insert on host_entry_outbox for each row"
              + " execute function hold_outbox()");
      s.execute("select pg_advisory_lock(4343)");
      log.publish(carol);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  db.count(
                          "select count(*) from pg_locks"
                              + " where locktype = 'advisory' and objid = 4343 and not granted")
                      == 1);
      assertThat(db.count("select count(*) from mailbox where id = 4201"))
          .as("the mailbox row is written but not visible before the outbox row")
          .isZero();
      s.execute("select pg_advisory_unlock(4343)");
      outcomes.awaitAll(eventId(carol));
      s.execute("drop trigger hold_outbox on host_entry_outbox");
      s.execute("drop function hold_outbox()");
    }
    assertThat(db.count("select count(*) from mailbox where id = 4201")).isOne();
    assertThat(outboxOf(carol)).hasSize(1);
    awaitPublished();
    assertThat(topic.latest()).containsKey("mailbox:carol@atomic.example");
  }

  @Test
  void hostReportsGiveAMailboxsPropagation() throws Exception {
    TestEvents team = TestEvents.forTeam(43);
    publishAndAwait(
        team.domainCreated(403, "status.example"),
        team.domainVerified(403),
        team.mailboxCreated(4301, 403, "dora"));
    awaitPublished();
    String dora = "dora@status.example";
    long doraId = 4301;
    Map<String, Object> at =
        db.row(
            "select kafka_partition, kafka_offset from host_entry_position"
                + " where entry_key = ?",
            "mailbox:" + dora);
    int p = (Integer) at.get("kafka_partition");
    long o = (Long) at.get("kafka_offset");
    Instant now = Instant.parse("2026-03-28T13:00:00Z");

    reports.report("host-a", Map.of(p, o + 1), now);
    reports.sendRaw("host-x", new byte[] {1, 2, 3}); // logged and skipped, not a stall
    reports.report("host-b", Map.of(p, o), now);
    await().atMost(WAIT).until(() -> db.count("select count(*) from mail_host") == 2);
    assertThat(db.row("select * from mail_host where host_id = 'host-a'"))
        .containsEntry("content_hash", "0".repeat(64))
        .containsEntry("entry_count", 3L);
    assertPropagation(doraId, new Propagation(2, 1));

    // an older report (a redelivery) never overwrites a newer one
    reports.report("host-a", Map.of(p, 0L), now.minusSeconds(60));
    reports.report("host-c", Map.of(p, o + 1), now);
    await().atMost(WAIT).until(() -> db.count("select count(*) from mail_host") == 3);
    assertPropagation(doraId, new Propagation(3, 2));

    // a change still in the outbox has reached no host, whatever they applied before
    try (Connection holder = testDb.connect();
        Statement s = holder.createStatement()) {
      s.execute(
          "select pg_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")"); // the relay cannot publish
      var password = team.passwordChanged(4301, 403, "{SHA512-CRYPT}$6$again$YWdhaW4");
      publishAndAwait(password);
      assertPropagation(doraId, new Propagation(3, 0));
      s.execute("select pg_advisory_unlock(" + OutboxRelay.RELAY_LOCK + ")");
    }
    // its NOTIFY came while the relay was locked out; the next one (or the poll) publishes both
    publishAndAwait(team.mailboxUpdate(4301, 403).setQuotaBytes(2L << 30).build());
    awaitPublished();
    long newOffset =
        (Long)
            db.row(
                    "select kafka_offset from host_entry_position" + " where entry_key = ?",
                    "mailbox:" + dora)
                .get("kafka_offset");
    assertThat(newOffset).isGreaterThan(o);
    assertPropagation(doraId, new Propagation(3, 0));
    reports.report("host-b", Map.of(p, newOffset + 1), now.plusSeconds(1));
    await()
        .atMost(WAIT)
        .until(
            () ->
                db.count(
                        "select count(*) from mail_host_position"
                            + " where host_id = 'host-b' and next_offset = ?",
                        newOffset + 1)
                    == 1);
    assertPropagation(doraId, new Propagation(3, 1));
  }

  @Test
  void aRepairEnqueuesWhatTheTopicLacksOrEverythingWhenAsked() {
    TestEvents team = TestEvents.forTeam(44);
    publishAndAwait(
        team.domainCreated(404, "repair.example"),
        team.domainVerified(404),
        team.mailboxCreated(4401, 404, "erin"),
        team.aliasCreated(4501, 404, "sales", 4401));
    awaitPublished();
    HostEntriesRepair repair = provisioner.getBean(HostEntriesRepair.class);
    assertThat(repair.enqueue(false).block()).as("nothing differs").isZero();

    db.execute(
        "update host_entry_position set line_sha256 = 'stale'"
            + " where entry_key = 'mailbox:erin@repair.example'");
    db.execute(
        "insert into host_entry_position values ('mailbox:ghost@repair.example', 0, 0,"
            + " 'a-line', now())");
    assertThat(repair.enqueue(false).block()).isEqualTo(2);
    assertThat(
            db.rows(
                "select entry_key, line is null as tombstone from host_entry_outbox"
                    + " where event_id is null order by id"))
        .extracting(r -> r.get("entry_key") + "/" + r.get("tombstone"))
        .containsExactly("mailbox:erin@repair.example/false", "mailbox:ghost@repair.example/true");
    awaitPublished();
    assertThat(topic.latest()).isEqualTo(HostEntriesTopic.renderOf(db));

    int rendered = HostEntriesTopic.renderOf(db).size();
    assertThat(repair.enqueue(true).block()).isEqualTo(rendered);
    awaitPublished();
    assertThat(topic.latest()).isEqualTo(HostEntriesTopic.renderOf(db));
    assertPositionsAreTheLatestRecordOfEachKey();
  }

  @Test
  void anOperatorsRepairRequestRunsHereAndIsAnsweredWithWhatWasEnqueued() {
    TestEvents team = TestEvents.forTeam(46);
    publishAndAwait(
        team.domainCreated(406, "asked.example"),
        team.domainVerified(406),
        team.mailboxCreated(4601, 406, "fay"));
    awaitPublished();
    HostsRepair operator =
        new HostsRepair(
            new AdminDatabase(testDb.jdbcUrl(), testDb.user(), testDb.password()),
            Duration.ofSeconds(20));
    assertThat(operator.request(false)).as("nothing differs").isZero();

    db.execute(
        "update host_entry_position set line_sha256 = 'stale'"
            + " where entry_key = 'mailbox:fay@asked.example'");

    assertThat(operator.request(false)).isEqualTo(1);
    assertThat(operator.request(true)).isEqualTo(HostEntriesTopic.renderOf(db).size());
    awaitPublished();
    assertThat(topic.latest()).isEqualTo(HostEntriesTopic.renderOf(db));
  }

  @Test
  void aDeletedMailboxShowsItsOwnRemovalNotTheStateOfTheNextMailboxAtItsAddress() throws Exception {
    TestEvents first = TestEvents.forTeam(47);
    TestEvents second = TestEvents.forTeam(48);
    String address = "gil@reused.example";
    publishAndAwait(
        first.domainCreated(407, "reused.example"),
        first.domainVerified(407),
        first.mailboxCreated(4701, 407, "gil"),
        first.aliasCreated(4711, 407, "info", 4701),
        first.mailboxDeleted(4701, 407),
        first.domainDeleted(407));
    awaitPublished();
    Map<String, Object> removed = positionOf("mailbox:" + address);
    int p = (Integer) removed.get("kafka_partition");
    long tombstone = (Long) removed.get("kafka_offset");
    // the name is registered again by another team, and the address taken by its new mailbox
    publishAndAwait(
        second.domainCreated(408, "reused.example"),
        second.domainVerified(408),
        second.mailboxCreated(4702, 408, "gil"));
    awaitPublished();
    long created = (Long) positionOf("mailbox:" + address).get("kafka_offset");
    assertThat(created).isGreaterThan(tombstone);

    // one host has removed the old mailbox and its alias but not yet received the new mailbox
    Map<String, Object> aliasRemoved = positionOf("alias:info@reused.example");
    Map<Integer, Long> next = new HashMap<>(Map.of(p, tombstone + 1));
    next.merge(
        (Integer) aliasRemoved.get("kafka_partition"),
        (Long) aliasRemoved.get("kafka_offset") + 1,
        Math::max);
    assertThat(next.get(p)).isLessThanOrEqualTo(created);
    db.execute("delete from mail_host"); // only this test's host counts
    reports.report("host-r", next, Instant.parse("2026-03-28T14:00:00Z"));
    await()
        .atMost(WAIT)
        .until(() -> db.count("select count(*) from mail_host where host_id = 'host-r'") == 1);
    try {
      assertPropagation(4701, new Propagation(1, 1));
      assertPropagation(4702, new Propagation(1, 0));
      assertThat(provisioner.getBean(PropagationQuery.class).forAlias(4711).block())
          .isEqualTo(new Propagation(1, 1));

      // while the new mailbox's next change waits in the outbox, the old one's state stands
      try (Connection holder = testDb.connect();
          Statement s = holder.createStatement()) {
        s.execute("select pg_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")");
        publishAndAwait(second.mailboxUpdate(4702, 408).setQuotaBytes(2L << 30).build());
        assertPropagation(4701, new Propagation(1, 1));
        assertPropagation(4702, new Propagation(1, 0));
        s.execute("select pg_advisory_unlock(" + OutboxRelay.RELAY_LOCK + ")");
      }
      publishAndAwait(second.mailboxUpdate(4702, 408).setWebhookEnabled(true).build());
      awaitPublished();
    } finally {
      db.execute("delete from mail_host where host_id = 'host-r'");
    }
  }

  private Map<String, Object> positionOf(String key) {
    return db.row(
        "select kafka_partition, kafka_offset from host_entry_position where entry_key = ?", key);
  }

  private void assertPropagation(long mailboxId, Propagation expected) {
    Propagation bySql = provisioner.getBean(PropagationQuery.class).forMailbox(mailboxId).block();
    assertThat(bySql).isEqualTo(expected);
    assertThat(pureComputation(mailboxId)).isEqualTo(expected);
  }

  /** {@link Propagation#of} over the same tables: the SQL and the pure rule must agree. */
  private Propagation pureComputation(long mailboxId) {
    Optional<Propagation.EntryPosition> latest =
        db
            .rows(
                "select kafka_partition, kafka_offset from host_entry_object_position"
                    + " where object_kind = 'mailbox' and object_id = ?",
                mailboxId)
            .stream()
            .map(
                r ->
                    new Propagation.EntryPosition(
                        (Integer) r.get("kafka_partition"), (Long) r.get("kafka_offset")))
            .findFirst();
    boolean pending =
        db.count(
                "select count(*) from host_entry_outbox where object_kind = 'mailbox'"
                    + " and object_id = ? and published_at is null",
                mailboxId)
            > 0;
    Map<String, Map<Integer, Long>> offsets = new HashMap<>();
    db.rows("select host_id from mail_host")
        .forEach(r -> offsets.put((String) r.get("host_id"), new HashMap<>()));
    db.rows("select * from mail_host_position")
        .forEach(
            r ->
                offsets
                    .get((String) r.get("host_id"))
                    .put((Integer) r.get("kafka_partition"), (Long) r.get("next_offset")));
    List<Propagation.HostPositions> hosts = new ArrayList<>();
    offsets.forEach((host, positions) -> hosts.add(new Propagation.HostPositions(host, positions)));
    return Propagation.of(latest, pending, hosts);
  }

  private void assertPositionsAreTheLatestRecordOfEachKey() {
    Map<String, String> lastPosition = new HashMap<>();
    topic.records().forEach(r -> lastPosition.put(r.key(), r.partition() + "@" + r.offset()));
    Map<String, String> stored = new HashMap<>();
    db.rows("select entry_key, kafka_partition, kafka_offset from host_entry_position")
        .forEach(
            r ->
                stored.put(
                    (String) r.get("entry_key"),
                    r.get("kafka_partition") + "@" + r.get("kafka_offset")));
    assertThat(stored).containsAllEntriesOf(lastPosition).hasSameSizeAs(lastPosition);
  }

  private List<String> outboxOf(SpecificRecord event) {
    return db
        .rows(
            "select entry_key, line from host_entry_outbox where event_id = ? order by id",
            eventId(event))
        .stream()
        .map(r -> r.get("entry_key") + "=" + r.get("line"))
        .toList();
  }

  private void awaitPublished() {
    await()
        .atMost(WAIT)
        .until(
            () ->
                db.count("select count(*) from host_entry_outbox where published_at is null") == 0);
  }

  private void publishAndAwait(SpecificRecord... events) {
    log.publishAll(events);
    outcomes.awaitAll(Arrays.stream(events).map(HostEntriesIT::eventId).toArray(UUID[]::new));
  }

  private static UUID eventId(SpecificRecord event) {
    return Events.envelope(event).getEventId();
  }
}
