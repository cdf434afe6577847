package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import dev.poststack.api.support.Seed;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.event.MailboxCreated;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit API over the real pipeline: what the provisioner recorded, as each team may see it. */
class AuditApiIT extends ApiIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private record Answer(int status, String requestId, JsonNode body, byte[] raw) {}

  private static Answer answer(
      org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec r) {
    var result = r.expectBody().returnResult();
    byte[] raw = result.getResponseBody() == null ? new byte[0] : result.getResponseBody();
    JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
    return new Answer(
        result.getStatus().value(),
        result.getResponseHeaders().getFirst("X-Request-Id"),
        body,
        raw);
  }

  private static Answer ok(
      org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec r) {
    Answer a = answer(r);
    assertThat(a.status()).as(new String(a.raw(), StandardCharsets.UTF_8)).isBetween(200, 201);
    return a;
  }

  private static List<String> field(JsonNode page, String name) {
    List<String> out = new ArrayList<>();
    page.get("data").forEach(e -> out.add(e.get(name).isNull() ? null : e.get(name).asString()));
    return out;
  }

  private static String query(String sql, Object... args) throws Exception {
    try (Connection c = DB.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** No password, no hash, no key secret, anywhere in the raw bytes. */
  private static void assertNoSecret(Answer a, String... plaintexts) {
    String text = new String(a.raw(), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("{SHA512-CRYPT}").doesNotContain("$6$").doesNotContain("sk_");
    for (String p : plaintexts) {
      assertThat(text).doesNotContain(p);
    }
  }

  @Test
  void aMailboxsLifecycleIsItsHistoryNewestFirstWithTheKeysNameAndEachAnswersRequestId()
      throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    String keyId = query("select id from api_key where team_id = ?", t.teamId());
    String keyName = query("select name from api_key where team_id = ?", t.teamId());
    Map<String, Object> body = Fixtures.mailbox(t.domainId(), "lifecycle");
    String firstPassword = (String) body.get("password");
    List<String> requestIds = new ArrayList<>();
    Answer created = ok(api.post("/mailboxes", body));
    requestIds.add(created.requestId());
    String publicId = created.body().get("mailbox").get("publicId").asString();
    long id = created.body().get("mailbox").get("id").asLong();
    requestIds.add(ok(api.patch("/mailboxes/" + id, Map.of("displayName", "Renamed"))).requestId());
    requestIds.add(
        ok(api.post("/mailboxes/" + id + "/password", Map.of("password", "second-pw-4711")))
            .requestId());
    requestIds.add(ok(api.patch("/mailboxes/" + id, Map.of("status", "suspended"))).requestId());
    requestIds.add(ok(api.patch("/mailboxes/" + id, Map.of("status", "active"))).requestId());
    requestIds.add(ok(api.delete("/mailboxes/" + publicId)).requestId());

    for (String ref : List.of(publicId, Long.toString(id))) {
      Answer history = ok(api.get("/mailboxes/" + ref + "/events"));
      JsonNode page = history.body();
      assertThat(field(page, "type"))
          .containsExactly(
              "MailboxDeleted",
              "MailboxUpdated",
              "MailboxUpdated",
              "PasswordChanged",
              "MailboxUpdated",
              "MailboxCreated");
      assertThat(field(page, "requestId")).containsExactlyElementsOf(newestFirst(requestIds));
      assertThat(field(page, "outcome")).containsOnly("applied");
      for (JsonNode e : page.get("data")) {
        assertThat(e.get("actor").get("kind").asString()).isEqualTo("api_key");
        assertThat(e.get("actor").get("keyId").asString()).isEqualTo(keyId);
        assertThat(e.get("actor").get("name").asString()).isEqualTo(keyName);
        assertThat(e.get("mailboxId").asLong()).isEqualTo(id);
        assertThat(e.get("domainId").asLong()).isEqualTo(t.domainId());
        assertThat(e.get("rejection").isNull()).isTrue();
        assertThat(e.get("occurredAt").asString())
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(e.get("id").asString()).hasSize(36);
        assertThat(e.has("details")).isFalse();
      }
      assertThat(page.get("meta").get("total").asLong()).isEqualTo(6);
      assertNoSecret(history, firstPassword, "second-pw-4711", t.apiKey());
    }
    assertNoSecret(ok(api.get("/events?per_page=100")), firstPassword, "second-pw-4711");
  }

  @Test
  void aRefusedCreateIsOnTheLogAsRejectedWithItsCode() throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    ok(api.post("/mailboxes", Fixtures.mailbox(t.domainId(), "twice")));
    // the same create again, straight onto the log: the API's fast path never sees it, so the
    // provisioner's own check refuses it and records the refusal
    EventCodec codec = new EventCodec();
    MailboxCreated first =
        eventLog().all().stream()
            .filter(r -> r.key().equals(Long.toString(t.domainId())))
            .map(r -> codec.decode(r.value()))
            .filter(e -> e instanceof MailboxCreated)
            .map(e -> (MailboxCreated) e)
            .findFirst()
            .orElseThrow();
    MailboxCreated again = MailboxCreated.newBuilder(first).build();
    again.setEnvelope(
        dev.poststack.schemas.event.Envelope.newBuilder(first.getEnvelope())
            .setEventId(UUID.randomUUID())
            .setRequestId("req_refusedcreate" + System.nanoTime())
            .build());
    again.setMailboxId(Long.parseLong(query("select nextval('mailbox_id_seq')")));
    again.setPublicId("mb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.MAILBOX_EVENTS.name(), Long.toString(t.domainId()), codec.encode(again)))
          .get();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode page =
                  ok(api.get("/events?type=MailboxCreated&mailbox_id=" + again.getMailboxId()))
                      .body();
              assertThat(page.get("data")).hasSize(1);
              JsonNode e = page.get("data").get(0);
              assertThat(e.get("outcome").asString()).isEqualTo("rejected");
              assertThat(e.get("rejection").get("code").asString()).isEqualTo("address_taken");
              assertThat(e.get("rejection").get("message").asString()).isNotBlank();
              assertThat(e.get("id").asString())
                  .isEqualTo(again.getEnvelope().getEventId().toString());
            });
    // a refused create made no mailbox, so there is no object whose history to ask for
    expectProblem(
        api.get("/mailboxes/" + again.getMailboxId() + "/events"), 404, "mailbox_not_found");
  }

  @Test
  void filtersByTypeDomainTimeAndActorAndPagesWithTotals() throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    String domainPublicId = new Seed(DB).publicId("domain", t.domainId());
    List<Long> ids = new ArrayList<>();
    for (String local : List.of("first", "second", "third")) {
      ids.add(
          ok(api.post("/mailboxes", Fixtures.mailbox(t.domainId(), local)))
              .body()
              .get("mailbox")
              .get("id")
              .asLong());
    }
    String other = new Seed(DB).apiKey(t.teamId());
    String otherKeyId =
        query("select id from api_key where team_id = ? and name = 'seeded'", t.teamId());
    ok(new Api(http, other).patch("/mailboxes/" + ids.get(2), Map.of("displayName", "Third")));

    String creates = "/events?type=MailboxCreated&domain_id=" + domainPublicId;
    JsonNode page1 = ok(api.get(creates + "&per_page=2")).body();
    assertThat(page1.get("meta").get("total").asLong()).isEqualTo(3);
    assertThat(page1.get("meta").get("totalPages").asLong()).isEqualTo(2);
    assertThat(page1.get("meta").get("perPage").asInt()).isEqualTo(2);
    JsonNode page2 = ok(api.get(creates + "&per_page=2&page=2")).body();
    List<Long> listed = new ArrayList<>();
    page1.get("data").forEach(e -> listed.add(e.get("mailboxId").asLong()));
    page2.get("data").forEach(e -> listed.add(e.get("mailboxId").asLong()));
    assertThat(listed).containsExactly(ids.get(2), ids.get(1), ids.get(0));

    String secondAt = page1.get("data").get(1).get("occurredAt").asString();
    assertThat(field(ok(api.get(creates + "&since=" + secondAt)).body(), "type")).hasSize(2);
    assertThat(field(ok(api.get(creates + "&until=" + secondAt)).body(), "mailboxId"))
        .containsExactly(Long.toString(ids.get(0)));

    // a revoked key keeps its row, so its events keep its name
    ok(api.delete("/api-keys/" + otherKeyId));
    JsonNode byOther = ok(api.get("/events?actor_key_id=" + otherKeyId)).body();
    assertThat(field(byOther, "type")).containsExactly("MailboxUpdated");
    assertThat(byOther.get("data").get(0).get("actor").get("name").asString()).isEqualTo("seeded");
    assertThat(field(ok(api.get("/events?type=MailboxUpdated")).body(), "mailboxId"))
        .containsExactly(Long.toString(ids.get(2)));

    // the operator verified the domain: its history shows the operator, not a key
    JsonNode domain = ok(api.get("/domains/" + domainPublicId + "/events?per_page=100")).body();
    assertThat(field(domain, "type")).contains("DomainCreated", "MailboxCreated");
    domain
        .get("data")
        .forEach(
            e -> {
              if (e.get("type").asString().startsWith("Domain")) {
                assertThat(e.get("actor").get("kind").asString()).isEqualTo("operator");
                assertThat(e.get("actor").get("id").asString()).isNotBlank();
                assertThat(e.get("actor").has("keyId")).isFalse();
              }
            });
  }

  @Test
  void anotherTeamSeesNoneOfItAndEachOfItsIdsIsNotFound() throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    JsonNode mailbox =
        ok(api.post("/mailboxes", Fixtures.mailbox(t.domainId(), "ours"))).body().get("mailbox");
    JsonNode alias =
        ok(api.post(
                "/mailboxes/aliases",
                Fixtures.alias(t.domainId(), "ours-alias", mailbox.get("id").asLong())))
            .body()
            .get("alias");
    ok(api.delete("/mailboxes/aliases/" + alias.get("publicId").asString()));
    String domainPublicId = new Seed(DB).publicId("domain", t.domainId());

    // a deleted alias keeps its history
    assertThat(
            field(
                ok(api.get("/mailboxes/aliases/" + alias.get("publicId").asString() + "/events"))
                    .body(),
                "type"))
        .containsExactly("AliasDeleted", "AliasCreated");
    List<String> ours = field(ok(api.get("/events?per_page=100")).body(), "id");
    assertThat(ours).hasSizeGreaterThanOrEqualTo(3);

    Api stranger = new Api(http, newTeam().apiKey());
    assertThat(field(ok(stranger.get("/events?per_page=100")).body(), "id"))
        .doesNotContainAnyElementsOf(ours);
    assertThat(
            ok(stranger.get("/events?mailbox_id=" + mailbox.get("publicId").asString()))
                .body()
                .get("data"))
        .isEmpty();
    for (String ref : List.of(mailbox.get("id").asString(), mailbox.get("publicId").asString())) {
      expectProblem(stranger.get("/mailboxes/" + ref + "/events"), 404, "mailbox_not_found");
    }
    for (String ref : List.of(alias.get("id").asString(), alias.get("publicId").asString())) {
      expectProblem(stranger.get("/mailboxes/aliases/" + ref + "/events"), 404, "alias_not_found");
    }
    for (String ref : List.of(Long.toString(t.domainId()), domainPublicId)) {
      expectProblem(stranger.get("/domains/" + ref + "/events"), 404, "domain_not_found");
    }
    // the same body as an id that never existed
    Answer foreign = answer(stranger.get("/mailboxes/" + mailbox.get("id").asString() + "/events"));
    Answer unknown = answer(stranger.get("/mailboxes/999999999999/events"));
    assertThat(withoutRequestId(foreign.body())).isEqualTo(withoutRequestId(unknown.body()));
  }

  private static List<String> newestFirst(List<String> inOrder) {
    List<String> out = new ArrayList<>(inOrder);
    java.util.Collections.reverse(out);
    return out;
  }

  private static JsonNode withoutRequestId(JsonNode problem) {
    var copy = (tools.jackson.databind.node.ObjectNode) problem.deepCopy();
    copy.remove("requestId");
    copy.remove("instance");
    return copy;
  }

  @Test
  void aKeyScopedToOneDomainSeesOnlyThatDomainsEvents() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    long otherDomain =
        Fixtures.verifiedDomain(
            t.teamId(),
            "d" + UUID.randomUUID().toString().substring(0, 8) + ".example",
            broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    ok(api.post("/mailboxes", Fixtures.mailbox(t.domainId(), "here")));
    ok(api.post("/mailboxes", Fixtures.mailbox(otherDomain, "there")));

    Api scoped = api.scopedTo(t.domainId());
    JsonNode page = ok(scoped.get("/events?per_page=100")).body();
    assertThat(field(page, "domainId")).isNotEmpty().containsOnly(Long.toString(t.domainId()));
    expectProblem(scoped.get("/domains/" + otherDomain + "/events"), 403, "forbidden");
  }

  @Test
  void showsTheRequestsOriginAndTheChangedFieldsAsTheRowHoldsThem() throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    long mailboxId = new Seed(DB).mailbox(t.teamId(), t.domainId(), "origin");
    String keyId = query("select id from api_key where team_id = ?", t.teamId());
    UUID eventId = UUID.randomUUID();
    try (Connection c = DB.connect();
        PreparedStatement s =
            c.prepareStatement(
                "insert into audit_event (event_id, event_type, team_id, occurred_at, actor_kind,"
                    + " actor_id, request_id, domain_id, mailbox_id, outcome, kafka_topic,"
                    + " kafka_partition, kafka_offset, details, source_ip, user_agent, changes)"
                    + " values (?, 'PasswordChanged', ?, now(), 'api_key', ?, 'req_origin', ?, ?,"
                    + " 'applied', 'poststack.mailbox-events', 0, 0, ?::jsonb, '203.0.113.9',"
                    + " 'curl/8.5', ?::jsonb)")) {
      s.setObject(1, eventId);
      s.setLong(2, t.teamId());
      s.setString(3, keyId);
      s.setLong(4, t.domainId());
      s.setLong(5, mailboxId);
      s.setString(6, "{\"passwordScheme\":\"SHA512-CRYPT\",\"hash\":\"{SHA512-CRYPT}$6$a$b\"}");
      s.setString(
          7,
          "{\"displayName\":{\"from\":\"A\",\"to\":\"B\"},"
              + "\"password\":{\"from\":\"{SHA512-CRYPT}$6$a$b\",\"to\":\"{SHA512-CRYPT}$6$c$d\"}}");
      s.executeUpdate();
    }
    Answer history = ok(new Api(http, t.apiKey()).get("/mailboxes/" + mailboxId + "/events"));
    JsonNode e = history.body().get("data").get(0);
    assertThat(e.get("id").asString()).isEqualTo(eventId.toString());
    assertThat(e.get("sourceIp").asString()).isEqualTo("203.0.113.9");
    assertThat(e.get("userAgent").asString()).isEqualTo("curl/8.5");
    assertThat(e.get("clientRequestId").isNull()).isTrue();
    assertThat(e.get("changes").get("displayName").get("from").asString()).isEqualTo("A");
    assertThat(e.get("changes").get("displayName").get("to").asString()).isEqualTo("B");
    assertThat(e.get("changes").get("password").asString()).isEqualTo("changed");
    assertNoSecret(history);
  }

  @Test
  void aBadInstantOrAnUnknownTypeIsAValidationProblem() {
    Api api = new Api(http, newTeam().apiKey());
    expectProblem(api.get("/events?since=yesterday"), 422, "validation_error")
        .jsonPath("$.errors[0].field")
        .isEqualTo("since");
    expectProblem(api.get("/events?type=MailboxExploded"), 422, "validation_error");
    expectProblem(api.get("/events?per_page=101"), 422, "validation_error");
  }
}
