package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poststack.provisioner.host.OutboxRelay;
import dev.poststack.system.support.ApiClient.Answer;
import dev.poststack.system.support.SystemStack;
import dev.poststack.system.support.SystemStackExtension;
import dev.poststack.system.support.Tenant;
import dev.poststack.system.support.Tenant.Mailbox;
import dev.poststack.system.support.WebhookReceiver;
import dev.poststack.testing.mail.MailClients;
import jakarta.mail.Store;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka stopped (the broker's JVM, not a pause): the mail host keeps serving from its local store.
 * The API cannot record a write without the log of record, so it answers 503 and applies nothing;
 * the SDK's retry with the same Idempotency-Key once Kafka is back applies it once. A change the
 * provisioner had already accepted, but not yet relayed to the hosts, reaches them when Kafka
 * returns, and so does the webhook of the mail delivered meanwhile: the host keeps its record of
 * the delivery until the broker takes it.
 */
@Order(91)
@ExtendWith(SystemStackExtension.class)
class KafkaOutageE2E {
  private final SystemStack stack;
  private final Tenant tenant;
  private final MailClients mail;
  private final long domainId;

  KafkaOutageE2E(SystemStack stack) {
    this.stack = stack;
    tenant = stack.tenant();
    mail = stack.mail();
    domainId = tenant.verifiedDomain(Tenant.uniqueDomain("outage"));
  }

  @Test
  void mailGoesOnWhileKafkaIsStoppedAndChangesArriveWhenItIsBack() throws Exception {
    Mailbox kim = tenant.mailbox(domainId, "kim", "kim-password-1");
    tenant.awaitOnHost(kim);
    tenant.api.patch(kim.path(), Map.of("webhookEnabled", true)).expect(200);
    WebhookReceiver receiver = new WebhookReceiver();
    String secret =
        tenant
            .api
            .post("/webhooks", Map.of("url", receiver.url(), "events", List.of("email.inbound")))
            .expect(201)
            .body()
            .get("signingSecret")
            .asString();
    Store open = mail.imap(kim.address(), kim.password());

    Mailbox lee;
    try (Connection relayLock = stack.database().connect()) {
      // holds the relay back: lee is accepted and stored, its host entry waits in the outbox
      relayLock
          .createStatement()
          .execute("select pg_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")");
      lee = tenant.mailbox(domainId, "lee", "lee-password-1");
      stack.stopKafka();
    } // closing the session releases the lock: the relay now tries, and fails, to reach Kafka

    Answer refused;
    String retryKey = UUID.randomUUID().toString();
    try {
      assertThat(mail.imapLoginWorks(kim.address(), kim.password())).isTrue();
      assertThat(mail.pop3LoginWorks(kim.address(), kim.password())).isTrue();
      assertThat(mail.deliver("sender@remote.test", kim.address(), "during-outage")).isEqualTo(250);
      assertThat(
              mail.submit(
                  kim.address(),
                  kim.password(),
                  kim.address(),
                  kim.address(),
                  "sent-during-outage"))
          .isEqualTo(250);
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  mail.imapSubjects(kim.address(), kim.password())
                      .containsAll(java.util.List.of("during-outage", "sent-during-outage")));
      assertThat(open.isConnected()).isTrue();
      assertThat(mail.imapLoginWorks(lee.address(), lee.password()))
          .as("lee before Kafka is back")
          .isFalse();

      long t0 = System.nanoTime();
      refused =
          tenant.api.send(
              "POST", kim.path() + "/password", Map.of("password", "kim-password-2"), retryKey);
      System.out.printf(
          "password change with Kafka stopped: HTTP %d after %d ms: %s%n",
          refused.status(), (System.nanoTime() - t0) / 1_000_000, refused.body());
      assertThat(mail.imapLoginWorks(kim.address(), kim.password()))
          .as("old password still the live one")
          .isTrue();
    } finally {
      stack.startKafka();
    }
    assertThat(refused.status()).isEqualTo(503);

    tenant.awaitOnHost(lee);
    assertThat(mail.imapLoginWorks(lee.address(), lee.password())).isTrue();

    tenant
        .api
        .send("POST", kim.path() + "/password", Map.of("password", "kim-password-2"), retryKey)
        .expect(200);
    tenant.awaitOnHost(kim);
    assertThat(mail.imapLoginWorks(kim.address(), "kim-password-2")).isTrue();
    assertThat(mail.imapLoginWorks(kim.address(), kim.password())).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> !open.isConnected());

    try (receiver) {
      List<WebhookReceiver.Request> hooks =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () -> receiver.withSubject("email.inbound", "during-outage"), r -> !r.isEmpty());
      assertThat(hooks.get(0).signedWith(secret)).isTrue();
      assertThat(hooks.get(0).data().get("mailboxId").asLong()).isEqualTo(kim.id());
    }
  }
}
