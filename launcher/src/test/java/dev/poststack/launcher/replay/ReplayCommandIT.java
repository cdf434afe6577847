package dev.poststack.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.agent.store.Durability;
import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.launcher.PostStackCli;
import dev.poststack.launcher.app.AppProperties;
import dev.poststack.launcher.app.AppSpec;
import dev.poststack.launcher.app.RunningApp;
import dev.poststack.launcher.app.SpringAppStarter;
import dev.poststack.launcher.kafka.BrokerSettings;
import dev.poststack.launcher.kafka.KafkaBrokerProcess;
import dev.poststack.launcher.postgres.PostgresEndpoint;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Events;
import dev.poststack.schemas.HostReportCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.event.Actor;
import dev.poststack.schemas.event.ActorKind;
import dev.poststack.schemas.event.DomainCreated;
import dev.poststack.schemas.event.DomainStatus;
import dev.poststack.schemas.event.DomainUpdated;
import dev.poststack.schemas.event.Envelope;
import dev.poststack.schemas.event.MailboxCreated;
import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.PartitionPosition;
import dev.poststack.testing.FreePorts;
import dev.poststack.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code poststack replay} against a real broker, the live provisioner and a live database: the
 * operator's commands, their exit codes and their one-line errors.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayCommandIT {
  private static final String HASH = "{SHA512-CRYPT}$6$salt$c2VjcmV0aGFzaA";

  @TempDir static Path dataDir;

  private static KafkaBrokerProcess broker;
  private static int kafkaPort;
  private static TestDatabase live;
  private static RunningApp provisioner;

  @BeforeAll
  static void aLiveStackWithAFewEvents() throws Exception {
    kafkaPort = FreePorts.pairForBroker();
    broker =
        KafkaBrokerProcess.start(new BrokerSettings(dataDir, kafkaPort, Duration.ofSeconds(60)));
    broker.ensureTopics(Topics.all());
    live = TestDatabase.create();
    provisioner = startProvisioner(live);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      EventCodec codec = new EventCodec();
      for (long d = 1; d <= 3; d++) {
        send(producer, codec, domainCreated(d));
        send(producer, codec, domainVerified(d));
        for (long m = 1; m <= 20; m++) {
          send(producer, codec, mailboxCreated(d * 100 + m, d));
        }
      }
      send(producer, codec, mailboxCreated(1001, 1)); // user1@d1 again: refused
    }
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> count("select count(*) from audit_event") == 3 * 22 + 1);
  }

  private static RunningApp startProvisioner(TestDatabase db) {
    PostgresEndpoint pg =
        new PostgresEndpoint(
            "127.0.0.1", 5432, db.user(), db.password(), db.name(), "local server");
    return new SpringAppStarter(ReplayCommandIT.class.getClassLoader())
        .start(
            new AppSpec(
                "provisioner",
                AppProperties.PROVISIONER_MAIN,
                AppProperties.provisioner(
                    broker.bootstrapServers(), pg, dataDir.resolve(db.name() + ".log")),
                List.of(AppProperties.API_MAIN)));
  }

  @AfterAll
  static void stop() {
    if (provisioner != null) {
      provisioner.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (live != null) {
      live.close();
    }
  }

  @Test
  void replaysIntoAScratchDatabaseItDropsAndPrintsTheThroughput() throws Exception {
    Run run = poststack("replay", "--into", "poststack_replay_it_dropped");
    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out)
        .contains("Replayed 67 events")
        .contains("events/s")
        .contains("66 applied, 1 rejected, 0 duplicates, 0 undecodable skipped");
    assertThat(databaseExists("poststack_replay_it_dropped")).isFalse();
  }

  @Test
  void keepsTheScratchDatabaseWhenAskedAndStopsAtTheOffsetsGiven() throws Exception {
    Run run = poststack("replay", "--keep", "--until-offsets", "0:0,1:0,2:0");
    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out).contains("Replayed 0 events").contains("Kept database poststack_replay_");
    String kept = run.out.replaceAll("(?s).*Kept database (poststack_replay_[0-9a-f]+).*", "$1");
    assertThat(databaseExists(kept)).isTrue();
    dropDatabase(kept);
  }

  @Test
  void rendersAHostStoreAndSaysWhichHostReportedTheSameContentHash(@TempDir Path dir)
      throws Exception {
    Run first = poststack("replay", "--render", dir.resolve("first").toString());
    assertThat(first.exit).as(first.err).isZero();
    String hash = first.out.replaceAll("(?s).*content hash ([0-9a-f]+).*", "$1");
    try (LocalHostStore store =
        LocalHostStore.open(dir.resolve("first/host-store.sqlite"), Durability.NORMAL)) {
      assertThat(store.contentHash().hex()).isEqualTo(hash);
      assertThat(store.entryCount()).isGreaterThan(60);
      assertThat(Files.readAllLines(dir.resolve("first/host-entries.txt")))
          .hasSize((int) store.entryCount())
          .anyMatch(line -> line.contains("user1@d1.example"));
      assertThat(Files.readAllLines(dir.resolve("first/passwd")))
          .anyMatch(line -> line.startsWith("user1@d1.example:{SHA512-CRYPT}$6$"));
      assertThat(Files.readAllLines(dir.resolve("first/virtual_mailbox_domains")))
          .contains("d1.example OK");
    }
    assertThat(first.out).contains("No mail host reported yet");

    try (KafkaProducer<String, byte[]> producer = producer()) {
      report(producer, "host-a", hash);
      report(producer, "host-b", "0");
    }
    Run second = poststack("replay", "--render", dir.resolve("second").toString());
    assertThat(second.exit).as(second.err).isZero();
    assertThat(second.out)
        .contains("content hash " + hash)
        .containsPattern("host host-a \\(report of [^)]+\\): same content hash")
        .containsPattern("host host-b \\(report of [^)]+\\): different content hash 0");
  }

  private static void report(KafkaProducer<String, byte[]> producer, String host, String hash)
      throws Exception {
    HostApplyReport report =
        HostApplyReport.newBuilder()
            .setHostId(host)
            .setPositions(List.of(new PartitionPosition(0, 1L)))
            .setContentHash(hash)
            .setEntryCount(1)
            .setAppliedAt(Instant.now())
            .build();
    producer
        .send(new ProducerRecord<>(Topics.HOST_STATUS.name(), host, HostReportCodec.encode(report)))
        .get();
  }

  @Test
  void verifyPassesThenNamesTheRowChangedByHand() throws Exception {
    Run equal = poststack("replay", "--verify");
    assertThat(equal.exit).as(equal.err).isZero();
    assertThat(equal.out).contains("verify: the replay equals the live state");

    execute("update mailbox set quota_bytes = quota_bytes + 1 where id = 205");
    try {
      Run differs = poststack("replay", "--verify");
      assertThat(differs.exit).isEqualTo(1);
      assertThat(differs.out).contains("mailbox: row id=205 differs in quota_bytes");
    } finally {
      execute("update mailbox set quota_bytes = quota_bytes - 1 where id = 205");
    }
  }

  @Test
  void badEndsGetOneLineAndANonZeroExit() throws Exception {
    assertOneLineError(
        poststack("replay", "--until", "not-a-time"), 2, "is not an ISO-8601 instant");
    assertOneLineError(
        poststack("replay", "--until", "2001-01-01T00:00:00Z"), 2, "is before the first event");
    assertOneLineError(
        poststack("replay", "--until-offsets", "0:0,1:0,2:0,7:3"), 2, "partition 7 does not exist");
    assertOneLineError(
        poststack("replay", "--until", "2026-01-01T00:00:00Z", "--until-offsets", "0:1"),
        2,
        "exclude each other");
    assertOneLineError(poststack("replay", "--into", live.name()), 2, "is the live database");
  }

  @Test
  void rebuildRefusesALiveDatabaseThatHoldsState() throws Exception {
    assertOneLineError(poststack("replay", "--rebuild"), 1, "holds provisioner state");
  }

  /**
   * The recovery path from the command line: the database is lost (the provisioner stopped, an
   * empty database in its place), {@code replay --rebuild} fills it from the log with the same
   * state, the id sequences past every replayed id, and a provisioner started on it resumes where
   * the log was read to: the next event is applied once and nothing is applied again. Last, since
   * it stops the live provisioner.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void rebuildFillsAnEmptyDatabaseWithTheSameStateAndTheProvisionerResumesAfterIt()
      throws Exception {
    Map<String, String> before = digests(live);
    provisioner.close();
    provisioner = null;
    try (TestDatabase rebuilt = TestDatabase.create()) {
      Run run = poststackOn(rebuilt.name(), "replay", "--rebuild");
      assertThat(run.exit).as(run.err).isZero();
      assertThat(run.out).contains("Replayed 67 events").contains("66 applied, 1 rejected");
      assertThat(digests(rebuilt)).isEqualTo(before);
      assertThat(count(rebuilt, "select last_value from mailbox_id_seq"))
          .as("the next id is past every replayed one, the refused create's included")
          .isGreaterThanOrEqualTo(1001);

      provisioner = startProvisioner(rebuilt);
      try (KafkaProducer<String, byte[]> producer = producer()) {
        send(producer, new EventCodec(), mailboxCreated(199, 1));
      }
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> count(rebuilt, "select count(*) from mailbox where id = 199") == 1);
      // a redelivered old event would show as a second audit row of its event id
      assertThat(count(rebuilt, "select count(*) from audit_event")).isEqualTo(68);
      assertThat(count(rebuilt, "select count(distinct event_id) from processed_event"))
          .isEqualTo(68);
      provisioner.close();
      provisioner = null;
    }
  }

  /** Each state table's rows, less the columns that say when a row was written (as verify does). */
  private static Map<String, String> digests(TestDatabase db) throws Exception {
    Map<String, String> digests = new java.util.TreeMap<>();
    for (String[] table :
        new String[][] {
          {"domain", "id", ""},
          {"mailbox", "id", ""},
          {"alias", "id", ""},
          {"dkim_key", "domain_id, selector", ""},
          {"team_usage", "team_id", ""},
          {"processed_event", "event_id", " - 'processed_at'"},
          {"audit_event", "event_id", " - 'id' - 'recorded_at'"}
        }) {
      try (Connection c = db.connect();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select count(*), md5(coalesce(string_agg((to_jsonb(t)"
                      + table[2]
                      + ")::text, '|' order by "
                      + table[1]
                      + "), '')) from "
                      + table[0]
                      + " t")) {
        rs.next();
        digests.put(table[0], rs.getLong(1) + " rows " + rs.getString(2));
      }
    }
    return digests;
  }

  private static void assertOneLineError(Run run, int exit, String message) {
    assertThat(run.exit).as(run.err).isEqualTo(exit);
    assertThat(run.err.strip()).startsWith("poststack: ").contains(message).doesNotContain("\n");
  }

  private record Run(int exit, String out, String err) {}

  private static Run poststack(String... args) {
    return poststackOn(live.name(), args);
  }

  /** The command with the stack's database named {@code database}. */
  private static Run poststackOn(String database, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        PostStackCli.run(
            args,
            Map.of(
                "POSTSTACK_DATA_DIR", dataDir.resolve("data").toString(),
                "POSTSTACK_PG_DATABASE", database,
                "POSTSTACK_KAFKA_PORT", Integer.toString(kafkaPort)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static long count(String sql) throws Exception {
    return count(live, sql);
  }

  private static long count(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = live.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static boolean databaseExists(String name) throws Exception {
    return count("select count(*) from pg_database where datname = '" + name + "'") == 1;
  }

  private static void dropDatabase(String name) throws Exception {
    execute("drop database if exists " + name + " with (force)");
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, EventCodec codec, SpecificRecord event)
      throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.MAILBOX_EVENTS.name(), Events.partitionKey(event), codec.encode(event)))
        .get();
  }

  private static Instant clock = Instant.parse("2026-03-28T12:00:00Z");

  private static Envelope envelope() {
    clock = clock.plusSeconds(1);
    return Envelope.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock)
        .setTeamId(7)
        .setActor(Actor.newBuilder().setKind(ActorKind.api_key).setId("key_7").build())
        .setRequestId("req_" + UUID.randomUUID())
        .build();
  }

  private static DomainCreated domainCreated(long id) {
    return DomainCreated.newBuilder()
        .setEnvelope(envelope())
        .setDomainId(id)
        .setPublicId("dom_" + id)
        .setName("d" + id + ".example")
        .setInboundEnabled(true)
        .build();
  }

  private static DomainUpdated domainVerified(long id) {
    return DomainUpdated.newBuilder()
        .setEnvelope(envelope())
        .setDomainId(id)
        .setStatus(DomainStatus.verified)
        .build();
  }

  private static MailboxCreated mailboxCreated(long id, long domain) {
    return MailboxCreated.newBuilder()
        .setEnvelope(envelope())
        .setMailboxId(id)
        .setPublicId("mb_" + id)
        .setDomainId(domain)
        .setLocalPart("user" + (id % 100))
        .setPasswordHash(HASH)
        .setQuotaBytes(1L << 30)
        .setWebhookEnabled(false)
        .build();
  }
}
