package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.http.Timestamps;
import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import dev.poststack.schemas.HostRecordCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.MailboxActivity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What mail hosts report (on the real host-activity topic, applied by the real provisioner) shows
 * on the mailbox: lastLoginAt, usedBytes, messageCount, usageReportedAt; the list sorts and filters
 * by them.
 */
class MailboxUsageIT extends ApiIT {
  private static final long MIB = 1L << 20;
  private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);

  @Test
  void hostReportsShowOnTheMailboxAndTheListSortsAndFiltersByThem() throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    long full = create(api, t.domainId(), "full", MIB);
    long light = create(api, t.domainId(), "light", 1L << 30);
    long quiet = create(api, t.domainId(), "quiet", 1L << 30);

    api.get("/mailboxes/" + quiet)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.lastLoginAt")
        .value(v -> assertThat(v).isNull())
        .jsonPath("$.mailbox.usedBytes")
        .value(v -> assertThat(v).isNull())
        .jsonPath("$.mailbox.messageCount")
        .value(v -> assertThat(v).isNull())
        .jsonPath("$.mailbox.usageReportedAt")
        .value(v -> assertThat(v).isNull());

    String domain = t.domainName();
    try (var hosts = producer()) {
      send(
          hosts,
          report("full@" + domain, full)
              .setLastLoginAt(T.plusSeconds(1))
              .setUsedBytes(MIB * 9 / 10)
              .setMessageCount(12L)
              .setUsageObservedAt(T.plusSeconds(2))
              .build());
      send(
          hosts,
          report("light@" + domain, null)
              .setLastLoginAt(T.plusSeconds(5))
              .setLastLoginService("smtp")
              .setUsedBytes(10L)
              .setMessageCount(1L)
              .build());
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                api.get("/mailboxes/" + light)
                    .expectBody()
                    .jsonPath("$.mailbox.lastLoginAt")
                    .isEqualTo(Timestamps.format(T.plusSeconds(5))));
    api.get("/mailboxes/" + full)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.lastLoginAt")
        .isEqualTo(Timestamps.format(T.plusSeconds(1)))
        .jsonPath("$.mailbox.usedBytes")
        .isEqualTo((int) (MIB * 9 / 10))
        .jsonPath("$.mailbox.messageCount")
        .isEqualTo(12)
        .jsonPath("$.mailbox.usageReportedAt")
        .isEqualTo(Timestamps.format(T.plusSeconds(2)));

    assertThat(ids(api, "")).containsExactly(full, light, quiet);
    assertThat(ids(api, "?sort=-usedBytes")).containsExactly(full, light, quiet);
    assertThat(ids(api, "?sort=usedBytes")).containsExactly(quiet, light, full);
    assertThat(ids(api, "?sort=-lastLoginAt")).containsExactly(light, full, quiet);
    assertThat(ids(api, "?sort=lastLoginAt")).containsExactly(quiet, full, light);
    assertThat(ids(api, "?sort=-createdAt")).containsExactly(quiet, light, full);
    assertThat(ids(api, "?sort=-usedBytes&per_page=1&page=2")).containsExactly(light);
    assertThat(ids(api, "?usage_above_percent=80")).containsExactly(full);
    assertThat(ids(api, "?usage_above_percent=0&sort=-id")).containsExactly(light, full);
    api.get("/mailboxes?usage_above_percent=80").expectBody().jsonPath("$.meta.total").isEqualTo(1);

    expectProblem(api.get("/mailboxes?sort=password"), 422, "validation_error");
    expectProblem(api.get("/mailboxes?sort=usedBytes;drop"), 422, "validation_error");
    expectProblem(api.get("/mailboxes?usage_above_percent=eighty"), 422, "validation_error");
    expectProblem(api.get("/mailboxes?usage_above_percent=1001"), 422, "validation_error");
  }

  private static long create(Api api, long domainId, String localPart, long quota) {
    Map<String, Object> body = Fixtures.mailbox(domainId, localPart);
    body.put("quotaBytes", quota);
    return AuthenticationIT.extractId(
        new String(
            api.post("/mailboxes", body)
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody()));
  }

  @SuppressWarnings("unchecked")
  private static List<Long> ids(Api api, String query) {
    List<Object> ids =
        (List<Object>)
            com.jayway.jsonpath.JsonPath.read(
                new String(
                    api.get("/mailboxes" + query)
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody()),
                "$.data[*].id");
    return ids.stream().map(id -> ((Number) id).longValue()).toList();
  }

  private static MailboxActivity.Builder report(String address, Long mailboxId) {
    return MailboxActivity.newBuilder()
        .setHostId("mx-test")
        .setAddress(address)
        .setMailboxId(mailboxId)
        .setReportedAt(T.plusSeconds(3));
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static void send(KafkaProducer<String, byte[]> hosts, MailboxActivity report)
      throws Exception {
    hosts
        .send(
            new ProducerRecord<>(
                Topics.HOST_ACTIVITY.name(), report.getAddress(), HostRecordCodec.encode(report)))
        .get();
  }
}
