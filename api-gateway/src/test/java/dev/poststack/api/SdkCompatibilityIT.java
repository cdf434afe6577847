package dev.poststack.api;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststack.api.support.AnswerDroppingProxy;
import dev.poststack.api.support.Api;
import dev.poststack.api.support.ApiIT;
import dev.poststack.api.support.Claims;
import dev.poststack.api.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every call of the official SDK's wire-contract table, sent as the SDK sends it (its User-Agent,
 * Content-Type on every call, a fresh Idempotency-Key on each POST), answered as it reads it.
 */
class SdkCompatibilityIT extends ApiIT {

  @Test
  void everyMailboxCallOfTheSdkGetsItsDocumentedStatusAndShape() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api sdk = new Api(http, t.apiKey());
    // create(input) with the docs page's body
    var mailbox =
        MailboxLifecycleIT.created(
            sdk,
            Map.of(
                "domainId",
                t.domainId(),
                "localPart",
                "support",
                "password",
                "secure-password-123",
                "displayName",
                "Support Team",
                "quotaBytes",
                1073741824,
                "webhookEnabled",
                true));
    Object publicId = mailbox.get("publicId");
    // list({page, per_page}), get(id) with the SDK's publicId, update, changePassword (POST)
    sdk.get("/mailboxes?page=1&per_page=50")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data[0].publicId")
        .isEqualTo(publicId)
        .jsonPath("$.meta.perPage")
        .isEqualTo(50)
        .jsonPath("$.meta.totalPages")
        .isEqualTo(1);
    sdk.get("/mailboxes/" + publicId)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.id")
        .isEqualTo(mailbox.get("id"));
    sdk.patch(
            "/mailboxes/" + publicId,
            Map.of("displayName", "Customer Support", "status", "suspended"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.mailbox.status")
        .isEqualTo("suspended");
    sdk.post("/mailboxes/" + publicId + "/password", Map.of("password", "new-password-456"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true);
    // createAlias with the SDK's mb_ destination, listAliases, deleteAlias (numeric)
    long alias =
        AliasLifecycleIT.aliasId(
            sdk.post(
                "/mailboxes/aliases",
                Map.of(
                    "domainId",
                    t.domainId(),
                    "localPart",
                    "help",
                    "destinationMailboxId",
                    publicId)));
    sdk.get("/mailboxes/aliases?page=1&per_page=50")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data[0].destinationMailboxId")
        .isEqualTo(mailbox.get("id"));
    sdk.delete("/mailboxes/aliases/" + alias)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true);
    // delete(id)
    sdk.delete("/mailboxes/" + publicId)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true);
  }

  @Test
  void aRetryWithTheSameKeyAfterADroppedAnswerGetsTheFirstAnswerAndMakesNoSecondMailbox()
      throws Exception {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    String idempotencyKey = UUID.randomUUID().toString();
    Map<String, Object> body = Fixtures.mailbox(t.domainId(), "retried");
    AnswerDroppingProxy.Answer first;
    try (AnswerDroppingProxy network = AnswerDroppingProxy.inFrontOf(port)) {
      WebTestClient throughNetwork =
          WebTestClient.bindToServer()
              .baseUrl("http://127.0.0.1:" + network.port())
              .responseTimeout(Duration.ofSeconds(30))
              .build();
      // the server handles the create, and its answer is lost on the way back: the SDK sees the
      // call fail
      assertThatThrownBy(
              () -> new Api(throughNetwork, t.apiKey()).post("/mailboxes", body, idempotencyKey))
          .as("the first call must fail at the client")
          .hasStackTraceContaining("prematurely closed");
      first = network.droppedAnswer();
    }
    assertThat(first.status()).as(first.bodyText()).isEqualTo(201);

    // the SDK retries with the same key and must get the answer it lost, not a second mailbox
    byte[] retried =
        new Api(http, t.apiKey())
            .post("/mailboxes", body, idempotencyKey)
            .expectStatus()
            .isCreated()
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    assertThat(new String(retried, StandardCharsets.UTF_8)).isEqualTo(first.bodyText());
    try (var c = DB.connect();
        var s =
            c.prepareStatement(
                "select public_id from mailbox where domain_id = ? and local_part = 'retried'")) {
      s.setLong(1, t.domainId());
      var rs = s.executeQuery();
      assertThat(rs.next()).isTrue();
      assertThat(first.bodyText()).contains("\"publicId\":\"" + rs.getString(1) + "\"");
      assertThat(rs.next()).as("a second mailbox").isFalse();
    }
  }

  @Test
  void everyDomainAndApiKeyCallOfTheSdkGetsItsDocumentedShape() {
    Api sdk = new Api(http, newTeam().apiKey());
    long id =
        Claims.published(sdk, "mx-ok-" + UUID.randomUUID().toString().substring(0, 6) + ".example")
            .id();
    // list() reads {domains: [...]}; the paging metadata sits beside it
    sdk.get("/domains")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domains")
        .isArray()
        .jsonPath("$.domains[0].id")
        .isEqualTo(id)
        .jsonPath("$.domains[0].publicId")
        .isNotEmpty()
        .jsonPath("$.meta.total")
        .isEqualTo(1);
    sdk.get("/domains/" + id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.id")
        .isEqualTo(id);
    sdk.post("/domains/" + id + "/verify", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.queued")
        .isEqualTo(true);
    sdk.patch("/domains/" + id, Map.of("inbound_enabled", true, "catch_all", false))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.domain.inboundEnabled")
        .isEqualTo(true);
    sdk.delete("/domains/" + id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true);
    long key =
        AuthenticationIT.extractId(
            new String(
                sdk.post("/api-keys", Map.of("name", "sdk", "permission", "sending_access"))
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .returnResult()
                    .getResponseBody()));
    // list() reads {keys: [...]} of bare key objects (no secret)
    sdk.get("/api-keys")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.keys")
        .isArray()
        .jsonPath("$.keys[1].id")
        .isEqualTo(key)
        .jsonPath("$.keys[1].keyPrefix")
        .isNotEmpty()
        .jsonPath("$.keys[1].key")
        .doesNotExist()
        .jsonPath("$.meta.total")
        .isEqualTo(2);
    sdk.get("/api-keys/" + key).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(key);
    sdk.post("/api-keys/" + key + "/rotate", null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.key")
        .exists();
    sdk.delete("/api-keys/" + key)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true);
  }

  @Test
  void errorsCarryErrorCodeAndRequestIdAsTheSdkReadsThem() {
    var t = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api sdk = new Api(http, t.apiKey());
    MailboxLifecycleIT.created(sdk, Fixtures.mailbox(t.domainId(), "dup"));
    expectProblem(
            sdk.post("/mailboxes", Fixtures.mailbox(t.domainId(), "dup")), 409, "address_taken")
        .jsonPath("$.error")
        .value(e -> assertThat(e.toString()).contains("dup@"));
  }
}
