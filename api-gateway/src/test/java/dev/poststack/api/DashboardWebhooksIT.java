package dev.poststack.api;

import static dev.poststack.api.support.DashboardPages.META_CSRF;
import static dev.poststack.api.support.DashboardPages.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.DashboardPages;
import dev.poststack.api.support.DashboardPages.Page;
import dev.poststack.api.support.SdkSignature;
import dev.poststack.api.support.WebhookReceiver;
import dev.poststack.api.support.WebhooksIT;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's webhook pages over HTTP (no browser), in the webhook tests' context so a real
 * dispatcher sends to a real receiver on loopback: create with the signing secret shown once, a
 * test delivery listed with its outcome and replayed, a new secret, off, delete; refusals beside
 * their fields.
 */
class DashboardWebhooksIT extends WebhooksIT {
  private static final String PASSWORD = "dashboard passphrase 1";
  private static final Pattern SECRET =
      Pattern.compile("id=\"signing-secret\" class=\"secret-value\">(whsec_[A-Za-z0-9_-]+)<");

  private DashboardPages pages;

  private DashboardPages pages() {
    if (pages == null) {
      pages = new DashboardPages(http, DB);
    }
    return pages;
  }

  private Page get(String path, String cookie) {
    return pages().get(path, cookie);
  }

  private Page post(
      String path, String cookie, LinkedMultiValueMap<String, String> form, String... headers) {
    return pages().post(path, cookie, form, headers);
  }

  private String member(long teamId) throws Exception {
    return pages().member(teamId, PASSWORD);
  }

  private String signIn(String email) {
    return pages().session(email, PASSWORD);
  }

  private static LinkedMultiValueMap<String, String> webhookForm(String url, String... events) {
    var fields = new LinkedMultiValueMap<String, String>();
    fields.add("url", url);
    for (String e : events) {
      fields.add("events", e);
    }
    return fields;
  }

  @Test
  void aWebhookCreatedOnThePageShowsItsSecretOnceSendsATestThatCanBeReplayedAndIsDeleted()
      throws Exception {
    var team = newTeam();
    Api key = new Api(http, team.apiKey());
    String session = signIn(member(team.teamId()));
    Page empty = get("/dashboard/webhooks", session);
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.body())
        .contains("No webhooks yet.")
        .contains("value=\"email.inbound\"")
        .contains("value=\"mailbox.quota_warning\"");
    String csrf = group(META_CSRF, empty.body());

    try (WebhookReceiver receiver = new WebhookReceiver()) {
      Page created =
          post(
              "/dashboard/webhooks",
              session,
              webhookForm(receiver.url(), "mailbox.created", "webhook.test"),
              "HX-Request",
              "true",
              "X-CSRF-Token",
              csrf);
      assertThat(created.status()).isEqualTo(200);
      assertThat(created.headers().getFirst("HX-Trigger")).isEqualTo("webhook-changed");
      String secret = group(SECRET, created.body());
      assertThat(created.body()).contains("data-copy=\"" + secret + "\"").contains("button");

      JsonNode listed =
          json(key.get("/webhooks").expectBody().returnResult().getResponseBody()).get("webhooks");
      assertThat(listed).hasSize(1);
      long id = listed.get(0).get("id").asLong();
      assertThat(listed.get(0).get("url").asString()).isEqualTo(receiver.url());

      // the secret was shown once: neither the list nor the webhook's page shows it again
      Page list = get("/dashboard/webhooks", session);
      assertThat(list.body())
          .contains("data-webhook=\"" + id + "\"")
          .contains("data-url=\"" + receiver.url() + "\"")
          .contains(">mailbox.created<")
          .contains(">webhook.test<")
          .doesNotContain(secret)
          .doesNotContain("id=\"signing-secret\"");
      Page detail = get("/dashboard/webhooks/" + id, session);
      assertThat(detail.status()).isEqualTo(200);
      assertThat(detail.body())
          .contains("id=\"webhook-state\"")
          .contains("No deliveries yet.")
          .doesNotContain(secret);

      Page tested =
          post(
              "/dashboard/webhooks/" + id + "/test",
              session,
              new LinkedMultiValueMap<>(),
              "HX-Request",
              "true",
              "X-CSRF-Token",
              csrf);
      assertThat(tested.body()).contains("Test delivery #");
      assertThat(tested.headers().getFirst("HX-Trigger")).isEqualTo("deliveries-changed");
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
      WebhookReceiver.Received first = receiver.received().get(0);
      assertThat(first.header("X-PostStack-Event")).isEqualTo("webhook.test");
      // the secret the page showed is the one that signs
      assertThat(SdkSignature.verify(first.text(), first.header("X-PostStack-Signature"), secret))
          .isTrue();

      AtomicReference<Page> deliveries = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                deliveries.set(get("/dashboard/webhooks/" + id + "/deliveries", session));
                return deliveries.get().body().contains("data-state=\"delivered\"");
              });
      String deliveryId = first.header("X-PostStack-Delivery");
      assertThat(deliveries.get().body())
          .contains("data-delivery=\"" + deliveryId + "\"")
          .contains("class=\"delivery-code\">200<")
          .contains("class=\"delivery-attempts\">1<")
          .contains(">webhook.test<");

      Page replayed =
          post(
              "/dashboard/webhooks/" + id + "/deliveries/" + deliveryId + "/replay",
              session,
              new LinkedMultiValueMap<>(),
              "HX-Request",
              "true",
              "X-CSRF-Token",
              csrf);
      assertThat(replayed.status()).isEqualTo(200);
      assertThat(replayed.body()).contains("id=\"deliveries\"").doesNotContain("role=\"alert\"");
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 2);
      assertThat(receiver.received().get(1).header("X-PostStack-Delivery")).isEqualTo(deliveryId);

      var rotate = new LinkedMultiValueMap<String, String>();
      rotate.add("graceHours", "0");
      Page rotated =
          post(
              "/dashboard/webhooks/" + id + "/rotate-secret",
              session,
              rotate,
              "HX-Request",
              "true",
              "X-CSRF-Token",
              csrf);
      String newSecret = group(SECRET, rotated.body());
      assertThat(newSecret).isNotEqualTo(secret);
      assertThat(get("/dashboard/webhooks/" + id, session).body())
          .doesNotContain(newSecret)
          .doesNotContain(secret);

      var off = new LinkedMultiValueMap<String, String>();
      off.add("enabled", "false");
      Page turnedOff =
          post("/dashboard/webhooks/" + id + "/enabled", session, off, "X-CSRF-Token", csrf);
      assertThat(turnedOff.body()).contains(">off<").contains(">Turn on<");
      assertThat(
              json(key.get("/webhooks/" + id).expectBody().returnResult().getResponseBody())
                  .get("webhook")
                  .get("active")
                  .asBoolean())
          .isFalse();

      Page deleted =
          post(
              "/dashboard/webhooks/" + id + "/delete",
              session,
              new LinkedMultiValueMap<>(),
              "HX-Request",
              "true",
              "X-CSRF-Token",
              csrf);
      assertThat(deleted.status()).isEqualTo(200);
      assertThat(deleted.body()).doesNotContain("class=\"error\"");
      assertThat(get("/dashboard/webhooks", session).body())
          .doesNotContain("data-webhook=\"" + id + "\"")
          .contains("No webhooks yet.");
      key.get("/webhooks/" + id).expectStatus().isNotFound();
    }
  }

  @Test
  void whatTheApiRefusesIsShownBesideItsFieldAndNothingIsCreated() throws Exception {
    var team = newTeam();
    Api key = new Api(http, team.apiKey());
    String session = signIn(member(team.teamId()));
    String csrf = group(META_CSRF, get("/dashboard/webhooks", session).body());

    Page notAUrl =
        post(
            "/dashboard/webhooks",
            session,
            webhookForm("not a url", "mailbox.created"),
            "X-CSRF-Token",
            csrf);
    assertThat(notAUrl.status()).isEqualTo(200);
    assertThat(notAUrl.body())
        .contains("class=\"field-error\" data-field=\"url\"")
        .contains("value=\"not a url\"")
        .doesNotContain("id=\"signing-secret\"");
    // what was ticked stays ticked for the next try
    assertThat(notAUrl.body()).containsPattern("value=\"mailbox.created\"\\s+checked");

    Page noEvents =
        post(
            "/dashboard/webhooks",
            session,
            webhookForm("https://hooks.example.com/in"),
            "X-CSRF-Token",
            csrf);
    assertThat(noEvents.body())
        .contains("data-field=\"events\"")
        .doesNotContain("id=\"signing-secret\"");

    assertThat(
            json(key.get("/webhooks").expectBody().returnResult().getResponseBody())
                .get("webhooks"))
        .isEmpty();

    // the same on the webhook's page when its URL is changed
    long id =
        createWebhook(key, "https://hooks.example.com/in", List.of("mailbox.deleted"))
            .get("webhook")
            .get("id")
            .asLong();
    Page refused =
        post(
            "/dashboard/webhooks/" + id + "/settings",
            session,
            webhookForm("ftp://hooks.example.com/in", "mailbox.deleted"),
            "X-CSRF-Token",
            csrf);
    assertThat(refused.body()).contains("data-field=\"url\"").doesNotContain("Saved.");
    Page saved =
        post(
            "/dashboard/webhooks/" + id + "/settings",
            session,
            webhookForm("https://hooks.example.com/other", "mailbox.deleted", "email.inbound"),
            "X-CSRF-Token",
            csrf);
    assertThat(saved.body())
        .contains("Saved.")
        .contains("value=\"https://hooks.example.com/other\"");
    JsonNode after =
        json(key.get("/webhooks/" + id).expectBody().returnResult().getResponseBody())
            .get("webhook");
    assertThat(after.get("url").asString()).isEqualTo("https://hooks.example.com/other");
    assertThat(after.get("events").toString()).contains("email.inbound");
  }
}
