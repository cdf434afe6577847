package dev.poststack.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.launcher.PostStackCli;
import dev.poststack.launcher.app.AppProperties;
import dev.poststack.launcher.app.AppSpec;
import dev.poststack.launcher.app.RunningApp;
import dev.poststack.launcher.app.SpringAppStarter;
import dev.poststack.launcher.kafka.BrokerSettings;
import dev.poststack.launcher.kafka.KafkaBrokerProcess;
import dev.poststack.launcher.postgres.PostgresEndpoint;
import dev.poststack.schemas.HostReportCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.PartitionPosition;
import dev.poststack.schemas.host.RefusedEntry;
import dev.poststack.testing.FreePorts;
import dev.poststack.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code poststack hosts} and {@code poststack hosts remove ID} against a real broker, the live
 * provisioner and a live database: hosts register by reporting on the status topic, the table shows
 * them, a removal goes through the topic and the provisioner.
 */
class HostsCommandIT {
  @TempDir static Path dataDir;

  private static KafkaBrokerProcess broker;
  private static int kafkaPort;
  private static TestDatabase live;
  private static RunningApp provisioner;

  @BeforeAll
  static void aLiveStackWithTwoHosts() throws Exception {
    kafkaPort = FreePorts.pairForBroker();
    broker =
        KafkaBrokerProcess.start(new BrokerSettings(dataDir, kafkaPort, Duration.ofSeconds(60)));
    broker.ensureTopics(Topics.all());
    live = TestDatabase.create();
    PostgresEndpoint pg =
        new PostgresEndpoint(
            "127.0.0.1", 5432, live.user(), live.password(), live.name(), "local server");
    provisioner =
        new SpringAppStarter(HostsCommandIT.class.getClassLoader())
            .start(
                new AppSpec(
                    "provisioner",
                    AppProperties.PROVISIONER_MAIN,
                    AppProperties.provisioner(
                        broker.bootstrapServers(), pg, dataDir.resolve("live.log")),
                    List.of(AppProperties.API_MAIN)));
    try (KafkaProducer<String, byte[]> producer = producer()) {
      report(
          producer,
          report("mh-1", "127.0.1.1")
              .setLastError("daemon effects: postfix reload exited 1")
              .setLastErrorAt(Instant.now())
              .setRefusedEntries(List.of(new RefusedEntry("alias:a@x.test", "bad line")))
              .build());
      report(producer, report("mh-2", "127.0.1.2").build());
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> count("select count(*) from mail_host") == 2);
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
  void listsTheHostsAsATableAndRemovesOneThroughTheProvisioner() throws Exception {
    Run list = poststack("hosts");
    assertThat(list.exit).as(list.err).isZero();
    List<String> lines = list.out.lines().toList();
    assertThat(lines.get(0))
        .startsWith("ID")
        .contains("ADDRESS", "STATE", "LAST SEEN", "LAG", "HASH OK", "LAST ERROR");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1))
        .startsWith("mh-1")
        .contains("127.0.1.1", "in_sync", "NO", "daemon effects: postfix reload", "[1 refused]");
    assertThat(lines.get(2)).startsWith("mh-2").contains("127.0.1.2", "in_sync");

    Run remove = poststack("hosts", "remove", "mh-2");
    assertThat(remove.exit).as(remove.err).isZero();
    assertThat(remove.out).contains("Removed host mh-2");
    assertThat(count("select count(*) from mail_host where removed_at is not null")).isEqualTo(1);
    assertThat(poststack("hosts").out.lines().toList().get(2)).contains("mh-2", "removed");
  }

  @Test
  void anUnknownOrMalformedHostIsAOneLineError() {
    Run unknown = poststack("hosts", "remove", "mh-9");
    assertThat(unknown.exit).isNotZero();
    assertThat(unknown.err.strip()).doesNotContain("\n").contains("mh-9");
    assertThat(unknown.err).doesNotContain("Exception").doesNotContain("\tat ");

    Run malformed = poststack("hosts", "remove", "MH_9");
    assertThat(malformed.exit).isEqualTo(2);
    assertThat(malformed.err.strip()).doesNotContain("\n").contains("not a host id");
  }

  private record Run(int exit, String out, String err) {}

  private static Run poststack(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        PostStackCli.run(
            args,
            Map.of(
                "POSTSTACK_DATA_DIR", dataDir.resolve("data").toString(),
                "POSTSTACK_PG_DATABASE", live.name(),
                "POSTSTACK_KAFKA_PORT", Integer.toString(kafkaPort)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static HostApplyReport.Builder report(String hostId, String address) {
    // nothing published yet: every host is at the end, so the expected hash is the empty sum
    return HostApplyReport.newBuilder()
        .setHostId(hostId)
        .setPositions(List.of(new PartitionPosition(0, 0L)))
        .setContentHash(hostId.equals("mh-1") ? "1".repeat(64) : "0".repeat(64))
        .setEntryCount(0)
        .setAppliedAt(Instant.now())
        .setStartedAt(Instant.now())
        .setAddress(address);
  }

  private static void report(KafkaProducer<String, byte[]> producer, HostApplyReport report)
      throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.HOST_STATUS.name(), report.getHostId(), HostReportCodec.encode(report)))
        .get();
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

  private static long count(String sql) throws Exception {
    try (Connection c = live.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
