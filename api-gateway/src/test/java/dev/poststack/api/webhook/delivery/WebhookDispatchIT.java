package dev.poststack.api.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.api.support.Api;
import dev.poststack.api.support.Fixtures;
import dev.poststack.api.support.SdkSignature;
import dev.poststack.api.support.WebhookReceiver;
import dev.poststack.api.support.WebhooksIT;
import dev.poststack.schemas.HostRecordCodec;
import dev.poststack.schemas.Topics;
import dev.poststack.schemas.host.MailDelivered;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The dispatcher end to end: records on the real topics (and a real create through the API and the
 * real provisioner) become signed requests to real HTTP receivers on loopback.
 */
class WebhookDispatchIT extends WebhooksIT {
  private static final Duration WAIT = Duration.ofSeconds(40);
  @Autowired Dispatcher dispatcher;

  record Mailbox(long id, String publicId, String address) {}

  private Mailbox mailbox(Api api, long domainId, String localPart, boolean webhookEnabled) {
    Map<String, Object> body = new java.util.HashMap<>(Fixtures.mailbox(domainId, localPart));
    body.put("webhookEnabled", webhookEnabled);
    JsonNode m =
        json(api.post("/mailboxes", body)
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody())
            .get("mailbox");
    return new Mailbox(
        m.get("id").longValue(),
        m.get("publicId").stringValue(),
        m.get("emailAddress").stringValue());
  }

  private void deliver(Mailbox m, String messageId, String subject, String recipient) {
    MailDelivered d =
        MailDelivered.newBuilder()
            .setDeliveryId(UUID.randomUUID().toString())
            .setHostId("host-1")
            .setAddress(m.address())
            .setMailboxId(m.id())
            .setRecipient(recipient)
            .setFolder("INBOX")
            .setUid(1)
            .setMessageId(messageId)
            .setFromAddress("ann@remote.test")
            .setFromName("Ann Sender")
            .setToAddresses(List.of("Support <" + m.address() + ">"))
            .setCcAddresses(List.of("carl@remote.test"))
            .setSubject(subject)
            .setDeliveredAt(Instant.parse("2026-03-28T15:30:00.123Z"))
            .setSizeBytes(2048)
            .setTextBody("the text")
            .setHtmlBody("<p>the html</p>")
            .build();
    produce(Topics.MAIL_DELIVERIES.name(), m.address(), HostRecordCodec.encode(d));
  }

  @Test
  void aDeliveredMessageBecomesOneSignedEmailInboundRequestWithTheSdkFieldNames() {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, team.apiKey());
    Mailbox on = mailbox(api, team.domainId(), "support", true);
    Mailbox off = mailbox(api, team.domainId(), "quiet", false);
    try (WebhookReceiver receiver = new WebhookReceiver();
        WebhookReceiver withBodies = new WebhookReceiver()) {
      JsonNode created = createWebhook(api, receiver.url(), List.of("inbound_email.received"));
      String secret = created.get("signingSecret").stringValue();
      createWebhook(
          api,
          Map.of(
              "url", withBodies.url(), "events", List.of("email.inbound"), "includeBodies", true));

      deliver(off, "<q1@remote.test>", "not for webhooks", null);
      deliver(on, "<m1@remote.test>", "Invoice 42", "support+invoice-42@" + team.domainName());
      // the MTA delivered the same message twice: one event
      deliver(on, "<m1@remote.test>", "Invoice 42", "support+invoice-42@" + team.domainName());
      deliver(on, "<m2@remote.test>", "last", null); // same partition, after the repeat

      await().atMost(WAIT).until(() -> subjects(receiver).contains("last"));
      assertThat(subjects(receiver)).containsExactly("Invoice 42", "last");
      var request = receiver.received().get(0);
      assertThat(
              SdkSignature.verify(request.text(), request.header("X-PostStack-Signature"), secret))
          .isTrue();
      assertThat(request.header("X-PostStack-Event")).isEqualTo("email.inbound");
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
      JsonNode body = json(request.body());
      assertThat(body.get("event").stringValue()).isEqualTo("email.inbound");
      JsonNode data = body.get("data");
      assertThat(data.get("fromAddress").stringValue()).isEqualTo("ann@remote.test");
      assertThat(data.get("fromName").stringValue()).isEqualTo("Ann Sender");
      assertThat(data.get("toAddress").stringValue())
          .isEqualTo("support+invoice-42@" + team.domainName());
      assertThat(data.get("toAddresses").toString())
          .isEqualTo("[{\"address\":\"" + on.address() + "\",\"name\":\"Support\"}]");
      assertThat(data.get("ccAddresses").toString())
          .isEqualTo("[{\"address\":\"carl@remote.test\",\"name\":null}]");
      assertThat(data.get("messageId").stringValue()).isEqualTo("<m1@remote.test>");
      assertThat(data.get("subject").stringValue()).isEqualTo("Invoice 42");
      assertThat(data.get("createdAt").stringValue()).isEqualTo("2026-03-28T15:30:00.123Z");
      assertThat(data.get("mailboxHash").stringValue()).isEqualTo("invoice-42");
      assertThat(data.get("spamScore").isNull()).isTrue();
      assertThat(data.get("spamVerdict").isNull()).isTrue();
      assertThat(data.get("mailboxId").longValue()).isEqualTo(on.id());
      assertThat(data.get("mailboxPublicId").stringValue()).isEqualTo(on.publicId());
      assertThat(data.get("sizeBytes").longValue()).isEqualTo(2048);
      assertThat(data.has("textBody")).isFalse();

      await().atMost(WAIT).until(() -> subjects(withBodies).contains("last"));
      JsonNode full = json(withBodies.received().get(0).body()).get("data");
      assertThat(full.get("textBody").stringValue()).isEqualTo("the text");
      assertThat(full.get("htmlBody").stringValue()).isEqualTo("<p>the html</p>");
    }
  }

  @Test
  void aReceiverThatFailsThreeTimesThenSucceedsShowsOneSuccessAfterThreeFailedAttempts() {
    Api api = new Api(http, newTeam().apiKey());
    try (WebhookReceiver receiver = new WebhookReceiver().thenAnswer(500, 503, 500)) {
      long id =
          createWebhook(api, receiver.url(), List.of("webhook.test"))
              .get("webhook")
              .get("id")
              .longValue();
      api.post("/webhooks/" + id + "/test", null).expectStatus().isOk();
      await().atMost(WAIT).until(() -> delivered(id) == 1);
      assertThat(receiver.received()).hasSize(4);
      assertThat(receiver.received().stream().map(r -> r.header("X-PostStack-Delivery")).distinct())
          .hasSize(1);
      assertThat(receiver.received().stream().map(r -> r.header("X-PostStack-Attempt")))
          .containsExactly("1", "2", "3", "4");
      assertThat(
              rows(
                      "select a.status_code from webhook_attempt a join webhook_delivery d on d.id"
                          + " = a.delivery_id where d.webhook_id = ? order by a.attempt",
                      id)
                  .stream()
                  .map(r -> r.get(0))
                  .toList())
          .containsExactly(500, 503, 500, 200);
      JsonNode d =
          json(api.get("/webhooks/" + id + "/deliveries")
                  .expectBody()
                  .returnResult()
                  .getResponseBody())
              .get("deliveries")
              .get(0);
      assertThat(d.get("attempts").intValue()).isEqualTo(4);
      assertThat(d.get("statusCode").intValue()).isEqualTo(200);
      assertThat(d.get("responseBody").stringValue()).isEqualTo("status 200");
      assertThat(d.get("deliveredAt").isNull()).isFalse();
      assertThat(d.get("nextRetryAt").isNull()).isTrue();
      api.get("/webhooks/" + id)
          .expectBody()
          .jsonPath("$.webhook.consecutiveFailures")
          .isEqualTo(0);
    }
  }

  @Test
  void aMailboxCreatedThroughTheApiIsAnnouncedOnceAndARefusedCreateIsNot() {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, team.apiKey());
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      JsonNode created =
          createWebhook(
              api,
              receiver.url(),
              List.of("mailbox.created", "mailbox.updated", "mailbox.deleted"));
      String secret = created.get("signingSecret").stringValue();
      Mailbox first = mailbox(api, team.domainId(), "sales", false);
      // taken: the provisioner rejects it, so nothing is announced
      api.post("/mailboxes", Fixtures.mailbox(team.domainId(), "sales"))
          .expectStatus()
          .isEqualTo(409);
      api.patch("/mailboxes/" + first.publicId(), Map.of("displayName", "Sales Team"))
          .expectStatus()
          .isOk();
      api.post(
              "/mailboxes/" + first.publicId() + "/password",
              Map.of("password", "another-password-1"))
          .expectStatus()
          .isOk();
      api.delete("/mailboxes/" + first.publicId()).expectStatus().isOk();
      Mailbox second = mailbox(api, team.domainId(), "sales", false);

      await().atMost(WAIT).until(() -> receiver.received().size() >= 5);
      assertThat(receiver.received()).hasSize(5);
      // in order per mailbox (not across mailboxes: the second one's create may come first)
      var events =
          receiver.received().stream()
              .map(r -> json(r.body()))
              .filter(e -> e.get("data").get("mailboxId").longValue() == first.id())
              .toList();
      assertThat(events.stream().map(e -> e.get("event").stringValue()))
          .containsExactly(
              "mailbox.created", "mailbox.updated", "mailbox.updated", "mailbox.deleted");
      JsonNode createdData = events.get(0).get("data");
      assertThat(createdData.get("publicId").stringValue()).isEqualTo(first.publicId());
      assertThat(createdData.get("emailAddress").stringValue()).isEqualTo(first.address());
      assertThat(createdData.get("status").stringValue()).isEqualTo("active");
      assertThat(
              events.get(1).get("data").get("changes").get("displayName").get("to").stringValue())
          .isEqualTo("Sales Team");
      assertThat(events.get(3).get("data").get("status").stringValue()).isEqualTo("deleted");
      assertThat(events.get(1).get("data").has("status")).isFalse();
      assertThat(events.get(2).get("data").get("changes").toString())
          .isEqualTo("{\"password\":\"changed\"}");
      assertThat(
              receiver.received().stream()
                  .map(r -> json(r.body()).get("data"))
                  .filter(d -> d.get("mailboxId").longValue() == second.id())
                  .map(d -> d.get("publicId").stringValue()))
          .containsExactly(second.publicId());
      for (var r : receiver.received()) {
        assertThat(SdkSignature.verify(r.text(), r.header("X-PostStack-Signature"), secret))
            .isTrue();
        assertThat(r.text()).doesNotContain("CRYPT").doesNotContain("another-password-1");
      }
    }
  }

  @Test
  void batchReplaySendsAgainTheFailedDeliveriesOnly() {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, team.apiKey());
    Mailbox a = mailbox(api, team.domainId(), "alpha", true);
    Mailbox b = mailbox(api, team.domainId(), "beta", true);
    var fixed = new java.util.concurrent.atomic.AtomicBoolean();
    try (WebhookReceiver receiver =
        new WebhookReceiver()
            .answer(r -> r.text().contains("fail-me") && !fixed.get() ? 500 : 200)) {
      long id =
          createWebhook(api, receiver.url(), List.of("email.inbound"))
              .get("webhook")
              .get("id")
              .longValue();
      deliver(a, "<f1@r.test>", "fail-me 1", null);
      deliver(b, "<f2@r.test>", "fail-me 2", null);
      deliver(a, "<ok1@r.test>", "fine 1", null);
      deliver(b, "<ok2@r.test>", "fine 2", null);
      // the failing ones are retried for the 3 s window, then failed; the fine ones wait behind
      // them (same mailbox) and are then delivered
      await().atMost(WAIT).until(() -> delivered(id) == 2 && count(id, "failed") == 2);
      int sentBefore = receiver.received().size();
      fixed.set(true);
      JsonNode answer =
          json(
              api.post(
                      "/webhooks/" + id + "/deliveries/batch-replay",
                      Map.of("eventType", "inbound_email.received"))
                  .expectStatus()
                  .isOk()
                  .expectBody()
                  .returnResult()
                  .getResponseBody());
      assertThat(answer.get("replayed").longValue()).isEqualTo(2);
      assertThat(answer.get("remaining").longValue()).isZero();
      await().atMost(WAIT).until(() -> delivered(id) == 4);
      var resent = receiver.received().subList(sentBefore, receiver.received().size());
      assertThat(resent.stream().map(r -> json(r.body()).get("data").get("subject").stringValue()))
          .containsExactlyInAnyOrder("fail-me 1", "fail-me 2");
      assertThat(subjects(receiver).stream().filter(s -> s.startsWith("fine"))).hasSize(2);
      // a delivered one replayed by hand is sent again
      long fine =
          (Long)
              rows(
                      "select id from webhook_delivery where webhook_id = ? and data like"
                          + " '%fine 1%'",
                      id)
                  .get(0)
                  .get(0);
      api.post("/webhooks/" + id + "/deliveries/" + fine + "/replay", null)
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.success")
          .isEqualTo(true);
      await()
          .atMost(WAIT)
          .until(() -> subjects(receiver).stream().filter("fine 1"::equals).count() == 2);
    }
  }

  @Test
  void aDispatcherStoppedMidWayAndStartedAgainLosesAndDoublesNothing() {
    var team = Fixtures.teamWithDomain(teams, broker.getBrokersAsString());
    Api api = new Api(http, team.apiKey());
    Mailbox m = mailbox(api, team.domainId(), "busy", true);
    Mailbox n = mailbox(api, team.domainId(), "other", true);
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      long id =
          createWebhook(api, receiver.url(), List.of("email.inbound"))
              .get("webhook")
              .get("id")
              .longValue();
      for (int i = 0; i < 30; i++) {
        deliver(i % 2 == 0 ? m : n, "<r" + i + "@r.test>", "r" + i, null);
      }
      await().atMost(WAIT).until(() -> receiver.received().size() >= 3);
      dispatcher.stop();
      for (int i = 30; i < 60; i++) {
        deliver(i % 2 == 0 ? m : n, "<r" + i + "@r.test>", "r" + i, null);
      }
      dispatcher.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> delivered(id) == 60);
      assertThat(count(id, null)).isEqualTo(60);
      Set<String> ids =
          receiver.received().stream()
              .map(r -> r.header("X-PostStack-Delivery"))
              .collect(Collectors.toSet());
      assertThat(ids).hasSize(60);
      assertThat(new java.util.HashSet<>(subjects(receiver))).hasSize(60);
      // one mailbox's messages arrived in the order they were delivered
      List<Integer> ofM =
          receiver.received().stream()
              .map(r -> json(r.body()).get("data"))
              .filter(d -> d.get("mailboxId").longValue() == m.id())
              .map(d -> Integer.parseInt(d.get("subject").stringValue().substring(1)))
              .distinct()
              .toList();
      assertThat(ofM).isSorted().hasSize(30);
    } finally {
      dispatcher.start();
    }
  }

  @Test
  void aTeamWhoseEndpointIsSlowHoldsItsOwnShareOfSendersAndNoOneElses() {
    Api slowTeam = new Api(http, newTeam().apiKey());
    Api quickTeam = new Api(http, newTeam().apiKey());
    // each answer takes 1.5 s (within the 2 s read time-out): 12 of them take 9 s at 2 at a time
    try (WebhookReceiver slow = new WebhookReceiver().slow(Duration.ofMillis(1500));
        WebhookReceiver quick = new WebhookReceiver()) {
      long slowId =
          createWebhook(slowTeam, slow.url(), List.of("webhook.test"))
              .get("webhook")
              .get("id")
              .longValue();
      for (int i = 0; i < 12; i++) {
        slowTeam.post("/webhooks/" + slowId + "/test", null).expectStatus().isOk();
      }
      await().atMost(WAIT).until(() -> slow.received().size() >= 2);
      long quickId =
          createWebhook(quickTeam, quick.url(), List.of("webhook.test"))
              .get("webhook")
              .get("id")
              .longValue();
      quickTeam.post("/webhooks/" + quickId + "/test", null).expectStatus().isOk();
      // answered while the other team's queue is still being worked off
      await().atMost(WAIT).until(() -> delivered(quickId) == 1);
      assertThat(delivered(slowId)).isLessThan(12);
      await().atMost(WAIT).until(() -> delivered(slowId) == 12);
      assertThat(slow.maxInFlight()).isEqualTo(2);
    }
  }

  private static List<String> subjects(WebhookReceiver receiver) {
    return receiver.received().stream()
        .map(r -> json(r.body()).get("data").get("subject"))
        .map(s -> s == null ? null : s.stringValue())
        .toList();
  }

  private static long delivered(long webhookId) {
    return count(webhookId, "delivered");
  }

  private static long count(long webhookId, String state) {
    return (Long)
        (state == null
                ? rows("select count(*) from webhook_delivery where webhook_id = ?", webhookId)
                : rows(
                    "select count(*) from webhook_delivery where webhook_id = ? and state = ?",
                    webhookId,
                    state))
            .get(0)
            .get(0);
  }
}
