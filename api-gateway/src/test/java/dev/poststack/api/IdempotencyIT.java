package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.api.support.AnswerDroppingProxy;
import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Fixtures;
import dev.poststack.api.support.Seed;
import dev.poststack.controlplane.apikey.ApiKeySecret;
import dev.poststack.schemas.EventCodec;
import dev.poststack.schemas.event.MailboxCreated;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * The edges of Idempotency-Key: twins in flight, answers bound to the API key and its scope, "same
 * key, other body" as 422 whatever the first answer was, and API keys whose secret a retry gets
 * back although no table holds it.
 */
class IdempotencyIT extends ApiIT {

  @Test
  void simultaneousRequestsWithOneKeyPublishOneEventAndAllGetTheSameAnswer() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String key = UUID.randomUUID().toString();
    Map<String, Object> body =
        Map.of("domainId", t.domainId(), "localPart", "twins", "password", "twins-password-1");
    WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    List<String> answers =
        Flux.range(0, 4)
            .flatMap(
                i ->
                    client
                        .method(HttpMethod.POST)
                        .uri("/mailboxes")
                        .header("Authorization", "Bearer " + t.apiKey())
                        .header("Idempotency-Key", key)
                        .bodyValue(body)
                        .exchangeToMono(
                            r ->
                                r.bodyToMono(String.class)
                                    .map(text -> r.statusCode().value() + " " + text)),
                4)
            .collectList()
            .block(Duration.ofSeconds(60));

    assertThat(answers).hasSize(4);
    assertThat(new HashSet<>(answers)).as("one answer for all").hasSize(1);
    assertThat(answers.get(0)).startsWith("201 ");
    EventCodec codec = new EventCodec();
    assertThat(
            eventLog().all().stream()
                .filter(r -> r.key().equals(Long.toString(t.domainId())))
                .map(r -> codec.decode(r.value()))
                .filter(e -> e instanceof MailboxCreated)
                .count())
        .as("MailboxCreated events for the domain")
        .isEqualTo(1);
  }

  @Test
  void anotherPasswordAfterAStoredErrorIsAnotherRequest() {
    var team = newTeam();
    Seed seed = new Seed(DB);
    long domain = seed.verifiedDomain(team.teamId());
    seed.mailbox(team.teamId(), domain, "taken");
    Api api = new Api(http, team.apiKey());
    String key = UUID.randomUUID().toString();
    Map<String, Object> first =
        Map.of("domainId", domain, "localPart", "taken", "password", "first-password-1");

    expectProblem(api.post("/mailboxes", first, key), 409, "address_taken");
    expectProblem(
        api.post(
            "/mailboxes",
            Map.of("domainId", domain, "localPart", "taken", "password", "other-password-2"),
            key),
        422,
        "idempotency_key_reused");
    expectProblem(api.post("/mailboxes", first, key), 409, "address_taken");
  }

  @Test
  void aRetryThatLeavesOutThePasswordOrAddsOneIsAnotherRequest() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, t.apiKey());
    String createKey = UUID.randomUUID().toString();
    // members in one order, the password last: only its absence tells the retry apart
    Map<String, Object> withPassword = new LinkedHashMap<>();
    withPassword.put("domainId", t.domainId());
    withPassword.put("localPart", "kept");
    Map<String, Object> withoutPassword = new LinkedHashMap<>(withPassword);
    withPassword.put("password", "kept-pw-123");
    long id =
        AuthenticationIT.extractId(
            api.post("/mailboxes", withPassword, createKey)
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    expectProblem(
        api.post("/mailboxes", withoutPassword, createKey), 422, "idempotency_key_reused");

    String patchKey = UUID.randomUUID().toString();
    Map<String, Object> patch = new LinkedHashMap<>(Map.of("displayName", "Kept"));
    api.request(HttpMethod.PATCH, "/mailboxes/" + id, patch, patchKey).expectStatus().isOk();
    patch.put("password", "added-pw-123");
    expectProblem(
        api.request(HttpMethod.PATCH, "/mailboxes/" + id, patch, patchKey),
        422,
        "idempotency_key_reused");
  }

  @Test
  void anotherKeyOfTheTeamGets422AndAKeyWhoseScopeMovedGets403() throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    long otherDomain = new Seed(DB).verifiedDomain(t.teamId());
    Api teamWide = new Api(http, t.apiKey());
    Api scoped = teamWide.scopedTo(t.domainId());
    String key = UUID.randomUUID().toString();
    Map<String, Object> body =
        Map.of("domainId", t.domainId(), "localPart", "scoped", "password", "scoped-pw-123");
    scoped.post("/mailboxes", body, key).expectStatus().isCreated();
    scoped.post("/mailboxes", body, key).expectStatus().isCreated();

    expectProblem(teamWide.post("/mailboxes", body, key), 422, "idempotency_key_reused");

    try (var c = DB.connect();
        var move = c.prepareStatement("update api_key set domain_id = ? where key_hash = ?")) {
      move.setLong(1, otherDomain);
      move.setString(2, new ApiKeySecret(scoped.key()).hash());
      assertThat(move.executeUpdate()).isEqualTo(1);
    }
    // a change made beside the API reaches its key cache by NOTIFY (milliseconds), not at once
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> expectProblem(scoped.post("/mailboxes", body, key), 403, "forbidden"));
  }

  @Test
  void aCreatedKeyWhoseAnswerWasLostComesBackWithItsSecretAndIsMintedOnce() throws Exception {
    var team = newTeam();
    String name = "lost-" + UUID.randomUUID();
    Map<String, Object> body = Map.of("name", name, "permission", "sending_access");
    String key = UUID.randomUUID().toString();
    AnswerDroppingProxy.Answer first;
    try (AnswerDroppingProxy network = AnswerDroppingProxy.inFrontOf(port)) {
      WebTestClient throughNetwork =
          WebTestClient.bindToServer()
              .baseUrl("http://127.0.0.1:" + network.port())
              .responseTimeout(Duration.ofSeconds(30))
              .build();
      assertThatThrownBy(() -> new Api(throughNetwork, team.apiKey()).post("/api-keys", body, key))
          .as("the first call must fail at the client")
          .hasStackTraceContaining("prematurely closed");
      first = network.droppedAnswer();
    }
    assertThat(first.status()).as(first.bodyText()).isEqualTo(201);
    String secret = AuthenticationIT.extractKey(first.bodyText());

    byte[] retried =
        new Api(http, team.apiKey())
            .post("/api-keys", body, key)
            .expectStatus()
            .isCreated()
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    assertThat(new String(retried, StandardCharsets.UTF_8)).isEqualTo(first.bodyText());
    new Api(http, secret).get("/mailboxes").expectStatus().isOk();
    assertThat(count("select count(*) from api_key where name = '" + name + "'")).isEqualTo(1);
    assertThat(
            count(
                "select count(*) from idempotency_record r where team_id = "
                    + team.teamId()
                    + " and (r::text like '%"
                    + secret
                    + "%' or r::text like '%"
                    + key
                    + "%')"))
        .as("the secret or the Idempotency-Key in a stored record")
        .isZero();
  }

  @Test
  void simultaneousKeyCreatesWithOneIdempotencyKeyAllGetTheOneKey() throws Exception {
    var team = newTeam();
    String name = "twin-key-" + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    List<String> answers =
        Flux.range(0, 3)
            .flatMap(
                i ->
                    client
                        .post()
                        .uri("/api-keys")
                        .header("Authorization", "Bearer " + team.apiKey())
                        .header("Idempotency-Key", key)
                        .bodyValue(Map.of("name", name, "permission", "sending_access"))
                        .exchangeToMono(
                            r ->
                                r.bodyToMono(String.class)
                                    .map(text -> r.statusCode().value() + " " + text)),
                3)
            .collectList()
            .block(Duration.ofSeconds(60));
    assertThat(new HashSet<>(answers)).hasSize(1);
    assertThat(answers.get(0)).startsWith("201 ").contains("\"key\":\"sk_live_");
    assertThat(count("select count(*) from api_key where name = '" + name + "'")).isEqualTo(1);
  }

  @Test
  void aRetriedRotationGetsTheSameNewSecretAndRotatesOnce() {
    Api admin = new Api(http, newTeam().apiKey());
    String created =
        new String(
            admin
                .post("/api-keys", Map.of("name", "rotated", "permission", "sending_access"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody(),
            StandardCharsets.UTF_8);
    long id = AuthenticationIT.extractId(created);
    String key = UUID.randomUUID().toString();
    String first = rotate(admin, id, key);
    String again = rotate(admin, id, key);

    assertThat(again).isEqualTo(first);
    new Api(http, AuthenticationIT.extractKey(first)).get("/mailboxes").expectStatus().isOk();
    expectProblem(
        new Api(http, AuthenticationIT.extractKey(created)).get("/mailboxes"), 401, "unauthorized");
  }

  private String rotate(Api admin, long id, String key) {
    return new String(
        admin
            .post("/api-keys/" + id + "/rotate", null, key)
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody(),
        StandardCharsets.UTF_8);
  }

  private static long count(String sql) throws Exception {
    try (var c = DB.connect();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
