package dev.poststack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import dev.poststack.schemas.HostReportCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.HostApplyReport;
import dev.poststack.schemas.host.PartitionPosition;
import dev.poststack.schemas.host.RefusedEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code /hosts}: hosts register through the status topic (the real provisioner stores them), the
 * operator lists and removes them with the operator token, and a team key learns nothing. Host ids
 * are this test's own: contexts share one database.
 */
class HostsApiIT extends ApiIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  private final List<String> hosts = new ArrayList<>();

  @AfterEach
  void forgetHosts() throws SQLException {
    for (String host : hosts) {
      sql("delete from mail_host where host_id = ?", host);
    }
  }

  @Test
  void aTeamKeyOrNoTokenLearnsNothingAboutHosts() {
    var team = newTeam();
    for (String auth : new String[] {"Bearer " + team.apiKey(), "Bearer wrong", null}) {
      for (String path : new String[] {"/hosts", "/hosts/mh-1"}) {
        WebTestClient.RequestHeadersSpec<?> get = http.get().uri(path);
        if (auth != null) {
          get = get.header("Authorization", auth);
        }
        get.exchange()
            .expectStatus()
            .isUnauthorized()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("unauthorized")
            .jsonPath("$.hosts")
            .doesNotExist();
      }
    }
    http.delete()
        .uri("/hosts/mh-1")
        .header("Authorization", "Bearer " + team.apiKey())
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void anOperatorSeesEachHostWithItsStateErrorsAndRefusedEntriesAndRemovesOne() throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    Map<String, Object> mailbox =
        MailboxLifecycleIT.created(api, Fixtures.mailbox(t.domainId(), "hosted"));
    String key = "mailbox:" + mailbox.get("emailAddress");
    long[] at = await().atMost(WAIT).until(() -> position(key), p -> p != null);
    String done = prefix + "done";
    String behind = prefix + "behind";
    try (var producer = producer()) {
      report(
          producer,
          base(done, Map.of((int) at[0], at[1] + 1))
              .setAddress("127.0.1.1")
              .setLastError("daemon effects: postfix reload exited 1")
              .setLastErrorAt(Instant.now())
              .setRefusedEntries(List.of(new RefusedEntry("alias:x@y.test", "bad line")))
              .build());
      report(producer, base(behind, Map.of((int) at[0], at[1])).setAddress("127.0.1.2").build());
    }
    await()
        .atMost(WAIT)
        .until(
            () -> count("select count(*) from mail_host where host_id like ?", prefix + "%") == 2);

    operator(http.get().uri("/hosts"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.hosts[?(@.id == '" + done + "')].address")
        .isEqualTo("127.0.1.1")
        .jsonPath("$.hosts[?(@.id == '" + behind + "')].state")
        .isEqualTo("catching_up");
    operator(http.get().uri("/hosts/" + done))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.host.id")
        .isEqualTo(done)
        .jsonPath("$.host.lastError")
        .isEqualTo("daemon effects: postfix reload exited 1")
        .jsonPath("$.host.refusedEntries[0].key")
        .isEqualTo("alias:x@y.test")
        .jsonPath("$.host.refusedEntries[0].reason")
        .isEqualTo("bad line")
        .jsonPath("$.host.positions[0].nextOffset")
        .isEqualTo(at[1] + 1)
        .jsonPath("$.host.firstSeenAt")
        .isNotEmpty()
        .jsonPath("$.host.resyncRequestedAt")
        .doesNotExist();
    operator(http.get().uri("/hosts/" + prefix + "none")).exchange().expectStatus().isNotFound();
    operator(http.get().uri("/hosts/Not_An_Id")).exchange().expectStatus().isEqualTo(422);

    String path = "/mailboxes/" + mailbox.get("publicId");
    api.get(path)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.propagation.pending[?(@ == '" + behind + "')]")
        .exists()
        .jsonPath("$.mailbox.propagation.pending[?(@ == '" + done + "')]")
        .doesNotExist();
    long hostsBefore = propagationHosts(api, path);

    operator(http.delete().uri("/hosts/" + behind))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.host.state")
        .isEqualTo("removed")
        .jsonPath("$.host.removedAt")
        .isNotEmpty();
    assertThat(propagationHosts(api, path)).isEqualTo(hostsBefore - 1);
    api.get(path)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.propagation.pending[?(@ == '" + behind + "')]")
        .doesNotExist();
    // removing it again changes nothing
    operator(http.delete().uri("/hosts/" + behind)).exchange().expectStatus().isOk();
  }

  private long propagationHosts(Api api, String path) {
    Map<?, ?> body =
        api.get(path).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    Map<?, ?> propagation = (Map<?, ?>) ((Map<?, ?>) body.get("mailbox")).get("propagation");
    return ((Number) propagation.get("hosts")).longValue();
  }

  private static WebTestClient.RequestHeadersSpec<?> operator(
      WebTestClient.RequestHeadersSpec<?> request) {
    return request.header("Authorization", "Bearer " + OPERATOR_TOKEN);
  }

  private HostApplyReport.Builder base(String hostId, Map<Integer, Long> positions) {
    hosts.add(hostId);
    List<PartitionPosition> list = new ArrayList<>();
    positions.forEach((p, o) -> list.add(new PartitionPosition(p, o)));
    return HostApplyReport.newBuilder()
        .setHostId(hostId)
        .setPositions(list)
        .setContentHash("0".repeat(64))
        .setEntryCount(1)
        .setAppliedAt(Instant.now())
        .setStartedAt(Instant.now());
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.getBrokersAsString(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static void report(KafkaProducer<String, byte[]> producer, HostApplyReport report)
      throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.HOST_STATUS.name(), report.getHostId(), HostReportCodec.encode(report)))
        .get();
  }

  private static long[] position(String key) throws SQLException {
    try (Connection c = DB.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select kafka_partition, kafka_offset from host_entry_position where entry_key"
                    + " = ?")) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new long[] {rs.getInt(1), rs.getLong(2)} : null;
      }
    }
  }

  private static long count(String sql, Object arg) throws SQLException {
    try (Connection c = DB.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, arg);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void sql(String sql, Object... args) throws SQLException {
    try (Connection c = DB.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }
}
