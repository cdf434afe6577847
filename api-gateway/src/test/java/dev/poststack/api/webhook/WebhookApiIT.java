package dev.poststack.api.webhook;

import static dev.poststack.api.support.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.SdkSignature;
import dev.poststack.api.support.WebhookReceiver;
import dev.poststack.api.support.WebhooksIT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** The /webhooks endpoints' wire shapes as the SDK 0.14 reads them, scope and secrecy. */
class WebhookApiIT extends WebhooksIT {
  private static final Set<String> WEBHOOK_FIELDS =
      Set.of(
          "id",
          "url",
          "events",
          "active",
          "includeBodies",
          "createdAt",
          "secretRotatedAt",
          "previousSecretExpiresAt",
          "consecutiveFailures",
          "disabledAt",
          "disabledReason");
  private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  @Test
  void createAnswersTheWebhookAndItsSecretOnceAndNoGetOrTableShowsTheSecret() {
    var team = newTeam();
    Api api = new Api(http, team.apiKey());
    JsonNode created =
        createWebhook(
            api, "https://hooks.example.com/in", List.of("email.inbound", "mailbox.created"));
    String secret = created.get("signingSecret").stringValue();
    assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
    JsonNode webhook = created.get("webhook");
    assertThat(fieldNames(webhook)).isEqualTo(WEBHOOK_FIELDS);
    assertThat(webhook.get("id").isIntegralNumber()).isTrue();
    assertThat(webhook.get("url").stringValue()).isEqualTo("https://hooks.example.com/in");
    assertThat(webhook.get("events").toString())
        .isEqualTo("[\"email.inbound\",\"mailbox.created\"]");
    assertThat(webhook.get("active").booleanValue()).isTrue();
    assertThat(webhook.get("createdAt").stringValue()).matches(TIMESTAMP);
    assertThat(webhook.get("secretRotatedAt").isNull()).isTrue();
    assertThat(webhook.get("consecutiveFailures").intValue()).isZero();
    long id = webhook.get("id").longValue();

    byte[] list =
        api.get("/webhooks").expectStatus().isOk().expectBody().returnResult().getResponseBody();
    JsonNode listed = json(list).get("webhooks").get(0);
    Set<String> listFields = new HashSet<>(WEBHOOK_FIELDS);
    listFields.addAll(Set.of("lastDeliveryAt", "lastDeliveryStatus"));
    assertThat(fieldNames(listed)).isEqualTo(listFields);
    byte[] one =
        api.get("/webhooks/" + id)
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    assertThat(json(one).get("webhook").get("id").longValue()).isEqualTo(id);
    assertThat(new String(list, StandardCharsets.UTF_8) + new String(one, StandardCharsets.UTF_8))
        .doesNotContain(secret)
        .doesNotContain("signingSecret");

    // no table holds it in the clear: not the webhook row, not the idempotency record
    for (String table : List.of("webhook", "idempotency_record", "control_journal")) {
      assertThat(rows("select string_agg(t::text, '') from " + table + " t").get(0).get(0) + "")
          .as(table)
          .doesNotContain(secret);
    }
  }

  @Test
  void anotherTeamsWebhookIsNotFoundWhateverItAsks() {
    Api owner = new Api(http, newTeam().apiKey());
    Api other = new Api(http, newTeam().apiKey());
    long id =
        createWebhook(owner, "https://hooks.example.com/a", List.of("mailbox.created"))
            .get("webhook")
            .get("id")
            .longValue();
    expectProblem(other.get("/webhooks/" + id), 404, "webhook_not_found");
    expectProblem(
        other.patch("/webhooks/" + id, Map.of("enabled", false)), 404, "webhook_not_found");
    expectProblem(other.post("/webhooks/" + id + "/test", null), 404, "webhook_not_found");
    expectProblem(other.get("/webhooks/" + id + "/deliveries"), 404, "webhook_not_found");
    expectProblem(other.post("/webhooks/" + id + "/rotate-secret", null), 404, "webhook_not_found");
    expectProblem(
        other.post("/webhooks/" + id + "/deliveries/batch-replay", Map.of()),
        404,
        "webhook_not_found");
    expectProblem(other.delete("/webhooks/" + id), 404, "webhook_not_found");
    other.get("/webhooks").expectStatus().isOk().expectBody().jsonPath("$.webhooks").isEmpty();
    owner.get("/webhooks/" + id).expectStatus().isOk();
  }

  @Test
  void invalidWebhooksAreRefusedWithEveryFieldNamed() {
    Api api = new Api(http, newTeam().apiKey());
    expectProblem(
            api.post(
                "/webhooks", Map.of("url", "https://h.example.com/", "events", List.of("nope"))),
            422,
            "validation_error")
        .jsonPath("$.errors[0].field")
        .isEqualTo("events");
    expectProblem(api.post("/webhooks", Map.of("events", List.of())), 422, "validation_error")
        .jsonPath("$.errors.length()")
        .isEqualTo(2);
    expectProblem(
        api.post(
            "/webhooks",
            Map.of("url", "https://user:pw@h.example.com/", "events", List.of("email.inbound"))),
        422,
        "validation_error");
    expectProblem(api.post("/webhooks", null), 422, "validation_error");
    long id =
        createWebhook(api, "https://h.example.com/", List.of("inbound_email.received"))
            .get("webhook")
            .get("id")
            .longValue();
    expectProblem(api.patch("/webhooks/" + id, Map.of()), 422, "validation_error");
    expectProblem(api.patch("/webhooks/" + id, Map.of("colour", "red")), 422, "validation_error");
    expectProblem(
        api.post("/webhooks/" + id + "/rotate-secret", Map.of("graceHours", 169)),
        422,
        "validation_error");
    expectProblem(
        api.post("/webhooks/" + id + "/deliveries/batch-replay", Map.of("limit", 1001)),
        422,
        "validation_error");
  }

  @Test
  void concurrentCreatesNeverTakeATeamPastTenWebhooks() throws Exception {
    Api api = new Api(http, newTeam().apiKey());
    var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 14; i++) {
        int n = i;
        answers.add(
            pool.submit(
                () ->
                    api.post(
                            "/webhooks",
                            Map.of(
                                "url",
                                "https://h.example.com/" + n,
                                "events",
                                List.of("mailbox.created")))
                        .returnResult(byte[].class)
                        .getStatus()
                        .value()));
      }
      List<Integer> statuses = new java.util.ArrayList<>();
      for (var a : answers) {
        statuses.add(a.get());
      }
      assertThat(statuses.stream().filter(s -> s == 201)).hasSize(10);
      assertThat(statuses.stream().filter(s -> s == 422)).hasSize(4);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTeamHasAtMostTenWebhooks() {
    Api api = new Api(http, newTeam().apiKey());
    for (int i = 0; i < 10; i++) {
      createWebhook(api, "https://h.example.com/" + i, List.of("mailbox.created"));
    }
    expectProblem(
        api.post(
            "/webhooks",
            Map.of("url", "https://h.example.com/x", "events", List.of("mailbox.created"))),
        422,
        "limit_reached");
  }

  @Test
  void patchChangesWhatItNamesAndReEnablingClearsAnAutomaticDisable() {
    Api api = new Api(http, newTeam().apiKey());
    long id =
        createWebhook(api, "https://h.example.com/", List.of("mailbox.created"))
            .get("webhook")
            .get("id")
            .longValue();
    update(
        "update webhook set disabled_at = now(), disabled_reason = 'disabled after 50', "
            + "consecutive_failures = 50 where id = ?",
        id);
    api.get("/webhooks/" + id)
        .expectBody()
        .jsonPath("$.webhook.active")
        .isEqualTo(false)
        .jsonPath("$.webhook.disabledReason")
        .isEqualTo("disabled after 50");
    api.patch(
            "/webhooks/" + id,
            Map.of(
                "enabled",
                true,
                "events",
                List.of("mailbox.deleted"),
                "url",
                "https://h2.example.com/",
                "includeBodies",
                true))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.webhook.active")
        .isEqualTo(true)
        .jsonPath("$.webhook.disabledAt")
        .isEmpty()
        .jsonPath("$.webhook.disabledReason")
        .isEmpty()
        .jsonPath("$.webhook.consecutiveFailures")
        .isEqualTo(0)
        .jsonPath("$.webhook.events[0]")
        .isEqualTo("mailbox.deleted")
        .jsonPath("$.webhook.includeBodies")
        .isEqualTo(true)
        .jsonPath("$.webhook.url")
        .isEqualTo("https://h2.example.com/");
    api.patch("/webhooks/" + id, Map.of("enabled", false))
        .expectBody()
        .jsonPath("$.webhook.active")
        .isEqualTo(false);
    api.delete("/webhooks/" + id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.success")
        .isEqualTo(true);
    expectProblem(api.get("/webhooks/" + id), 404, "webhook_not_found");
  }

  @Test
  void aTestDeliveryIsSignedListedNewestFirstAndARotationSignsWithBothSecretsUntilItsWindowEnds() {
    Api api = new Api(http, newTeam().apiKey());
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      JsonNode created = createWebhook(api, receiver.url(), List.of("webhook.test"));
      String first = created.get("signingSecret").stringValue();
      long id = created.get("webhook").get("id").longValue();

      // the SDK's test() and rotateSecret() send no body at all
      api.request(HttpMethod.POST, "/webhooks/" + id + "/test", null, "k-" + id)
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.success")
          .isEqualTo(true);
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
      var one = receiver.received().get(0);
      assertThat(SdkSignature.verify(one.text(), one.header("X-PostStack-Signature"), first))
          .isTrue();
      assertThat(one.header("X-PostStack-Event")).isEqualTo("webhook.test");
      JsonNode body = json(one.body());
      assertThat(one.header("X-PostStack-Delivery")).isEqualTo(body.get("id").toString());
      assertThat(body.get("event").stringValue()).isEqualTo("webhook.test");
      assertThat(body.get("data").get("webhookId").longValue()).isEqualTo(id);

      byte[] rotated =
          api.request(HttpMethod.POST, "/webhooks/" + id + "/rotate-secret", null, "r-" + id)
              .expectStatus()
              .isOk()
              .expectBody()
              .returnResult()
              .getResponseBody();
      String second = json(rotated).get("signingSecret").stringValue();
      JsonNode rw = json(rotated).get("webhook");
      assertThat(second).isNotEqualTo(first);
      assertThat(rw.get("secretRotatedAt").stringValue()).matches(TIMESTAMP);
      Instant expires = Instant.parse(rw.get("previousSecretExpiresAt").stringValue());
      assertThat(expires)
          .isBetween(
              Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

      api.post("/webhooks/" + id + "/test", null).expectStatus().isOk();
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 2);
      var two = receiver.received().get(1);
      String header = two.header("X-PostStack-Signature");
      assertThat(header.split(",")).hasSize(2);
      assertThat(SdkSignature.verify(two.text(), header, second)).isTrue();
      assertThat(SdkSignature.verify(two.text(), header, first)).isTrue();
      assertThat(SdkSignature.verify(two.text(), header, "whsec_other")).isFalse();

      // the window ends: only the new secret signs
      update(
          "update webhook set previous_secret_expires_at = now() - interval '1 second' where id ="
              + " ?",
          id);
      api.post("/webhooks/" + id + "/test", null).expectStatus().isOk();
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 3);
      var three = receiver.received().get(2);
      assertThat(three.header("X-PostStack-Signature").split(",")).hasSize(1);
      assertThat(SdkSignature.verify(three.text(), three.header("X-PostStack-Signature"), second))
          .isTrue();
      assertThat(SdkSignature.verify(three.text(), three.header("X-PostStack-Signature"), first))
          .isFalse();
      api.get("/webhooks/" + id)
          .expectBody()
          .jsonPath("$.webhook.previousSecretExpiresAt")
          .isEmpty();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  rows(
                          "select count(*) from webhook_delivery where webhook_id = ? and state ="
                              + " 'delivered'",
                          id)
                      .get(0)
                      .get(0)
                      .equals(3L));
      byte[] page =
          api.get("/webhooks/" + id + "/deliveries?page=1&per_page=2")
              .expectStatus()
              .isOk()
              .expectBody()
              .returnResult()
              .getResponseBody();
      JsonNode deliveries = json(page);
      assertThat(deliveries.get("pagination").toString())
          .isEqualTo("{\"page\":1,\"perPage\":2,\"total\":3,\"totalPages\":2}");
      JsonNode newest = deliveries.get("deliveries").get(0);
      assertThat(fieldNames(newest))
          .containsAll(
              Set.of(
                  "id",
                  "webhookId",
                  "eventType",
                  "payload",
                  "statusCode",
                  "responseBody",
                  "attempts",
                  "nextRetryAt",
                  "deliveredAt",
                  "createdAt"));
      assertThat(newest.get("id").longValue())
          .isGreaterThan(deliveries.get("deliveries").get(1).get("id").longValue());
      assertThat(newest.get("statusCode").intValue()).isEqualTo(200);
      assertThat(newest.get("attempts").intValue()).isEqualTo(1);
      assertThat(newest.get("nextRetryAt").isNull()).isTrue();
      assertThat(newest.get("deliveredAt").stringValue()).matches(TIMESTAMP);
      // the payload shown is the body that was signed and sent
      assertThat(newest.get("payload")).isEqualTo(json(three.body()));
      api.get("/webhooks")
          .expectBody()
          .jsonPath("$.webhooks[0].lastDeliveryStatus")
          .isEqualTo(200)
          .jsonPath("$.webhooks[0].lastDeliveryAt")
          .value(t -> assertThat(t.toString()).matches(TIMESTAMP));
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
